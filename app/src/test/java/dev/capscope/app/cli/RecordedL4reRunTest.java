package dev.capscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capscope.core.lint.Linter;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.snapshot.SnapshotReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the command line printed and saved against a real Fiasco.OC + L4Re system in QEMU
 * (samples/recorded/l4re-qemu, recorded with the commands in its README): the files read, show,
 * lint and diff here as they did there.
 */
class RecordedL4reRunTest {
    private static final Path DIR = CliRun.samples().resolve("recorded").resolve("l4re-qemu");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String file(String name) {
        return DIR.resolve(name).toString();
    }

    private static Map<String, JsonNode> targets() throws IOException {
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode t : JSON.readTree(DIR.resolve("targets.json").toFile())) {
            byName.put(t.get("name").asText(), t);
        }
        return byName;
    }

    @Test
    void targetsListTheAgentAndTheProgramsBesideIt() throws IOException {
        Map<String, JsonNode> tasks = targets();
        for (String name : new String[] {"capscope-agent", "hello", "ned", "moe"}) {
            assertTrue(tasks.containsKey(name), name + " in " + tasks.keySet());
            assertTrue(tasks.get(name).get("validCaps").asInt() > 0, name);
        }
        assertEquals(tasks.size(), tasks.values().stream().map(t -> t.get("id").asLong()).distinct().count(),
                "task ids are distinct");
    }

    @Test
    void walksReadAsSnapshotsAndAgreeWithTheTaskList() throws IOException {
        Map<String, JsonNode> tasks = targets();
        for (String name : new String[] {"hello", "capscope-agent"}) {
            Snapshot s = SnapshotReader.read(DIR.resolve("walk-" + name + ".json"));
            assertEquals(name, s.meta().task());
            assertEquals("l4re", s.meta().profile());
            assertEquals(tasks.get(name).get("validCaps").asInt(), s.space().slots().size(), name);
        }
    }

    @Test
    void theKernelNamedEveryKindAndEveryObject() {
        for (String name : new String[] {"walk-hello.json", "walk-capscope-agent.json", "hello.json"}) {
            CapSpace space = SnapshotReader.read(DIR.resolve(name)).space();
            for (Slot slot : space.slots()) {
                KernelObject o = space.object(slot.objectId());
                assertNotEquals(ObjectKind.UNKNOWN, o.kind(), name + " " + slot);
                assertTrue(o.idKnown(), name + " " + slot);
            }
        }
    }

    @Test
    void theAgentsOwnSlotsCarryItsEnvironmentsNames() {
        CapSpace agent = SnapshotReader.read(DIR.resolve("walk-capscope-agent.json")).space();
        assertEquals("env rom", agent.slot(0x16).role());
        assertEquals("env main_thread", agent.slot(0x1e).role());
        assertEquals("env rm", agent.slot(0x1f).role());
        assertEquals("env itas", agent.slot(0x20).role());
        assertEquals("env jdb", agent.slot(0xa).role());
        assertEquals(ObjectKind.JDB, agent.objectAt(0xa).kind());
        assertEquals(ObjectKind.TASK, agent.objectAt(1).kind());
    }

    @Test
    void showPrintsTheSavedSnapshotAndItsJsonAsSaved() throws IOException {
        CliRun show = CliRun.of("show", file("hello.json"));
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().contains("hello  profile l4re"), show.out());
        assertTrue(show.out().contains("Ipc_gate"), show.out());
        CliRun json = CliRun.of("show", "--json", file("hello.json"));
        assertEquals(0, json.exit(), json.err());
        // the recording is of snapshot format 1.0: shown in the current format, it gains only the version line
        String versionLine = "  \"schemaVersion\": \"" + dev.capscope.core.json.SchemaVersions.SNAPSHOT + "\",\n";
        assertTrue(json.out().contains(versionLine), json.out());
        assertEquals(Files.readString(DIR.resolve("hello.json"), StandardCharsets.UTF_8),
                json.out().replace(versionLine, ""));
    }

    @Test
    void lintReadsIt() {
        CliRun lint = CliRun.of("lint", file("hello.json"));
        assertTrue(lint.exit() == 0 || lint.exit() == 1, lint.err());
        assertEquals(lint.exit() == 1, !Linter.lint(SnapshotReader.read(DIR.resolve("hello.json")).space(),
                ProfileRegistry.builtin().get("l4re")).isEmpty());
    }

    @Test
    void aLaterSnapshotOfTheSameTaskIsUnchanged() {
        CliRun diff = CliRun.of("diff", file("hello.json"), file("hello-later.json"));
        assertEquals(0, diff.exit(), diff.out() + diff.err());
        CliRun other = CliRun.of("diff", file("hello.json"), file("walk-capscope-agent.json"));
        assertEquals(1, other.exit(), other.err());
        assertFalse(other.out().isEmpty());
    }

    /** The same agent without the kernel's object dump: its own task only, no kinds, no ids. */
    @Test
    void aSnapshotWithoutObjectIdsReadsShowsLintsAndDiffs() throws IOException {
        String raw = Files.readString(DIR.resolve("no-dump-capscope-agent.json"), StandardCharsets.UTF_8);
        assertFalse(raw.contains("objectId") || raw.matches("(?s).*:\\s*-\\d.*"), "no object id, no negative number");
        CapSpace space = SnapshotReader.read(DIR.resolve("no-dump-capscope-agent.json")).space();
        assertEquals(28, space.slots().size());
        assertTrue(space.slots().stream().noneMatch(s -> space.object(s.objectId()).idKnown()));
        assertEquals("env rom", space.slot(0x16).role());

        CliRun show = CliRun.of("show", file("no-dump-capscope-agent.json"));
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().contains("env rom") && show.out().contains("unknown       -    obj ?"), show.out());
        CliRun lint = CliRun.of("lint", file("no-dump-capscope-agent.json"));
        assertEquals(0, lint.exit(), lint.out() + lint.err());
        CliRun diff = CliRun.of("diff", file("no-dump-capscope-agent.json"), file("walk-capscope-agent.json"));
        assertEquals(1, diff.exit(), diff.err());
        assertTrue(diff.out().contains("kind: unknown -> Task") && diff.out().contains("object id: unknown -> 58"),
                diff.out());
        CliRun same = CliRun.of("diff", file("no-dump-capscope-agent.json"), file("no-dump-capscope-agent.json"));
        assertEquals(0, same.exit(), same.out());

        JsonNode tasks = JSON.readTree(DIR.resolve("no-dump-targets.json").toFile());
        assertEquals(1, tasks.size(), "without the dump the agent sees its own task only");
        assertEquals("capscope-agent", tasks.get(0).get("name").asText());
    }
}
