package dev.capscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capscope.bridge.CapsimProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * capsim's genode-foc-25 model against the real system it models: the demo scenario
 * (samples/scenarios/genode-25-demo.scn) walked on capsim and the walks recorded on Genode 25.02
 * in QEMU (samples/recorded/genode-25.02-foc) have the same shape: profile, threads and the
 * slots core fills for them, the sessions Genode names, receive windows, and ids.
 */
class CapsimGenode25ShapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private record Shape(String profile, List<String> threads, int validThreadSlots, Set<String> sessions,
                         int windows, Set<Integer> windowRefs, Set<Integer> startupRefs, boolean idsInSteps8) {
    }

    private static Shape shape(JsonNode walk, String component) {
        List<String> threads = new ArrayList<>();
        walk.get("threads").forEach(t -> threads.add(t.get("name").asText()));
        int threadSlots = 0;
        for (JsonNode s : walk.get("slots")) {
            threadSlots += s.get("role").asText().startsWith("thread ") ? 1 : 0;
        }
        Set<String> sessions = new TreeSet<>();
        int windows = 0;
        Set<Integer> windowRefs = new TreeSet<>();
        Set<Integer> startupRefs = new TreeSet<>();
        boolean steps8 = true;
        for (JsonNode e : walk.get("capMap")) {
            long id = e.get("rawId").asLong();
            int index = e.get("index").asInt();
            JsonNode sem = e.get("semantics");
            String iface = sem != null && sem.has("rpcInterface") ? sem.get("rpcInterface").asText() : "";
            String label = sem != null && sem.has("label") ? sem.get("label").asText() : "";
            if (id == 0xFFFF && iface.isEmpty()) {
                windows++;
                windowRefs.add(e.get("refCount").asInt());
            } else if (id != 1) {
                steps8 &= id % 8 == 0;
            }
            if (index < 0x300) {
                startupRefs.add(e.get("refCount").asInt()); // parent, thread gates
            }
            // the sessions Genode names in both (the model knows more: region maps, threads' caps)
            if (Set.of("PD", "CPU", "LOG", "ROM", "Timer", "Capscope", "Terminal").contains(iface)) {
                sessions.add(iface + " " + label.replaceFirst("^init -> ", "").replace(component, "C"));
            }
        }
        return new Shape(walk.get("meta").get("profile").asText(), threads, threadSlots, sessions, windows,
                windowRefs, startupRefs, steps8);
    }

    /** Ids past 16 bits (Genode 25.02 allows 28) from capsim's agent through libcapbridge into a file and back. */
    @Test
    void idsOver16BitsTravelWholeAndPickTheProfile() throws IOException {
        Path scenario = tmp.resolve("wide.scn");
        Files.writeString(scenario, String.join("\n", "profile genode-foc-25", "ids-from 0xffe0",
                "component init ram=16M", "component app parent=init", "thread app ep",
                "session app LOG label=wide server=init quota=8K", "dataspace app 4K label=heap count=3", ""));
        Path file = tmp.resolve("app.json");
        try (CapsimProcess capsim = CapsimProcess.start(CapsimProcess.Options.of(scenario), START)) {
            CliRun r = CliRun.of("snapshot", "--target", capsim.uri(), "--task", "init -> app", "-o", file.toString());
            assertEquals(0, r.exit(), r.err());
        }
        JsonNode snapshot = JSON.readTree(file.toFile());
        long wide = 0;
        for (JsonNode e : snapshot.get("capMap")) {
            long id = e.get("rawId").asLong();
            if (id > 0xFFFF) {
                wide++;
                assertEquals(0, id % 8, "8-aligned: " + id);
            }
        }
        assertTrue(wide >= 5, "entries with ids over 0xFFFF: " + wide);
        CliRun show = CliRun.of("show", "--canonical", file.toString());
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().lines().map(l -> java.util.regex.Pattern.compile("^capmap \\S+ id (\\d+) ").matcher(l))
                .anyMatch(m -> m.find() && Long.parseLong(m.group(1)) > 0xFFFF), "a wide id in the canonical text: "
                + show.out());
        assertEquals(0, CliRun.of("diff", file.toString(), file.toString()).exit());
    }

    @Test
    void theModelOfTheDemoLooksLikeTheRecordedRealSystem() throws IOException {
        try (CapsimProcess capsim = CapsimProcess.start(
                CapsimProcess.Options.of(CapsimProcess.findScenario("genode-25-demo")), START)) {
            for (String component : List.of("log_client", "static_check", "log_server", "capscope_hub")) {
                CliRun r = CliRun.of("walk", "--target", capsim.uri(), "--task", "init -> " + component, "--json");
                assertEquals(0, r.exit(), r.err());
                Shape model = shape(JSON.readTree(r.out()), component);
                Shape real = shape(JSON.readTree(CliRun.samples().resolve("recorded/genode-25.02-foc/walk-" + component
                        + ".json").toFile()), component);

                assertEquals("genode-foc-25", model.profile());
                assertEquals(real.profile(), model.profile());
                assertEquals(real.threads(), model.threads(), component + ": threads");
                assertEquals(3 * real.threads().size(), real.validThreadSlots(), "real: gate, pager, irq per thread");
                assertEquals(real.validThreadSlots(), model.validThreadSlots(), component + ": valid thread slots");
                assertEquals(Set.of(0), real.windowRefs(), "real receive windows are unreferenced");
                assertEquals(real.windowRefs(), model.windowRefs(), component + ": receive windows' ref counts");
                assertTrue(real.windows() % 4 == 0 && model.windows() % 4 == 0, component + ": windows of 4");
                // one window per RPC-serving thread (ep, capscope_agent, root); the hub answers inside a
                // signal dispatch of its entrypoint, so its main thread (the signal proxy) is in a call
                // holding one more window whenever it is walked
                int inFlight = component.equals("capscope_hub") ? 4 : 0;
                assertEquals(real.windows(), model.windows() + inFlight, component + ": receive-window entries");
                assertEquals(Set.of(0), real.startupRefs(), "real parent and thread entries are unreferenced");
                assertEquals(real.startupRefs(), model.startupRefs(), component + ": startup entries' ref counts");
                assertTrue(real.idsInSteps8() && model.idsInSteps8(), component + ": ids in steps of 8");
                assertTrue(model.sessions().containsAll(real.sessions()),
                        component + ": every session the real system names, the model has: real " + real.sessions()
                                + ", model " + model.sessions());
            }
        }
    }
}
