package dev.capscope.core.snapshot;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.SnapshotMeta;
import dev.capscope.core.model.ThreadInfo;

import java.util.Locale;

/**
 * A plain-text rendering of a snapshot with one line per fact (metadata field, thread, slot,
 * cap-map entry), in a fixed order, for plain {@code diff} (capDL-tool style). Selectors and kcaps
 * are shown in hex with fixed width so columns line up; ids and counts in decimal.
 *
 * <pre>
 * slot 0x0300 kcap 0x0300000 RWS  obj 4100 Ipc_gate label 16 (cap map)
 * capmap 0x0300 id 16 refs 1 rpc=PD label="log_client" args="ram_quota=64K" server=core quota=65536
 * </pre>
 */
public final class CanonicalText {
    private CanonicalText() {
    }

    public static String render(Snapshot snapshot) {
        StringBuilder b = new StringBuilder(4096 + snapshot.space().slots().size() * 80);
        SnapshotMeta m = snapshot.meta();
        CapSpace space = snapshot.space();
        line(b, "capscope-snapshot " + m.schemaVersion());
        line(b, "name " + quote(m.name()));
        line(b, "task " + quote(m.task()));
        line(b, "profile " + m.profile());
        line(b, "kernel " + quote(m.kernel()));
        line(b, "endpoint " + quote(m.endpoint()));
        line(b, "taken-at " + m.takenAt());
        line(b, "tool-version " + quote(m.toolVersion()));
        line(b, "generation " + space.generation());
        line(b, "counts slots " + space.slots().size() + " objects " + space.objects().size() + " threads "
                + space.threads().size() + " cap-map " + space.capMap().size());
        for (ThreadInfo t : space.threads()) {
            line(b, "thread " + t.index() + " " + quote(t.name()) + " " + quote(t.state()));
        }
        for (Slot s : space.slots()) {
            KernelObject o = space.object(s.objectId());
            line(b, "slot " + hex(s.selector()) + " kcap " + kcap(s.selector()) + " "
                    + String.format(Locale.ROOT, "%-4s", s.rights()) + " obj " + (o.idKnown() ? Long.toString(o.id()) : "?")
                    + " " + o.kind().kernelName()
                    + (o.label() == null ? "" : " label " + o.label()) + " (" + s.role() + ")");
        }
        for (CapMapEntry e : space.capMap()) {
            line(b, "capmap " + hex(e.index()) + " id " + (e.hasBadge() ? Long.toString(e.rawId()) : "none")
                    + " refs " + e.refCount() + semantics(e.semantics()));
        }
        return b.toString();
    }

    private static String semantics(Semantics s) {
        StringBuilder b = new StringBuilder();
        field(b, "rpc", s.rpcInterface(), false);
        field(b, "label", s.label(), true);
        field(b, "args", s.args(), true);
        field(b, "server", s.server(), false);
        if (s.quota() != null) {
            b.append(" quota=").append(s.quota());
        }
        return b.toString();
    }

    private static void field(StringBuilder b, String name, String value, boolean quoted) {
        if (value != null) {
            b.append(' ').append(name).append('=').append(quoted ? quote(value) : value.replace(' ', '_'));
        }
    }

    private static String hex(int selector) {
        return String.format(Locale.ROOT, "0x%04x", selector);
    }

    private static String kcap(int selector) {
        return String.format(Locale.ROOT, "0x%07x", Selectors.kcap(selector));
    }

    /** Double-quoted with \, " and control characters escaped, so every fact stays on one line. */
    private static String quote(String s) {
        if (s == null) {
            return "-";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static void line(StringBuilder b, String text) {
        b.append(text).append('\n');
    }
}
