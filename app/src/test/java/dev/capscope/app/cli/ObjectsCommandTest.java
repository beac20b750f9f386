package dev.capscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capscope.bridge.CapsimProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code capscope objects} on capsim's gui-stack, checked against capsim's own dump of every task
 * (read here with its own small parser, not through Capscope's model).
 */
class ObjectsCommandTest {
    private static final Duration START = Duration.ofSeconds(5);
    /** RPC objects that are not sessions (restated from Genode's interfaces, independent of the model). */
    private static final Set<String> NOT_SESSIONS = Set.of("Cpu_thread", "Dataspace", "Signal_context",
            "Signal_source", "Region_map", "Thread", "Parent");

    @TempDir
    Path tmp;

    /** object id -> "server=S holders=[task sel rights, ...]" for every shared session gate in capsim's dumps. */
    private Map<Long, String> sessionGatesFromDumps(CapsimProcess capsim) throws IOException {
        capsim.send("tasks");
        String tasks = capsim.awaitLine(l -> l.startsWith("ok") || l.startsWith("error"), START);
        Map<Long, Set<String>> holders = new TreeMap<>();
        Map<Long, String> server = new TreeMap<>();
        Map<Long, Set<String>> holdingTasks = new TreeMap<>();
        for (String t : tasks.substring(3).split(" ")) {
            String id = t.substring(0, t.indexOf(':'));
            Path file = tmp.resolve("dump-" + id);
            capsim.send("dump " + id + " " + file);
            assertTrue(capsim.awaitLine(l -> l.startsWith("ok") || l.startsWith("error"), START).startsWith("ok"));
            String name = null;
            Map<Integer, String[]> slots = new TreeMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                switch (f[0]) {
                    case "task" -> name = f[2];
                    case "slot" -> slots.put(Integer.parseInt(f[1]), f);
                    case "entry" -> {
                        String[] s = slots.get(Integer.parseInt(f[1]));
                        if (s == null || !f[5].equals("1") || NOT_SESSIONS.contains(f[7])) {
                            continue;
                        }
                        long object = Long.parseLong(s[2]);
                        holders.computeIfAbsent(object, k -> new TreeSet<>())
                                .add(name + " " + s[1] + " " + rights(Integer.parseInt(s[4])));
                        holdingTasks.computeIfAbsent(object, k -> new TreeSet<>()).add(name);
                        server.put(object, f[10]);
                    }
                    default -> { }
                }
            }
        }
        Map<Long, String> out = new TreeMap<>();
        holders.forEach((object, h) -> {
            if (holdingTasks.get(object).size() > 1) {
                out.put(object, "server=" + server.get(object) + " holders=" + h);
            }
        });
        return out;
    }

    private static String rights(int mask) {
        String s = ((mask & 4) != 0 ? "R" : "") + ((mask & 1) != 0 ? "W" : "") + ((mask & 2) != 0 ? "S" : "")
                + ((mask & 8) != 0 ? "D" : "");
        return s.isEmpty() ? "-" : s;
    }

    @Test
    void sharedJsonListsEverySessionGateWithServerAndClientsAsCapsimsDumpHasThem() throws IOException {
        try (CapsimProcess capsim = CapsimProcess.start(
                CapsimProcess.Options.of(CapsimProcess.findScenario("gui-stack")), START)) {
            Map<Long, String> expected = sessionGatesFromDumps(capsim);
            CliRun r = CliRun.of("objects", "--target", capsim.uri(), "--shared", "--json");
            assertEquals(0, r.exit(), r.err());
            JsonNode root = new ObjectMapper().readTree(r.out());
            assertEquals(dev.capscope.core.json.SchemaVersions.OBJECTS, root.get("schemaVersion").asText());
            assertEquals(4, root.get("tasks").size());
            Map<Long, String> actual = new TreeMap<>();
            int nitpickerClients = 0;
            for (JsonNode o : root.get("objects")) {
                assertTrue(o.get("shared").asBoolean(), o.toString());
                if (!o.get("session").asBoolean()) {
                    continue;
                }
                Set<String> h = new TreeSet<>();
                o.get("holders").forEach(x -> h.add(x.get("task").asText() + " " + x.get("selector").asInt() + " "
                        + x.get("rights").asText()));
                actual.put(o.get("objectId").asLong(), "server=" + o.get("server").asText() + " holders=" + h);
                Set<String> clients = new TreeSet<>();
                o.get("clients").forEach(c -> clients.add(c.asText()));
                Set<String> holderTasks = new TreeSet<>();
                o.get("holders").forEach(x -> holderTasks.add(x.get("task").asText()));
                holderTasks.remove(o.get("server").asText());
                assertEquals(holderTasks, clients, o.toString());
                if (o.get("rpcInterface").asText().equals("Nitpicker")) {
                    nitpickerClients++;
                    assertTrue(o.get("serverHolds").asBoolean(), o.toString());
                    assertTrue(clients.contains("init -> desktop"), o.toString());
                }
            }
            assertEquals(60, nitpickerClients, "the desktop's 60 GUI sessions at nitpicker");
            assertEquals(expected, actual);
            assertTrue(root.get("findings").isEmpty(), root.get("findings").toString());
        }
    }

    @Test
    void aGateTheServerNoLongerHoldsIsFoundAndKindFiltersByInterface() throws IOException {
        Path scenario = tmp.resolve("dropped.scn");
        // The timer serves one session to the client; then the gate is taken from the timer behind
        // Genode's back (0x310: the first cap-map entry after the environment's, where the session lands).
        Files.writeString(scenario, String.join("\n", "profile genode-foc-19", "component init", "thread init ep",
                "component timer parent=init", "thread timer ep", "component app parent=init",
                "session app Timer server=timer", "raw-unmap timer 0x310", ""));
        try (CapsimProcess capsim = CapsimProcess.start(CapsimProcess.Options.of(scenario), START)) {
            CliRun r = CliRun.of("objects", "--target", capsim.uri(), "--kind", "Timer");
            assertEquals(1, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("server-dropped-gate") && r.out().contains("'init -> timer' no longer holds"),
                    r.out());
            assertTrue(r.out().contains("(1 shown)"), r.out());
        }
    }
}
