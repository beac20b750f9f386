package dev.capscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the real Genode 25.02 demo on Fiasco.OC answered over its serial line
 * (samples/recorded/genode-25.02-foc, recorded with target-bridge/real-targets/genode-record.sh):
 * the recorded outputs read, show, lint and diff; replaying the recorded bytes through the bridge
 * gives the same outputs again; and the walk of the statically linked component shows what its
 * own Cap_index array held, as Genode's allocator dumped it before and after.
 */
class RecordedGenodeTest {
    private static final Path DIR = CliRun.samples().resolve("recorded").resolve("genode-25.02-foc");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TASKS = Set.of("capscope_hub", "static_check", "log_server", "log_client");

    @TempDir
    Path tmp;

    private static JsonNode read(String file) throws IOException {
        return JSON.readTree(DIR.resolve(file).toFile());
    }

    private static String file(String name) {
        return DIR.resolve(name).toString();
    }

    @Test
    void targetsListTheHubAndTheThreeDemoComponents() throws IOException {
        JsonNode targets = read("targets.json").get("tasks");
        Set<String> names = new HashSet<>();
        Set<Long> ids = new HashSet<>();
        for (JsonNode t : targets) {
            names.add(t.get("name").asText());
            ids.add(t.get("id").asLong());
            assertTrue(t.get("threads").asInt() >= 4, t.toString());
            assertTrue(t.get("validCaps").asInt() > 40, t.toString());
        }
        assertEquals(TASKS, names);
        assertEquals(4, ids.size(), "every task its own id");
    }

