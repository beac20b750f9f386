package dev.capscope.app.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capscope.app.cli.RestoreJson;
import dev.capscope.core.json.SchemaVersions;
import dev.capscope.core.lint.Linter;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.restore.FailureReason;
import dev.capscope.core.restore.Phase;
import dev.capscope.core.restore.RefusalReason;
import dev.capscope.core.restore.RollbackReason;
import dev.capscope.core.timeline.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The schemas in docs/schema are a contract: each names its version, the code writes that
 * version, the enums list exactly what the code can write, and a schema's content cannot change
 * without its version moving (the recorded hash per version in schema-hashes.txt).
 */
class SchemaContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path HASHES = Path.of("src/test/resources/schema-hashes.txt");
    private static final Map<String, String> WRITTEN = Map.ofEntries(Map.entry("snapshot", SchemaVersions.SNAPSHOT),
            Map.entry("diff", SchemaVersions.DIFF), Map.entry("lint", SchemaVersions.LINT),
            Map.entry("targets", SchemaVersions.TARGETS), Map.entry("restore", SchemaVersions.RESTORE),
            Map.entry("migrate", SchemaVersions.MIGRATE), Map.entry("view-export", SchemaVersions.VIEW_EXPORT),
            Map.entry("objects", SchemaVersions.OBJECTS), Map.entry("timeline", SchemaVersions.TIMELINE),
            Map.entry("copy", SchemaVersions.COPY), Map.entry("recording", SchemaVersions.RECORDING),
            Map.entry("profile", "1.0"));

    static Stream<String> names() {
        return JsonSchemas.files().keySet().stream();
    }

    private static JsonNode schema(String name) throws IOException {
        return JSON.readTree(JsonSchemas.files().get(name).toFile());
    }

    /** "urn:capscope:schema:diff:1.0" -> "1.0". */
    private static String version(JsonNode schema) {
        String id = schema.get("$id").asText();
        return id.substring(id.lastIndexOf(':') + 1);
    }

    @ParameterizedTest
    @MethodSource("names")
    void eachSchemaIsDraft202012AndNamesItsVersion(String name) throws IOException {
        JsonNode s = schema(name);
        assertEquals("https://json-schema.org/draft/2020-12/schema", s.get("$schema").asText(), name);
        assertEquals("urn:capscope:schema:" + name + ":" + version(s), s.get("$id").asText(), name);
        assertTrue(SchemaVersions.major(version(s)) >= 1, name + ": version MAJOR.MINOR");
        if (name.equals("profile")) {
            return; // versioned by its own "format" field, which predates schemaVersion (see below)
        }
        if (name.equals("recording")) { // a record per line; the header names the major as an integer
            JsonNode major = s.get("$defs").get("header").get("properties").get(SchemaVersions.FIELD).get("const");
            assertEquals(SchemaVersions.major(version(s)), major.asInt(), "recording header: the schema's major");
            assertEquals(RecordingFile.SCHEMA_VERSION, major.asInt(), "recording header: the major the writer writes");
            return;
        }
        JsonNode field = s.get("properties").get(SchemaVersions.FIELD);
        assertTrue(field != null, name + " describes the schemaVersion field");
        if (field.has("const")) {
            assertEquals(version(s), field.get("const").asText(), name + ": schemaVersion const is the schema's version");
        }
    }

    @Test
    void theCodeWritesTheVersionEachSchemaDescribes() throws IOException {
        assertEquals(WRITTEN.keySet(), JsonSchemas.files().keySet(), "a schema per document the code writes");
        for (var e : WRITTEN.entrySet()) {
            assertEquals(e.getValue(), version(schema(e.getKey())), e.getKey());
        }
    }

    /** A schema whose content changed but whose version did not fails here; move the version and record it. */
    @ParameterizedTest
    @MethodSource("names")
    void aSchemaChangesOnlyWithItsVersion(String name) throws IOException, NoSuchAlgorithmException {
        String version = version(schema(name));
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(JsonSchemas.files().get(name))));
        Map<String, String> recorded = new HashMap<>();
        for (String line : Files.readAllLines(HASHES, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.trim().split("\\s+");
            assertTrue(recorded.put(f[0] + " " + f[1], f[2]) == null, "one hash per schema version: " + line);
        }
        String key = name + " " + version;
        if (!recorded.containsKey(key)) {
            fail("docs/schema/" + name + ".schema.json version " + version + " has no recorded hash: add the line \""
                    + key + " " + hash + "\" to " + HASHES);
        }
        assertEquals(recorded.get(key), hash, "docs/schema/" + name + ".schema.json changed but its version " + version
                + " did not: move the version (minor for added fields, major for anything that breaks a script),"
                + " update the code's SchemaVersions and add a line for the new version to " + HASHES);
    }

    private static Set<String> enumOf(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.get("enum").forEach(v -> out.add(v.asText()));
        return out;
    }

    @Test
    void enumsListExactlyWhatTheCodeKnows() throws IOException {
        Set<String> kinds = Arrays.stream(ObjectKind.values()).map(ObjectKind::kernelName).collect(Collectors.toCollection(TreeSet::new));
        Set<String> rights = new TreeSet<>();
        for (int m = 0; m < 16; m++) rights.add(new Rights(m).toString());
        for (String name : List.of("snapshot", "diff", "restore", "view-export", "copy", "recording")) {
            JsonNode defs = schema(name).get("$defs");
            assertEquals(kinds, enumOf(defs.get("kind")), name + " kinds");
            assertEquals(rights, enumOf(defs.get("rights")), name + " rights");
        }
        JsonNode lint = schema("lint").get("properties").get("findings").get("items").get("properties");
        assertEquals(Linter.standard().rules().stream().map(r -> r.id()).collect(Collectors.toCollection(TreeSet::new)),
                enumOf(lint.get("rule")), "lint rule ids");
        JsonNode restore = schema("restore").get("$defs");
        assertEquals(names(RefusalReason.values()), enumOf(restore.get("refusal").get("properties").get("code")));
        Set<String> codes = new TreeSet<>(Set.of("OK", RestoreJson.NOT_CONFIRMED));
        codes.addAll(names(RefusalReason.values()));
        codes.addAll(names(RollbackReason.values()));
        codes.addAll(names(FailureReason.values()));
        assertEquals(codes, enumOf(restore.get("result").get("properties").get("code")));
        Set<String> phases = Arrays.stream(Phase.values()).map(p -> p.name().toLowerCase()).collect(Collectors.toCollection(TreeSet::new));
        restore.get("operation").get("oneOf").forEach(op ->
                assertEquals(phases, enumOf(op.get("properties").get("phase")), op.toString()));
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every snapshot the project ships, of format 1.0 (samples, real-target recordings), still matches. */
    @Test
    void shippedSnapshotsOfTheOlderFormatMatchTheSnapshotSchema() throws IOException {
        Path samples = Path.of(System.getProperty("capscope.samples.dir", "../samples"));
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Files.walk(samples.resolve("snapshots")), Files.walk(samples.resolve("recorded")))) {
            files = s.filter(p -> p.toString().endsWith(".json")).filter(SchemaContractTest::isSnapshot).toList();
        }
        assertTrue(files.size() >= 15, "samples found: " + files);
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            assertEquals(List.of(), JsonSchemas.violations("snapshot", text), f.toString());
        }
    }

    private static boolean isSnapshot(Path p) {
        try {
            JsonNode n = JSON.readTree(p.toFile());
            return n.isObject() && n.has("meta") && n.has("slots");
        } catch (IOException e) {
            return false;
        }
    }

    /** The validator does reject: the diff shape before the contract (labels as keys, numbers as text). */
    @Test
    void theValidatorRejectsWhatTheContractRulesOut() {
        String old = "{\"schemaVersion\": \"1.0\", \"baseline\": \"a\", \"after\": \"b\", \"matchKey\": \"selector\","
                + " \"different\": true, \"differences\": 1, \"slotTotals\": {}, \"capMapTotals\": {},"
                + " \"slotsByKind\": {}, \"slotsByArea\": {}, \"slots\": [], \"threads\": [], \"capMap\": [{\"status\":"
                + " \"changed\", \"index\": 771, \"beforeIndex\": 771, \"afterIndex\": 771, \"meaning\": \"\","
                + " \"before\": null, \"after\": null,"
                + " \"changes\": [{\"field\": \"raw id\", \"before\": \"60\", \"after\": \"112\"}]}]}";
        List<String> v = JsonSchemas.violations("diff", old);
        assertTrue(v.stream().anyMatch(m -> m.contains("field")), v.toString());
        assertTrue(v.stream().anyMatch(m -> m.contains("slotTotals")), v.toString());
        assertTrue(JsonSchemas.violations("lint", "[]").size() > 0, "lint's old bare array");
        assertTrue(JsonSchemas.violations("targets", "{\"schemaVersion\": \"2.0\", \"target\": {}, \"tasks\": []}")
                .stream().anyMatch(m -> m.contains("schemaVersion")), "another version is another schema");
    }

    /**
     * The schema is as strict as the reader where JSON Schema can say it: every malformed file of the
     * corpus that is JSON at all breaks the schema, except those wrong only across rows or tables
     * (duplicates, a slot naming an object the table lacks) or in their bytes (invalid UTF-8, which a
     * string-based validator never sees), which the reader alone catches.
     */
    @Test
    void theSchemaRejectsTheMalformedCorpus() throws IOException {
        Path corpus = Path.of(System.getProperty("capscope.samples.dir", "../samples")).resolve("malformed");
        Set<String> acrossRows = Set.of("duplicate-object-id.json", "duplicate-selector.json",
                "slot-names-missing-object.json", "duplicate-key.json", "invalid-utf8.json");
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        int checked = 0;
        List<String> accepted = new java.util.ArrayList<>();
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            JsonNode parsed;
            try {
                parsed = JSON.readTree(text);
            } catch (IOException notJson) {
                continue; // the validator cannot parse it either; the reader's own tests cover it
            }
            if (parsed == null || acrossRows.contains(f.getFileName().toString())) {
                continue;
            }
            checked++;
            try {
                if (JsonSchemas.violations("snapshot", text).isEmpty()) {
                    accepted.add(f.getFileName().toString());
                }
            } catch (RuntimeException notOneDocument) {
                // e.g. trailing garbage: the validator's stricter parser refuses it, as the reader does
            }
        }
        assertEquals(List.of(), accepted, "malformed files the snapshot schema accepts");
        assertTrue(checked >= 15, "malformed files checked: " + checked);
    }

    /** inspector-core's golden snapshot is what the writer writes today. */
    @Test
    void theWritersGoldenOutputMatches() throws IOException {
        Path golden = Path.of("../inspector-core/src/test/resources/golden/small.json");
        assertEquals(List.of(), JsonSchemas.violations("snapshot", Files.readString(golden, StandardCharsets.UTF_8)));
    }

    /** Layout profiles are read, never written: the built-in ones (which the reader reads) match. */
    @Test
    void theShippedProfilesMatchTheProfileSchema() throws IOException {
        Path dir = Path.of(System.getProperty("capscope.samples.dir", "../samples")).resolve("profiles");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 5, files.toString());
        String format = schema("profile").get("properties").get("format").get("const").asText();
        for (Path f : files) {
            assertEquals(List.of(), JsonSchemas.violations("profile", Files.readString(f, StandardCharsets.UTF_8)),
                    f.toString());
            assertEquals(format, JSON.readTree(f.toFile()).get("format").asText(), "the format the built-in profiles use");
        }
        String hexKeyTypo = Files.readString(files.get(0), StandardCharsets.UTF_8).replace("\"taskCap\"", "\"taskcap\"");
        assertTrue(!JsonSchemas.violations("profile", hexKeyTypo).isEmpty(), "a misspelt field is refused, as the reader does");
    }
}
