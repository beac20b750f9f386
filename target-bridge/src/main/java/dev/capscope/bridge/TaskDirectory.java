package dev.capscope.bridge;

import dev.capscope.bridge.driver.BridgeConnection;
import dev.capscope.bridge.driver.TaskRecord;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.target.TargetException.Code;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The port names tasks, the wire numbers them: this keeps the name -> id table from the last
 * TASKS answer and re-reads it when a name is unknown or the agent says an id is gone (a task
 * restarted under the same name gets a new id).
 */
final class TaskDirectory {
    private static final int NO_SUCH_TASK = 7;

    private final BridgeConnection connection;
    private Map<String, Long> ids = Map.of();
    private List<TaskRecord> records = List.of();

    TaskDirectory(BridgeConnection connection) {
        this.connection = connection;
    }

    synchronized List<TaskRecord> refresh() {
        List<TaskRecord> fresh = connection.tasks();
        Map<String, Long> m = new LinkedHashMap<>();
        for (TaskRecord t : fresh) {
            m.putIfAbsent(t.name(), t.id());
        }
        ids = m;
        records = fresh;
        return fresh;
    }

    /** Runs a call with the task's id, looking the name up again once if the id went stale. */
    <T> T withTask(String task, LongFunction<T> call) {
        long id = resolve(task, false);
        try {
            return call.apply(id);
        } catch (TargetException e) {
            if (e.code() != Code.REJECTED || connection.lastWireStatus() != NO_SUCH_TASK) {
                throw e;
            }
            long again = resolve(task, true);
            if (again == id) {
                throw e;
            }
            return call.apply(again);
        }
    }

    /** The ids of the leading tasks of {@code names} that exist (re-reading the table once if needed). */
    synchronized long[] leadingIds(List<String> names) {
        long[] out = new long[names.size()];
        int n = 0;
        boolean reloaded = false;
        while (n < out.length) {
            Long id = ids.get(names.get(n));
            if (id == null && !reloaded) {
                refresh();
                reloaded = true;
                continue;
            }
            if (id == null) {
                break;
            }
            out[n++] = id;
        }
        return Arrays.copyOf(out, n);
    }

    private synchronized long resolve(String task, boolean reload) {
        Long id = reload ? null : ids.get(task);
        if (id == null) {
            refresh();
            id = ids.get(task);
        }
        if (id == null) {
            throw new TargetException(Code.REJECTED, connection.endpoint() + ": no task named '" + task
                    + "'; it has " + names() + " (see 'capscope targets --target " + connection.endpoint() + "')");
        }
        return id;
    }

    private String names() {
        if (records.isEmpty()) {
            return "no tasks";
        }
        StringBuilder b = new StringBuilder();
        for (TaskRecord r : records) {
            if (b.length() > 200) {
                b.append(", ...");
                break;
            }
            b.append(b.length() == 0 ? "" : ", ").append('\'').append(r.name()).append('\'');
        }
        return b.toString();
    }
}
