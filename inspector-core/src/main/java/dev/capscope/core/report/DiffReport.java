package dev.capscope.core.report;

import dev.capscope.core.diff.CapMapDiff;
import dev.capscope.core.diff.DiffResult;
import dev.capscope.core.diff.DiffStatus;
import dev.capscope.core.diff.FieldChange;
import dev.capscope.core.diff.SlotDiff;
import dev.capscope.core.diff.StatusCounts;
import dev.capscope.core.diff.ThreadDiff;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.ThreadInfo;
import dev.capscope.core.text.TerminalText;

import java.util.List;
import java.util.Map;

/**
 * Renders a {@link DiffResult} for people (text, one line per difference with its field-level
 * before/after) and for scripts (a tree of maps and lists that any JSON library writes). Shared by
 * the command line and the app's diff export so both say the same thing.
 */
public final class DiffReport {
    private DiffReport() {
    }

    /** Human-readable report; {@code all} also lists unchanged rows. */
    public static String text(DiffResult diff, String baselineName, String afterName, boolean all) {
        StringBuilder b = new StringBuilder();
        b.append("diff ").append(TerminalText.escape(baselineName)).append(" -> ").append(TerminalText.escape(afterName))
                .append("  (match by ").append(diff.matchKey().name().toLowerCase()).append(")\n");
        b.append(diff.isEmpty() ? "no differences\n" : diff.differenceCount() + " differences\n");
        b.append("slots:   ").append(counts(diff.slotTotals())).append('\n');
        b.append("cap map: ").append(counts(diff.capMapTotals())).append('\n');
        b.append("threads: ").append(threadCounts(diff)).append('\n');
        diff.slotsByKind().forEach((kind, c) -> {
            if (c.differences(diff.matchKey()) > 0 || c.rebound() > 0) {
                b.append("  kind ").append(kind.kernelName()).append(": ").append(counts(c)).append('\n');
            }
        });
        diff.slotsByArea().forEach((area, c) -> {
            if (c.differences(diff.matchKey()) > 0 || c.rebound() > 0) {
                b.append("  area ").append(area.title()).append(": ").append(counts(c)).append('\n');
            }
        });
        List<SlotDiff> slots = all ? diff.slots() : diff.slotChanges();
        if (!slots.isEmpty()) {
            b.append("\nslots\n");
            for (SlotDiff d : slots) {
                b.append(mark(d.status())).append(' ').append(pad(Selectors.format(d.selector()), 16)).append(' ')
                        .append(slotText(d.after() != null ? d.after() : d.before(),
                                d.afterObject() != null ? d.afterObject() : d.beforeObject()))
                        .append('\n');
                appendChanges(b, d.changes());
            }
        }
        List<CapMapDiff> entries = all ? diff.capMap() : diff.capMapChanges();
        if (!entries.isEmpty()) {
            b.append("\ncap map\n");
            for (CapMapDiff d : entries) {
                CapMapEntry e = d.after() != null ? d.after() : d.before();
                b.append(mark(d.status())).append(' ').append(pad(Selectors.format(d.index()), 16)).append(' ')
                        .append(entryText(e)).append('\n');
                appendChanges(b, d.changes());
            }
        }
        List<ThreadDiff> threads = all ? diff.threads() : diff.threadChanges();
        if (!threads.isEmpty()) {
            b.append("\nthreads\n");
            for (ThreadDiff d : threads) {
                ThreadInfo t = d.after() != null ? d.after() : d.before();
                b.append(mark(d.status())).append(' ').append(pad("thread " + d.index(), 16)).append(' ')
                        .append(TerminalText.escape(t.name())).append(" (").append(TerminalText.escape(t.state())).append(")\n");
                if (!d.changeText().isEmpty()) {
                    b.append("      ").append(TerminalText.escape(d.changeText())).append('\n');
                }
            }
        }
        return b.toString();
    }

    private static String threadCounts(DiffResult diff) {
        int[] n = new int[DiffStatus.values().length];
        diff.threads().forEach(d -> n[d.status().ordinal()]++);
        return n[DiffStatus.ADDED.ordinal()] + " added, " + n[DiffStatus.REMOVED.ordinal()] + " removed, "
                + n[DiffStatus.CHANGED.ordinal()] + " changed, " + n[DiffStatus.UNCHANGED.ordinal()] + " unchanged";
    }

    /**
     * Structured form for --json and the app's JSON export (docs/schema/diff.schema.json); changed
     * rows only unless {@code all}.
     */
    public static Map<String, Object> tree(DiffResult diff, String baselineName, String afterName, boolean all) {
        return DiffJson.tree(diff, baselineName, afterName, all);
    }

    /** A slot's row as in {@link #tree}'s {@code slots} (the window's Copy as JSON of a diff row uses it). */
    public static Map<String, Object> slotRow(SlotDiff d) {
        return DiffJson.slotRow(d);
    }

    /** A cap-map entry's row as in {@link #tree}'s {@code capMap}. */
    public static Map<String, Object> capMapRow(CapMapDiff d) {
        return DiffJson.capMapRow(d);
    }

    private static void appendChanges(StringBuilder b, List<FieldChange> changes) {
        for (FieldChange c : changes) {
            b.append("      ").append(c.field().title()).append(": ").append(quoted(c.before())).append(" -> ")
                    .append(quoted(c.after())).append('\n');
        }
    }

    /** Genode labels contain " -> " themselves, so values with spaces are quoted to keep the arrow unambiguous. */
    private static String quoted(String raw) {
        String value = TerminalText.escape(raw);
        return value.indexOf(' ') >= 0 || value.contains("->") ? '"' + value.replace("\"", "\\\"") + '"' : value;
    }

    static String counts(StatusCounts c) {
        return c.added() + " added, " + c.removed() + " removed, " + c.changed() + " changed, " + c.rebound()
                + " rebound, " + c.unchanged() + " unchanged";
    }

    private static char mark(DiffStatus s) {
        return switch (s) {
            case ADDED -> '+';
            case REMOVED -> '-';
            case CHANGED -> '~';
            case REBOUND -> '^';
            case UNCHANGED -> '=';
        };
    }

    private static String slotText(Slot s, KernelObject o) {
        String kind = o == null ? "?" : o.kind().kernelName();
        String label = o == null || o.label() == null ? "" : " label " + o.label();
        return kind + " " + s.rights() + " " + TerminalText.escape(s.role()) + label;
    }

    private static String entryText(CapMapEntry e) {
        String id = e.hasBadge() ? "badge " + e.rawId() : "no badge";
        String meaning = e.semantics().describe();
        return id + " refs " + e.refCount() + (meaning.isEmpty() ? "" : "  " + meaning);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
