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