    @Test
    void replayingTheRecordingGivesTheRecordedTargets() throws IOException {
        try (RecordedSerialTarget target = RecordedSerialTarget.start(DIR.resolve("transcript.txt"), "targets", tmp)) {
            CliRun r = CliRun.of("targets", "--target", target.uri(), "--json");
            assertEquals(0, r.exit(), r.err());
            assertEquals(read("targets.json").get("tasks"), JSON.readTree(r.out()).get("tasks"));
            JsonNode agent = JSON.readTree(r.out()).get("target");
            assertEquals("agent", agent.get("kind").asText(), agent.toString());
            assertEquals("serial", agent.get("transport").asText(), agent.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"capscope_hub", "static_check", "log_server", "log_client"})
    void replayingTheRecordingGivesTheRecordedWalk(String task) throws IOException {
        try (RecordedSerialTarget target = RecordedSerialTarget.start(DIR.resolve("transcript.txt"), "walk " + task,
                tmp)) {
            CliRun r = CliRun.of("walk", "--target", target.uri(), "--task", task, "--json");
            assertEquals(0, r.exit(), r.err());
            assertEquals(withoutWhenAndWhere(read("walk-" + task + ".json")), withoutWhenAndWhere(JSON.readTree(r.out())));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"log_client-1", "log_client-2", "log_client-3", "static_check"})
    void replayingTheRecordingGivesTheRecordedSnapshot(String name) throws IOException {
        Path out = tmp.resolve(name + ".json");
        try (RecordedSerialTarget target = RecordedSerialTarget.start(DIR.resolve("transcript.txt"), "snapshot " + name,
                tmp)) {
            CliRun r = CliRun.of("snapshot", "--target", target.uri(), "--task", name.replaceAll("-\\d$", ""),
                    "-o", out.toString());
            assertEquals(0, r.exit(), r.err());
        }
        assertEquals(withoutWhenAndWhere(read(name + ".json")), withoutWhenAndWhere(JSON.readTree(out.toFile())));
    }

    /**
     * The metadata a replay cannot repeat: when, through which socket, by which build; and the format
     * version, which the recordings predate (they are format 1.0, the replay writes the current one).
     */
    private static JsonNode withoutWhenAndWhere(JsonNode snapshot) {
        JsonNode copy = snapshot.deepCopy();
        ((ObjectNode) copy).remove("schemaVersion");
        ((ObjectNode) copy.get("meta")).remove(List.of("name", "takenAt", "endpoint", "toolVersion"));
        return copy;
    }

    static Stream<String> snapshots() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.equals("targets.json") && !n.startsWith("objects"))
                    .sorted().toList().stream();
        }
    }

    @Test
    void everyRecordedSnapshotShowsAndLintsAsGenode25WithNamedThreadsAndSessions() throws IOException {
        List<String> names = snapshots().toList();
        assertEquals(8, names.size(), names.toString());
        for (String name : names) {
            CliRun show = CliRun.of("show", file(name));
            assertEquals(0, show.exit(), name + ": " + show.err());
            assertTrue(show.out().contains("profile genode-foc-25"), name + ": " + show.out());
            assertTrue(show.out().contains("\"main\""), name);
            // the hub answers on its entrypoint; a component's agent has its own thread
            boolean hub = name.contains("capscope_hub");
            assertEquals(!hub, show.out().contains("\"capscope_agent\""), name + ": the agent's own thread, named");

            JsonNode s = read(name);
            Set<String> interfaces = new HashSet<>();
            s.get("capMap").forEach(e -> {
                JsonNode sem = e.get("semantics");
                if (sem != null && sem.has("rpcInterface")) {
                    interfaces.add(sem.get("rpcInterface").asText());
                }
            });
            Set<String> known = hub ? Set.of("Parent", "Thread", "PD", "CPU", "LOG", "Terminal")
                    : Set.of("Parent", "Thread", "PD", "CPU", "LOG", "Capscope", "Dataspace", "Capscope_agent_port");
            assertTrue(interfaces.containsAll(known), name + ": what Genode knows about the entries: " + interfaces);

            CliRun lint = CliRun.of("lint", "--json", file(name));
            assertTrue(lint.exit() == 0 || lint.exit() == 1, name + ": " + lint.err());
            for (JsonNode f : JSON.readTree(lint.out()).get("findings")) {
                // what lint finds on the real system: kernel caps left in a freed receive window
                assertEquals("leaked-cap", f.get("rule").asText(), name + ": " + f);
                assertTrue(f.get("selectors").get(0).asInt() >= 0x300, name + ": " + f);
            }
        }
        CliRun lint = CliRun.of("lint", "--json", file("static_check.json"));
        assertEquals(1, lint.exit(), lint.out());
        assertTrue(lint.out().contains("0x322"), "the stale cap the recording holds: " + lint.out());
    }

    @Test
    void snapshotsFourSecondsApartShowTheClientsSessionsComingAndGoing() throws IOException {
        for (String[] pair : new String[][] {{"log_client-1.json", "log_client-2.json"},
                {"log_client-2.json", "log_client-3.json"}}) {
            CliRun r = CliRun.of("diff", "--json", file(pair[0]), file(pair[1]));
            assertEquals(1, r.exit(), r.out() + r.err());
            List<String> sessions = new ArrayList<>();
            for (JsonNode e : JSON.readTree(r.out()).get("capMap")) {
                String status = e.get("status").asText();
                String meaning = e.get("meaning").asText();
                if ((status.equals("added") || status.equals("removed"))
                        && meaning.matches("(LOG|ROM|Timer) 'log_client.*")) {
                    sessions.add(status + " " + meaning);
                }
            }
            assertFalse(sessions.isEmpty(), pair[0] + " -> " + pair[1] + ": a session came or went: " + r.out());
        }
        CliRun text = CliRun.of("diff", file("log_client-1.json"), file("log_client-2.json"));
        assertTrue(text.out().contains("LOG 'log_client -> demo'"), text.out());
    }

    /** The server a walk's cap-map entry names (null: none), by the entry's interface and label. */
    private static List<String> servers(JsonNode walk, String iface, String label) {
        List<String> out = new ArrayList<>();
        walk.get("capMap").forEach(e -> {
            JsonNode sem = e.get("semantics");
            if (sem != null && iface.equals(sem.path("rpcInterface").asText()) && label.equals(sem.path("label").asText())) {
                out.add(sem.has("server") ? sem.get("server").asText() : null);
            }
        });
        return out;
    }

    @Test
    void sessionsNameTheirServerWhereAComponentBehindTheLineServesThem() throws IOException {
        JsonNode client = read("walk-log_client.json");
        assertEquals(List.of("capscope_hub"), servers(client, "Capscope", "log_client -> capscope"));
        assertEquals(List.of("log_client"), servers(client, "Capscope_agent_port", "log_client -> capscope agent"));
        // served by core and init, which run no agent: unknown, never a guess
        List<String> envSessions = new ArrayList<>(servers(client, "PD", "log_client"));
        envSessions.addAll(servers(client, "CPU", "log_client"));
        assertEquals(Arrays.asList(null, null), envSessions);
        JsonNode server = read("walk-log_server.json");
        assertEquals(List.of("capscope_hub"), servers(server, "Capscope", "log_server -> capscope"));
        // the hub holds every agent's port: served by that component
        Map<String, String> ports = new TreeMap<>();
        read("walk-capscope_hub.json").get("capMap").forEach(e -> {
            JsonNode sem = e.get("semantics");
            if (sem != null && sem.has("server") && !sem.has("rpcInterface")) {
                ports.merge(sem.get("server").asText(), "x", String::concat);
            }
        });
        assertTrue(ports.keySet().containsAll(Set.of("log_client", "log_server", "static_check")), ports.toString());

        // objects --shared joins the client's LOG session with the server's object: served by log_server
        JsonNode objects = read("objects-shared.json");
        List<String> logServers = new ArrayList<>();
        for (JsonNode o : objects.get("objects")) {
            if ("LOG".equals(o.path("rpcInterface").asText()) && o.path("sessionLabel").asText().endsWith("-> demo")) {
                logServers.add(o.path("server").asText(null));
            }
        }
        assertFalse(logServers.isEmpty(), "a LOG session at log_server is shared: " + objects);
        logServers.forEach(sv -> assertEquals("log_server", sv));
    }

    @Test
    void kindsAreWhatGenodeFixesAndUnknownOtherwise() throws IOException {
        for (String task : TASKS) {
            JsonNode walk = read("walk-" + task + ".json");
            Map<Integer, Long> ids = new TreeMap<>();
            walk.get("capMap").forEach(e -> ids.put(e.get("index").asInt(), e.get("rawId").asLong()));
            int unknown = 0;
            for (JsonNode slot : walk.get("slots")) {
                int sel = slot.get("selector").asInt();
                String kind = slot.get("kind").asText();
                String role = slot.get("role").asText();
                if (sel == 1) {
                    assertEquals("Task", kind, task);
                } else if (role.equals("parent")) {
                    assertEquals("Ipc_gate", kind, task);
                    assertEquals(ids.get(sel), slot.get("label").asLong(), task + ": the parent gate's label is its id");
                } else if (role.endsWith(" gate") || role.endsWith(" pager")) {
                    assertEquals("Ipc_gate", kind, task + " " + role);
                } else if (role.endsWith(" irq")) {
                    assertEquals("Irq_sender", kind, task + " " + role);
                } else if (kind.equals("Ipc_gate") && sel >= 0x300) {
                    // an RPC capability: its gate's label is its id, as core makes them
                    assertEquals(ids.get(sel), slot.get("label").asLong(), task + " " + sel);
                } else {
                    assertEquals("unknown", kind, task + " " + sel + " " + role);
                    unknown++;
                }
                assertEquals("-", slot.get("rights").asText(), "rights are never known on Genode");
            }
            assertTrue(unknown > 0, task + ": what Genode does not record stays unknown");
        }
    }

    /** index -> {id, ref count, kernel-valid}, ids as on the wire (~0 = 0xffff: no badge). */
    private static Map<Integer, long[]> dump(Path file) throws IOException {
        Pattern line = Pattern.compile("index=0x([0-9a-f]+) id=0x([0-9a-f]+) ref=(\\d+) kvalid=([01])");
        Map<Integer, long[]> out = new TreeMap<>();
        for (String l : Files.readAllLines(file)) {
            Matcher m = line.matcher(l);
            if (m.find()) {
                long id = Long.parseLong(m.group(2), 16);
                out.put(Integer.parseInt(m.group(1), 16), new long[] {id == 0xFFFF_FFFFL ? 0xFFFF : id,
                        Long.parseLong(m.group(3)), Long.parseLong(m.group(4))});
            }
        }
        return out;
    }

    private static String array(Path file) throws IOException {
        Matcher m = Pattern.compile("begin #\\d+ array=(0x[0-9a-f]+) entries=4096 entry_size=40")
                .matcher(Files.readString(file));
        assertTrue(m.find(), file + " names the array, 4096 entries of 40 bytes");
        return m.group(1);
    }

    @Test
    void theWalkShowsWhatTheComponentsOwnCapIndexArrayHolds() throws IOException {
        List<Path> dumps;
        try (Stream<Path> files = Files.list(DIR)) {
            dumps = files.filter(p -> p.getFileName().toString().startsWith("static-check-dump-"))
                    .sorted((a, b) -> Integer.compare(number(a), number(b))).toList();
        }
        assertEquals(2, dumps.size(), "the dumps before and after the snapshot");
        Map<Integer, long[]> before = dump(dumps.get(0));
        Map<Integer, long[]> after = dump(dumps.get(1));
        assertEquals(before.keySet(), after.keySet(), "nothing changed around the snapshot");
        before.forEach((i, e) -> assertEquals(List.of(e[0], e[1], e[2]), List.of(after.get(i)[0], after.get(i)[1],
                after.get(i)[2]), "entry " + i));

        // The agent found the array where Genode's allocator has it.
        String com1 = Files.readString(DIR.resolve("com1.log"));
        assertTrue(com1.contains("\"static_check\", cap map at " + array(dumps.get(0))), "agent and allocator agree");

        JsonNode walk = read("static_check.json");
        Map<Integer, long[]> walked = new TreeMap<>();
        walk.get("capMap").forEach(e -> walked.put(e.get("index").asInt(),
                new long[] {e.get("rawId").asLong(), e.get("refCount").asLong()}));
        Set<Integer> valid = new HashSet<>();
        walk.get("slots").forEach(s -> valid.add(s.get("selector").asInt()));

        // Every walked entry is the dump's (the dump runs inside a signal dispatch: one
        // capability is referenced once more then); the dump's extra entries are that
        // dispatch's receive window: 4 consecutive entries without id, not kernel-valid.
        int refsOff = 0;
        for (Map.Entry<Integer, long[]> e : walked.entrySet()) {
            long[] d = before.get(e.getKey());
            assertTrue(d != null, "walked entry " + e.getKey() + " is in the dump");
            assertEquals(d[0], e.getValue()[0], "id of entry " + e.getKey());
            if (d[1] != e.getValue()[1]) {
                assertEquals(d[1] - 1, e.getValue()[1], "ref count of entry " + e.getKey());
                refsOff++;
            }
        }
        assertTrue(refsOff <= 1, refsOff + " ref counts differ");
        List<Integer> extra = before.keySet().stream().filter(i -> !walked.containsKey(i)).toList();
        assertEquals(4, extra.size(), "extra dump entries " + extra);
        for (int k = 0; k < 4; k++) {
            long[] d = before.get(extra.get(0) + k);
            assertTrue(d != null && d[0] == 0xFFFF && d[1] == 0 && d[2] == 0, "a receive window at " + extra);
        }
        // Kernel validity: the agent's walk and the component's own probe agree.
        before.forEach((i, d) -> {
            if (!extra.contains(i)) {
                assertEquals(d[2] == 1, valid.contains(i), "validity of selector " + i);
            }
        });
    }

    private static int number(Path dump) {
        Matcher m = Pattern.compile("(\\d+)\\.txt$").matcher(dump.getFileName().toString());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
