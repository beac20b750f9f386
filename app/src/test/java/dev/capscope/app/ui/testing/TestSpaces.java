package dev.capscope.app.ui.testing;

import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.testing.GenodeSpaceBuilder;

/** Realistic Genode spaces for UI tests and the benchmark, built with the core's GenodeSpaceBuilder. */
public final class TestSpaces {
    public static final String TASK = "log_client";

    private TestSpaces() {
    }

    public static LayoutProfile profile() {
        return ProfileRegistry.builtin().get("genode-foc-19");
    }

    /** A LOG client: 3 threads, LOG/ROM/RM/CPU/PD sessions, some dataspaces, a receive window. */
    public static GenodeSpaceBuilder logClient() {
        GenodeSpaceBuilder b = new GenodeSpaceBuilder(profile(), TASK, 7, 100);
        b.thread("main", "running");
        b.thread("ep", "waiting");
        b.thread("signal handler", "waiting");
        b.session("PD", "init -> log_client", "ram_quota=32K, cap_quota=10", "core", 32768L);
        b.session("CPU", "init -> log_client", "ram_quota=8K", "core", 8192L);
        b.session("RM", "init -> log_client", "ram_quota=16K", "core", 16384L);
        b.session("LOG", "init -> log_client", "ram_quota=8K, cap_quota=4", "log_server", 8192L);
        b.session("ROM", "init -> log_client -> config", "ram_quota=6K, label=config", "init", 6144L);
        for (int i = 0; i < 6; i++) {
            b.dataspace("heap chunk " + i, 65536, "core");
        }
        b.signalContext("config update");
        b.receiveWindow();
        return b;
    }

    /**
     * A component whose space has about {@code entries} selector rows (the benchmark's 4,000): under
     * genode-foc-17 (user base 0x200) 100 threads, a cap map filled up to the allocator's end, and
     * the rest as valid caps beyond the allocator (anomalies), so the number of rows is what is asked.
     */
    public static CapSpace large(int entries, long generation, long seed) {
        return largeBuilder(entries, generation, seed).build();
    }

    public static GenodeSpaceBuilder largeBuilder(int entries, long generation, long seed) {
        GenodeSpaceBuilder b = new GenodeSpaceBuilder(ProfileRegistry.builtin().get("genode-foc-17"), "gui_stack", seed, 100);
        for (int t = 0; t < 100; t++) {
            b.thread(t == 0 ? "main" : "worker " + t, "running");
        }
        String[] kinds = {"LOG", "ROM", "RM", "Nitpicker", "Framebuffer", "Input", "Timer", "Report"};
        int rows = 2 + 300;
        int i = 0;
        while (rows < entries) {
            try {
                b.firstFreeIndex();
            } catch (IllegalStateException full) {
                break;
            }
            if (i % 3 == 0) {
                b.dataspace("texture " + i, 4096L * (1 + i % 16), "core");
            } else if (i % 7 == 0) {
                b.signalContext("signal " + i);
            } else {
                b.session(kinds[i % kinds.length], "init -> gui_stack -> " + i, "ram_quota=8K", "nitpicker", 8192L);
            }
            i++;
            rows++;
        }
        for (int sel = 0x1000; rows < entries && sel <= 4296; sel++, rows++) {
            b.rawSlot(sel, dev.capscope.core.model.ObjectKind.IPC_GATE, 0x10000L + sel, dev.capscope.core.model.Rights.RWS);
        }
        return b.generation(generation);
    }
}
