package dev.capscope.app.cli;

import dev.capscope.core.text.TerminalText;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.ThreadInfo;
import dev.capscope.core.profile.Area;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.SelectorLayout;
import dev.capscope.core.profile.SelectorRole;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A cap space as an indented text tree — areas, then fixed slots, threads with their slots, and
 * cap-map entries — the command line's counterpart of the app's tree. Empty slots are left out.
 */
final class SpaceTreeText {
    private final CapSpace space;
    private final SelectorLayout layout;

    SpaceTreeText(CapSpace space, LayoutProfile profile) {
        this.space = space;
        this.layout = SelectorLayout.of(profile);
    }

    void print(PrintWriter out) {
        out.printf("%s  profile %s  %d valid selectors of %d  %d cap-map entries  %d threads  generation %d%n",
                TerminalText.escape(space.taskName()), layout.profile().name(), space.slots().size(), Selectors.COUNT,
                space.capMap().size(), space.threads().size(), space.generation());
        Map<Area, List<Slot>> byArea = new EnumMap<>(Area.class);
        for (Slot s : space.slots()) {
            byArea.computeIfAbsent(layout.areaOf(s.selector()), a -> new ArrayList<>()).add(s);
        }
        for (Area area : Area.values()) {
            List<Slot> slots = byArea.getOrDefault(area, List.of());
            if (area == Area.THREADS) {
                printThreads(out, slots);
            } else if (area == Area.COMPONENT) {
                printComponentArea(out, slots);
            } else if (!slots.isEmpty()) {
                out.printf("%s (%d)%n", area.title(), slots.size());
                slots.forEach(s -> out.println("  " + slotLine(s)));
            }
        }
        out.flush();
    }

    private void printThreads(PrintWriter out, List<Slot> slots) {
        out.printf("%s (%d threads, %d valid slots)%n", Area.THREADS.title(), space.threads().size(), slots.size());
        Map<Integer, List<Slot>> byThread = new java.util.TreeMap<>();
        for (Slot s : slots) {
            byThread.computeIfAbsent(layout.roleOf(s.selector()).threadIndex(), i -> new ArrayList<>()).add(s);
        }
        for (ThreadInfo t : space.threads()) {
            byThread.putIfAbsent(t.index(), List.of());
        }
        byThread.forEach((index, list) -> {
            ThreadInfo t = space.threads().stream().filter(x -> x.index() == index).findFirst().orElse(null);
            out.printf("  thread %d %s%n", index, t == null ? "(not reported by the target)"
                    : "\"" + TerminalText.escape(t.name()) + "\" " + TerminalText.escape(t.state()));
            list.forEach(s -> out.println("    " + slotLine(s)));
        });
    }

    private void printComponentArea(PrintWriter out, List<Slot> slots) {
        java.util.TreeSet<Integer> rows = new java.util.TreeSet<>();
        slots.forEach(s -> rows.add(s.selector()));
        int entries = 0;
        for (CapMapEntry e : space.capMap()) {
            if (layout.areaOf(e.index()) == Area.COMPONENT) {
                rows.add(e.index());
                entries++;
            }
        }
        out.printf("%s (%d valid, %d cap-map entries)%n", Area.COMPONENT.title(), slots.size(), entries);
        for (int sel : rows) {
            Slot s = space.slot(sel);
            CapMapEntry e = space.capMapEntry(sel);
            String empty = e != null && !e.hasBadge() ? "(empty: receive window)" : "(empty)";
            String left = s != null ? slotLine(s) : emptyLine(sel, empty);
            out.println("  " + left + (e == null ? "  [no cap-map entry]" : "  " + entryText(e)));
        }
    }

    private String slotLine(Slot s) {
        KernelObject o = space.object(s.objectId());
        SelectorRole role = layout.roleOf(s.selector());
        String label = o.label() == null ? "" : " label " + o.label();
        StringBuilder line = new StringBuilder(96);
        column(line, Selectors.format(s.selector()), 16).append(' ');
        column(line, Selectors.formatKcap(s.selector()), 12).append(' ');
        column(line, s.role().isEmpty() ? role.role() : TerminalText.escape(s.role()), 18).append(' ');
        column(line, o.kind().kernelName(), 13).append(' ');
        column(line, String.valueOf(s.rights()), 4);
        return line.append(" obj ").append(o.idKnown() ? Long.toString(o.id()) : "?").append(label).toString();
    }

    private static String emptyLine(int sel, String empty) {
        StringBuilder line = new StringBuilder(80);
        column(line, Selectors.format(sel), 16).append(' ');
        column(line, Selectors.formatKcap(sel), 12).append(' ');
        return column(line, empty, 37).toString();
    }

    /**
     * Text left-aligned in a column of at least {@code width} characters (what "%-16s" gives, without
     * parsing a format string for each of a few thousand lines).
     */
    private static StringBuilder column(StringBuilder line, String text, int width) {
        line.append(text);
        for (int pad = width - text.length(); pad > 0; pad--) {
            line.append(' ');
        }
        return line;
    }

    private static String entryText(CapMapEntry e) {
        String id = e.hasBadge() ? "badge " + e.rawId() : "no badge";
        String meaning = e.semantics().describe();
        return id + " refs " + e.refCount() + (meaning.isEmpty() ? "" : "  " + meaning);
    }
}
