package dev.capscope.bridge.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One task's true state as capsim itself dumps it from l4sim's object space and its runtime (the
 * {@code dump} stdin command), parsed here without any of Capscope's walker, model or diff code: the
 * independent reader that judges a restore.
 *
 * @param slots   selector -> {object id, kind, rights, label}
 * @param threads "index state name" lines
 * @param entries index -> {raw id, ref count, flags, known, quota, iface, label, args, server}
 */
public record TrueState(String task, Map<Integer, long[]> slots, List<String> threads, Map<Integer, String[]> entries) {

    static final int NO_BADGE = 0xFFFF;

    public static TrueState read(Path dump) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dump);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String task = null;
        Map<Integer, long[]> slots = new TreeMap<>();
        List<String> threads = new ArrayList<>();
        Map<Integer, String[]> entries = new TreeMap<>();
        boolean ended = false;
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "task" -> task = f[2];
                case "slot" -> slots.put(Integer.parseInt(f[1]), new long[]{Long.parseLong(f[2]), Long.parseLong(f[3]),
                        Long.parseLong(f[4]), Long.parseLong(f[5])});
                case "thread" -> threads.add(f[1] + " " + f[2] + " " + f[3]);
                case "entry" -> entries.put(Integer.parseInt(f[1]), java.util.Arrays.copyOfRange(f, 2, f.length));
                case "end" -> ended = true;
                default -> throw new IllegalStateException("unexpected dump line: " + line);
            }
        }
        if (!ended || task == null) {
            throw new IllegalStateException("incomplete dump " + dump);
        }
        return new TrueState(task, slots, threads, entries);
    }

    /**
     * The state with identities dropped where a restore may change them (a re-created session is a
     * new gate with a new badge) and kept where it may not: selectors below {@code userBase} (core's
     * slots) keep their object ids and their entries' raw ids. An entry keeps whether its badge is
     * its gate's label, so a gate mapped over a foreign entry shows.
     */
    public String normalized(int userBase) {
        StringBuilder b = new StringBuilder();
        slots.forEach((sel, s) -> {
            b.append("slot ").append(sel).append(" kind ").append(s[1]).append(" rights ").append(s[2]);
            if (sel < userBase) {
                b.append(" object ").append(s[0]).append(" label ").append(s[3]);
            }
            b.append('\n');
        });
        threads.forEach(t -> b.append("thread ").append(t).append('\n'));
        entries.forEach((index, e) -> {
            long raw = Long.parseLong(e[0]);
            b.append("entry ").append(index);
            if (index < userBase || raw == NO_BADGE) {
                b.append(" raw ").append(raw);
            } else {
                long[] s = slots.get(index);
                boolean own = s == null || s[1] != 3 || s[3] == raw; // kind 3 = Ipc_gate
                b.append(own ? " badge=label" : " badge!=label");
            }
            for (int i = 1; i < e.length; i++) {
                b.append(' ').append(e[i]);
            }
            b.append('\n');
        });
        return b.toString();
    }

    /** Exact state, identities included. */
    public String exact() {
        StringBuilder b = new StringBuilder();
        slots.forEach((sel, s) -> b.append("slot ").append(sel).append(' ').append(java.util.Arrays.toString(s))
                .append('\n'));
        threads.forEach(t -> b.append("thread ").append(t).append('\n'));
        entries.forEach((i, e) -> b.append("entry ").append(i).append(' ').append(String.join("|", e)).append('\n'));
        return b.toString();
    }

    /** Session entries (flag 2) in the component area whose selector holds no cap. */
    public boolean hasDanglingSessions(int userBase) {
        return entries.entrySet().stream().anyMatch(e -> e.getKey() >= userBase
                && (Integer.parseInt(e.getValue()[2]) & 2) != 0 && !slots.containsKey(e.getKey()));
    }

    public int slotCount() {
        return slots.size();
    }

    public int entryCount() {
        return entries.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrueState t && Objects.equals(exact(), t.exact());
    }

    @Override
    public int hashCode() {
        return exact().hashCode();
    }
}
