package dev.capscope.core.holders;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/** The result of {@link ObjectJoin#join}: every object with its holders, and lookup by slot. */
public final class Holdings {
    private final List<TaskSpace> tasks;
    private final List<HeldObject> objects;
    private final Map<String, HeldObject> bySlot = new HashMap<>();

    Holdings(List<TaskSpace> tasks, List<HeldObject> objects) {
        this.tasks = List.copyOf(tasks);
        this.objects = List.copyOf(objects);
        for (HeldObject o : this.objects) {
            for (Holder h : o.holders()) {
                bySlot.put(slotKey(h.task(), h.selector()), o);
            }
        }
    }

    private static String slotKey(String task, int selector) {
        return task + "\u0000" + selector;
    }

    public List<TaskSpace> tasks() {
        return tasks;
    }

    public List<HeldObject> objects() {
        return objects;
    }

    /** The object a task's selector names, or null when the selector is empty (or the task not joined). */
    public HeldObject at(String task, int selector) {
        return bySlot.get(slotKey(Objects.requireNonNull(task, "task"), selector));
    }

    public List<HeldObject> filter(Predicate<HeldObject> keep) {
        return objects.stream().filter(keep).toList();
    }
}
