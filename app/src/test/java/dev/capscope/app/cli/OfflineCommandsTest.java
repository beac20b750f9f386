package dev.capscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OfflineCommandsTest {
    private static final String LOG = CliRun.sample("log-client.json");
    private static final String LOG_AFTER = CliRun.sample("log-client-after.json");
    private static final String LEAKY = CliRun.sample("leaky.json");

    @Test
    void showPrintsAreasThreadsAndCapMapWithHexAndDecimalSelectors() {
        CliRun r = CliRun.of("show", LOG);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("fixed slots"), r.out());
        assertTrue(r.out().contains("thread slots"), r.out());
        assertTrue(r.out().contains("component area"), r.out());
        assertTrue(r.out().contains("0xb (11)"), "parent cap of genode-foc-19 at 0xb: " + r.out());
        assertTrue(r.out().contains("0x300 (768)") || r.out().contains("0x301 (769)"), r.out());
    }

    @Test
    void showJsonIsTheSnapshotItself() throws IOException {
        CliRun r = CliRun.of("show", "--json", LOG);
        assertEquals(0, r.exit(), r.err());
        ObjectMapper m = new ObjectMapper();
        // the sample is of format 1.0; show prints it in the current format, which adds only the version
        com.fasterxml.jackson.databind.node.ObjectNode expected =
                (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(Path.of(LOG).toFile());
        expected.put("schemaVersion", dev.capscope.core.json.SchemaVersions.SNAPSHOT);
        assertEquals(expected, m.readTree(r.out()));
    }

    @Test
    void diffOfAFileWithItselfExitsZero() {
        CliRun r = CliRun.of("diff", LOG, LOG);
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("no differences"), r.out());
    }

    @Test
    void diffOfTwoDifferentSnapshotsIsReadableAndExitsOne() {
        CliRun r = CliRun.of("diff", LOG, LOG_AFTER);
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("differences"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("+ ") || l.startsWith("- ") || l.startsWith("~ ")),
                "one line per difference: " + r.out());
    }

    @Test
    void diffCountsOneDifferencePerSelectorNotPerSlotAndEntry() throws IOException {
        CliRun json = CliRun.of("diff", "--json", LOG, LOG_AFTER);
        JsonNode tree = new ObjectMapper().readTree(json.out());
        Set<Integer> selectors = new HashSet<>();
        tree.get("slots").forEach(n -> selectors.add(n.get("selector").asInt()));
        tree.get("capMap").forEach(n -> selectors.add(n.get("index").asInt()));
        // log-client-after: 0x303 changed, 0x30e and 0x30f added, each with slot and entry
        assertEquals(Set.of(0x303, 0x30e, 0x30f), selectors);
        assertEquals(3, tree.get("differences").asInt());
        CliRun text = CliRun.of("diff", LOG, LOG_AFTER);
        assertTrue(text.out().lines().anyMatch(l -> l.equals("3 differences")), text.out());
    }

    @Test
    void diffJsonNamesFieldsByMachineKeysAndKeepsNumbersNumbers() throws IOException {
        JsonNode tree = new ObjectMapper().readTree(CliRun.of("diff", "--json", LOG, LOG_AFTER).out());
        JsonNode entry = null;
        for (JsonNode e : tree.get("capMap")) {
            if (e.get("index").asInt() == 0x303) {
                entry = e;
            }
        }
        assertTrue(entry != null, tree.toString());
        java.util.Map<String, JsonNode> byField = new java.util.HashMap<>();
        entry.get("changes").forEach(c -> byField.put(c.get("field").asText(), c));
        JsonNode raw = byField.get("rawId");
        assertTrue(raw.get("before").isIntegralNumber() && raw.get("after").isIntegralNumber(), raw.toString());
        assertEquals(60, raw.get("before").asInt());
        assertEquals(112, raw.get("after").asInt());
        assertEquals("raw id", raw.get("title").asText(), "the label people read sits beside the key");
        assertEquals(6144, byField.get("quota").get("before").asLong());
        assertEquals("init -> log_client -> binary", byField.get("sessionLabel").get("before").asText());
        assertEquals(112, entry.get("after").get("rawId").asInt(), "each side as typed fields too");
    }

    @Test
    void diffJsonCountsMatchTheListedRows() throws IOException {
        CliRun r = CliRun.of("diff", "--json", LOG, LOG_AFTER);
        assertEquals(1, r.exit(), r.err());
        JsonNode tree = new ObjectMapper().readTree(r.out());
        assertTrue(tree.get("different").asBoolean());
        JsonNode totals = tree.get("slotTotals");
        int listed = tree.get("slots").size();
        assertEquals(totals.get("added").asInt() + totals.get("removed").asInt() + totals.get("changed").asInt()
                + totals.get("rebound").asInt(), listed);
    }

    @Test
    void diffWithBadMatchKeyIsAUsageError() {
        CliRun r = CliRun.of("diff", "--match", "colour", LOG, LOG);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--match must be 'selector' or 'badge'"), r.err());
    }

    @Test
    void lintReportsEveryPlantedProblemOfTheLeakySample() {
        CliRun r = CliRun.of("lint", "--json", LEAKY);
        assertEquals(1, r.exit(), r.err());
        Set<String> rules = new HashSet<>();
        try {
            new ObjectMapper().readTree(r.out()).get("findings").forEach(f -> rules.add(f.get("rule").asText()));
        } catch (IOException e) {
            throw new AssertionError(r.out(), e);
        }
        assertTrue(rules.size() >= 6, "expected the six planted kinds of problem, got " + rules);
    }

    @ParameterizedTest
    @ValueSource(strings = {"log-client.json", "init.json", "gui-heavy.json"})
    void lintOfACleanSampleExitsZero(String name) {
        CliRun r = CliRun.of("lint", CliRun.sample(name));
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("clean"), r.out());
    }

    @Test
    void missingFileSaysSoAndExitsTwo() {
        CliRun r = CliRun.of("show", "/nonexistent/x.json");
        assertEquals(2, r.exit());
        assertEquals("capscope: /nonexistent/x.json: no such file. Check the path and the file name", r.err().strip());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.err());
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun r = CliRun.of("show", "--verbose", "/nonexistent/x.json");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    /** Each malformed file: exit 2, a message naming the file and the place, and the file untouched. */
    @ParameterizedTest
    @ValueSource(strings = {"truncated", "unknown-schema", "duplicate-selector", "selector-5000",
            "string-for-number", "not-json", "empty"})
    void malformedSnapshotsExitTwoWithALocatedMessage(String kind, @TempDir Path dir) throws IOException {
        String good = Files.readString(Path.of(LOG));
        String bad = switch (kind) {
            case "truncated" -> good.substring(0, good.length() / 2);
            case "unknown-schema" -> good.replaceFirst("\"schema\"\\s*:\\s*1", "\"schema\" : 99");
            case "duplicate-selector" -> duplicateFirstSlot(good);
            case "selector-5000" -> good.replaceFirst("\"selector\"\\s*:\\s*1\\b", "\"selector\" : 5000");
            case "string-for-number" -> good.replaceFirst("\"selector\"\\s*:\\s*1\\b", "\"selector\" : \"one\"");
            case "not-json" -> "this is not a snapshot\n";
            case "empty" -> "";
            default -> throw new IllegalArgumentException(kind);
        };
        assertFalse(bad.equals(good), "the corruption must change the file: " + kind);
        Path file = dir.resolve(kind + ".json");
        Files.writeString(file, bad);
        Set<Path> before = listing(dir);

        for (String cmd : new String[]{"show", "lint"}) {
            CliRun r = CliRun.of(cmd, file.toString());
            assertEquals(2, r.exit(), kind + " via " + cmd + ": " + r.out() + r.err());
            assertTrue(r.err().contains(file + ":"), "names the file: " + r.err());
            assertTrue(r.err().matches("(?s).*\\.json:\\d+:\\d+: .*"), "names line and column: " + r.err());
        }
        CliRun d = CliRun.of("diff", LOG, file.toString());
        assertEquals(2, d.exit(), kind + " via diff: " + d.err());

        assertEquals(bad, Files.readString(file), "reading never writes");
        assertEquals(before, listing(dir), "no file appears next to it");
    }

    private static String duplicateFirstSlot(String json) {
        int slots = json.indexOf("\"slots\"");
        int open = json.indexOf('{', slots);
        int close = json.indexOf('}', open);
        String first = json.substring(open, close + 1);
        return json.substring(0, open) + first + ", " + json.substring(open);
    }

    private static Set<Path> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new HashSet<>(s.toList());
        }
    }
}
