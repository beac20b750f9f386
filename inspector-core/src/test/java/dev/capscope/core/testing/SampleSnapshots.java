package dev.capscope.core.testing;

import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generator behind {@code samples/snapshots/*.json}: realistic components built with
 * {@link GenodeSpaceBuilder}, deterministic, so the committed files can be checked against it
 * (SampleSnapshotsTest) and regenerated with
 * {@code mvn -B -q -pl inspector-core test -Dtest=SampleSnapshotsTest -Dcapscope.regenerateSamples=true}.
 */
public final class SampleSnapshots {
    public static final String ENDPOINT = "unix:/tmp/capsim.sock";
    public static final String KERNEL = "l4sim (Fiasco.OC model)";
    public static final String TOOL = "capscope 0.1.0";

    /** Where the lint sample's planted problems are, for tests and the README. */
    public record LeakyPlan(int leakedCap, int danglingEntry, int halfFilledThread, int beyondAllocator,
                            List<Integer> brokenReceiveWindow, List<Integer> duplicateBadge) {
    }

    private SampleSnapshots() {
    }

    private static LayoutProfile profile(String name) {
        return ProfileRegistry.builtin().get(name);
    }

    /** File name (without .json) -> snapshot, in a fixed order. */
    public static Map<String, Snapshot> all() {
        Map<String, Snapshot> m = new LinkedHashMap<>();
        m.put("log-client", logClient());
        m.put("log-client-after", logClientAfter());
        m.put("init", init());
        m.put("gui-heavy", guiHeavy());
        m.put("leaky", leaky());
        return m;
    }

    private static GenodeSpaceBuilder logClientBase() {
        GenodeSpaceBuilder b = new GenodeSpaceBuilder(profile("genode-foc-19"), "log_client", 19, 0x2a0);
        b.thread("main", "running");
        b.session("PD", "init -> log_client", "ram_quota=36K, cap_quota=12", "core", 36864L);
        b.session("CPU", "init -> log_client", "ram_quota=32K, priority=0", "core", 32768L);
        b.session("LOG", "init -> log_client", "ram_quota=8K, cap_quota=2", "core", 8192L);
        b.session("ROM", "init -> log_client -> binary", "ram_quota=6K, label=\"log_client\"", "core", 6144L);
        b.session("ROM", "init -> log_client -> ld.lib.so", "ram_quota=6K, label=\"ld.lib.so\"", "core", 6144L);
        b.receiveWindow();
        b.dataspace("log_client", 0x6000, "core");
        b.dataspace("ld.lib.so", 0x5e000, "core");
        b.dataspace("heap", 0x4000, "core");
        b.signalContext("entrypoint");
        b.session("Timer", "init -> log_client", "ram_quota=10K, cap_quota=3", "timer", 10240L);
        return b;
    }

    public static Snapshot logClient() {
        return logClientBase().generation(12).snapshot("log-client", Instant.parse("2026-02-03T10:15:30Z"),
                ENDPOINT, KERNEL, TOOL);
    }

    /** The same client a minute later: the binary ROM closed, a Report session opened, the heap grown. */
    public static Snapshot logClientAfter() {
        GenodeSpaceBuilder b = logClientBase();
        b.release(0x303); // ROM "binary" session, closed after the program was loaded
        b.session("Report", "init -> log_client -> state", "ram_quota=8K, buffer_size=4K", "report_rom", 8192L);
        b.dataspace("heap", 0x8000, "core");
        b.signalContext("timeout");
        return b.generation(19).snapshot("log-client-after", Instant.parse("2026-02-03T10:16:41Z"),
                ENDPOINT, KERNEL, TOOL);
    }

    /** init on Genode 18.x: four threads, the sessions it opened for four children, their parent objects. */
    public static Snapshot init() {
        GenodeSpaceBuilder b = new GenodeSpaceBuilder(profile("genode-foc-17"), "init", 17, 0x120);
        b.thread("main", "running");
        b.thread("ep", "blocked");
        b.thread("signal handler", "blocked");
        b.thread("timeout_ep", "blocked");
        b.session("PD", "init", "ram_quota=1M, cap_quota=400", "core", 1048576L);
        b.session("CPU", "init", "ram_quota=32K", "core", 32768L);
        b.session("LOG", "init", "ram_quota=8K", "core", 8192L);
        b.session("ROM", "init -> config", "ram_quota=6K, label=\"config\"", "core", 6144L);
        b.receiveWindow();
        b.dataspace("config", 0x1000, "core");
        b.dataspace("heap", 0x40000, "core");
        b.receiveWindow();
        String[][] children = {{"timer", "2M"}, {"log_server", "4M"}, {"nitpicker", "16M"}, {"log_client", "1M"}};
        for (String[] child : children) {
            String label = "init -> " + child[0];
            long quota = Long.parseLong(child[1].replace("M", "")) * 1024 * 1024;
            b.session("PD", label, "ram_quota=" + child[1] + ", cap_quota=100", "core", quota);
            b.session("CPU", label, "ram_quota=32K, priority=0", "core", 32768L);
            b.session("ROM", label + " -> binary", "ram_quota=6K, label=\"" + child[0] + "\"", "core", 6144L);
            b.ownRpcObject("Parent", label);
            b.signalContext(label + " exit");
            b.dataspace(child[0] + " config", 0x1000, "core");
        }
        b.session("Timer", "init", "ram_quota=10K, cap_quota=3", "timer", 10240L);
        b.signalContext("config update");
        return b.generation(47).snapshot("init", Instant.parse("2026-02-03T10:20:00Z"), ENDPOINT, KERNEL, TOOL);
    }

    /** A GUI server holding hundreds of view buffers and signal contexts (> 1000 valid slots). */
    public static Snapshot guiHeavy() {
        GenodeSpaceBuilder b = new GenodeSpaceBuilder(profile("genode-foc-19"), "gui_server", 7, 0x4000);
        b.thread("main", "running");
        b.thread("ep", "blocked");
        b.thread("input", "blocked");
        b.thread("framebuffer", "ready");
        b.session("PD", "init -> gui_server", "ram_quota=64M, cap_quota=3000", "core", 64L << 20);
        b.session("CPU", "init -> gui_server", "ram_quota=32K", "core", 32768L);
        b.session("LOG", "init -> gui_server", "ram_quota=8K", "core", 8192L);
        b.session("ROM", "init -> gui_server -> config", "ram_quota=6K", "core", 6144L);
        b.session("Framebuffer", "init -> gui_server", "ram_quota=8K", "fb_drv", 8192L);
        b.session("Input", "init -> gui_server", "ram_quota=8K", "ps2_drv", 8192L);
        b.session("Timer", "init -> gui_server", "ram_quota=10K", "timer", 10240L);
        b.receiveWindow();
        b.receiveWindow();
        int[] buffers = new int[700];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = b.dataspace("view " + i + " buffer", 0x1000L * (1 + i % 16), "core");
        }
        for (int i = 0; i < buffers.length; i += 50) {
            b.release(buffers[i]); // closed views leave holes that first fit reuses below
        }
        for (int i = 0; i < 360; i++) {
            b.signalContext("view " + i + " sync");
        }
        b.session("Report", "init -> gui_server -> hover", "ram_quota=8K, buffer_size=4K", "report_rom", 8192L);
        return b.generation(2311).snapshot("gui-heavy", Instant.parse("2026-02-03T11:02:17Z"), ENDPOINT, KERNEL, TOOL);
    }

    public static LeakyPlan leakyPlan() {
        return buildLeaky().plan;
    }

    public static Snapshot leaky() {
        return buildLeaky().snapshot;
    }

    private record Leaky(Snapshot snapshot, LeakyPlan plan) {
    }

    /** A component on Genode 16.x with one of each lint problem planted (see samples/snapshots/README.md). */
    private static Leaky buildLeaky() {
        LayoutProfile p = profile("genode-foc-16");
        GenodeSpaceBuilder b = new GenodeSpaceBuilder(p, "leaky_app", 16, 0x800);
        b.thread("main", "running");
        b.thread("ep", "blocked");
        int half = b.thread("worker", "blocked");
        b.session("PD", "init -> leaky_app", "ram_quota=2M, cap_quota=50", "core", 2L << 20);
        b.session("CPU", "init -> leaky_app", "ram_quota=32K", "core", 32768L);
        int log = b.session("LOG", "init -> leaky_app", "ram_quota=8K", "core", 8192L);
        b.session("ROM", "init -> leaky_app -> config", "ram_quota=6K", "core", 6144L);
        b.receiveWindow(); // a proper one, for contrast
        int dangling = b.dataspace("heap", 0x10000, "core");
        b.dataspace("config", 0x1000, "core");
        for (int i = 0; i < 6; i++) {
            b.signalContext("job " + i);
        }
        int window = b.firstFreeIndex();
        for (int i = 0; i < 3; i++) {
            b.rawEntry(window + i, 0xFFFF, 1, Semantics.NONE); // only three of four slots
        }
        b.session("Timer", "init -> leaky_app", "ram_quota=10K", "timer", 10240L); // takes window + 3
        int duplicate = b.duplicate(log);
        int leak = b.firstFreeIndex();
        b.rawSlot(leak, ObjectKind.IPC_GATE, 0x7d4L, Rights.RWS);
        b.unmapKeepingEntry(dangling);
        b.unmapKeepingEntry(p.threadBase(half) + 1);
        b.unmapKeepingEntry(p.threadBase(half) + 2);
        int beyond = 0x1010;
        b.rawSlot(beyond, ObjectKind.UNKNOWN, null, Rights.RWS);
        Snapshot s = b.generation(301).snapshot("leaky", Instant.parse("2026-02-03T12:00:00Z"), ENDPOINT, KERNEL, TOOL);
        return new Leaky(s, new LeakyPlan(leak, dangling, half, beyond,
                List.of(window, window + 1, window + 2), List.of(log, duplicate)));
    }
}
