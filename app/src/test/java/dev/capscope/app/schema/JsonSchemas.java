package dev.capscope.app.schema;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The committed JSON Schemas (docs/schema/NAME.schema.json) and validation against them, for every
 * test that produces JSON: a document that does not match fails the test with each violation.
 */
public final class JsonSchemas {
    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private JsonSchemas() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("capscope.schema.dir", "../docs/schema"));
    }

    /** Schema name -> file, e.g. "diff" -> docs/schema/diff.schema.json. */
    public static Map<String, Path> files() {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir())) {
            s.filter(p -> p.getFileName().toString().endsWith(".schema.json"))
                    .forEach(p -> out.put(p.getFileName().toString().replace(".schema.json", ""), p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static boolean exists(String name) {
        return Files.isRegularFile(dir().resolve(name + ".schema.json"));
    }

    /** The violations of {@code json} against schema {@code name}, one line each ("" list when valid). */
    public static List<String> violations(String name, String json) {
        Schema schema = LOADED.computeIfAbsent(name, n -> {
            Path file = dir().resolve(n + ".schema.json");
            if (!Files.isRegularFile(file)) {
                throw new AssertionError("no schema " + file + ": every JSON Capscope writes needs one");
            }
            try {
                return REGISTRY.getSchema(Files.readString(file, StandardCharsets.UTF_8), InputFormat.JSON);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    /**
     * Checks every line of a recording file: the framing (JSON, a tab, the CRC-32 of the JSON as 8 hex
     * digits, a newline; a last line cut short is allowed, as a crash leaves it) and each record against
     * recording.schema.json. Returns how many records of each type the file holds.
     */
    public static Map<String, Integer> assertRecordingValid(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Map<String, Integer> types = new TreeMap<>();
        int pos = 0;
        for (int line = 1; pos < bytes.length; line++) {
            int nl = pos;
            while (nl < bytes.length && bytes[nl] != '\n') nl++;
            if (nl == bytes.length) {
                break; // cut short: the reader stops before it, and so does this check
            }
            String json = dev.capscope.core.timeline.RecordingFile.unframe(bytes, pos, nl);
            if (json == null) {
                throw new AssertionError(file + " line " + line + ": not framed as JSON, tab, CRC-32 in 8 hex digits");
            }
            assertValid("recording", json);
            String type = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(json).get("type").asText();
            if ((line == 1) != type.equals("header")) {
                throw new AssertionError(file + " line " + line + ": a header must come first and only first, not " + type);
            }
            types.merge(type, 1, Integer::sum);
            pos = nl + 1;
        }
        return types;
    }

    /** Fails with every violation (and the start of the document) unless {@code json} matches {@code name}. */
    public static void assertValid(String name, String json) {
        List<String> v = violations(name, json);
        if (!v.isEmpty()) {
            throw new AssertionError("JSON does not match docs/schema/" + name + ".schema.json:\n  "
                    + String.join("\n  ", v.subList(0, Math.min(20, v.size())))
                    + "\n--- document (start) ---\n" + json.substring(0, Math.min(2000, json.length())));
        }
    }
}
