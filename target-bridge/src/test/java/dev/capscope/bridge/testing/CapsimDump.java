package dev.capscope.bridge.testing;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.ThreadInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * capsim's own view of a task ({@code dump TASK FILE}, capsim/dump.c), read straight from l4sim
 * and capsim's bookkeeping, rendered as sorted lines; {@link #render(CapSpace)} renders a walked
 * space the same way so a test can compare the two and print a readable difference.
 */
public final class CapsimDump {
    /** Protocol kind numbers, written out again here on purpose (independent of the bridge's table). */
    private static final String[] KIND_NAMES = {"UNKNOWN", "TASK", "THREAD", "IPC_GATE", "IRQ_SENDER",
            "IRQ_SEMAPHORE", "FACTORY", "SCHEDULER", "VLOG", "ICU", "VM", "JDB", "DMA_SPACE", "SEMAPHORE", "IOMMU"};

    private CapsimDump() {
    }

    /** The dump file's records as comparable lines (slots, threads, cap-map entries). */
    public static List<String> read(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        boolean ended = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "task" -> { }
                case "slot" -> {
                    String kind = KIND_NAMES[Integer.parseInt(f[3])];
                    String label = kind.equals("IPC_GATE") ? f[5] : "-";
                    out.add(slot(Integer.parseInt(f[1]), Long.parseLong(f[2]), kind, Integer.parseInt(f[4]), label));
                }
                case "thread" -> out.add(thread(Integer.parseInt(f[1]), f[3], f[2].equals("0") ? "running" : "stopped"));
                case "entry" -> {
                    boolean known = f[5].equals("1");
                    out.add(entry(Integer.parseInt(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[3]),
                            known ? f[6] : "-", known ? f[7] : "", known ? f[8] : "", known ? f[9] : "",
                            known ? f[10] : ""));
                }
                case "end" -> ended = true;
                default -> throw new IOException("unknown dump record: " + line);
            }
        }
        if (!ended) {
            throw new IOException("dump " + file + " has no end line");
        }
        return out;
    }

    public static List<String> render(CapSpace space) {
        List<String> out = new ArrayList<>();
        for (Slot s : space.slots()) {
            KernelObject o = space.object(s.objectId());
            String label = o.label() == null ? "-" : Long.toString(o.label());
            out.add(slot(s.selector(), s.objectId(), o.kind().name(), s.rights().mask(), label));
        }
        for (ThreadInfo t : space.threads()) {
            out.add(thread(t.index(), t.name(), t.state()));
        }
        for (CapMapEntry e : space.capMap()) {
            Semantics m = e.semantics();
            boolean known = !m.equals(Semantics.NONE);
            out.add(entry(e.index(), e.rawId(), e.refCount(),
                    known ? Long.toString(m.quota() == null ? 0 : m.quota()) : "-",
                    nz(m.rpcInterface()), nz(m.label()), nz(m.args()), nz(m.server())));
        }
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String slot(int sel, long object, String kind, int rights, String label) {
        return "slot " + sel + " object " + object + " " + kind + " rights " + rights + " label " + label;
    }

    private static String thread(int index, String name, String state) {
        return "thread " + index + " '" + name + "' " + state;
    }

    private static String entry(int index, long rawId, int refs, String quota, String iface, String label, String args,
                                String server) {
        return "entry " + index + " id " + rawId + " refs " + refs + " quota " + quota + " [" + iface + "|" + label + "|"
                + args + "|" + server + "]";
    }
}
