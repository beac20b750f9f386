package dev.capscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capscope.core.json.SchemaVersions;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.snapshot.SnapshotReader;
import dev.capscope.core.snapshot.SnapshotWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code capscope migrate FILE}: rewrites a snapshot of an older format in the current one. The
 * original is first copied beside it ({@code FILE.<version>.bak}, never overwriting a file), then
 * the new content replaces FILE atomically; a file already current is left untouched.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Rewrite a snapshot file in the current snapshot format (" + SchemaVersions.SNAPSHOT + ").",
                "The original is kept as FILE.<old version>.bak; the rewrite is atomic. Exit 0 done or already current, 2 error."})
final class MigrateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin VerboseOption verbose;

    @Parameters(paramLabel = "FILE", description = "Snapshot file to rewrite")
    Path file;

    @Option(names = "--json", description = "Print what was done as JSON (docs/schema/migrate.schema.json)")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Snapshot snapshot = SnapshotReader.read(file); // refuses what it cannot read, before anything is written
        String from = versionOf(file);
        Path backup = null;
        boolean changed = !from.equals(SchemaVersions.SNAPSHOT);
        if (changed) {
            backup = freeBackupName(file, from);
            Files.copy(file, backup, StandardCopyOption.COPY_ATTRIBUTES);
            SnapshotWriter.write(snapshot, file);
        }
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put(SchemaVersions.FIELD, SchemaVersions.MIGRATE);
            doc.put("file", file.toString());
            doc.put("fromVersion", from);
            doc.put("toVersion", SchemaVersions.SNAPSHOT);
            doc.put("changed", changed);
            doc.put("backup", backup == null ? null : backup.toString());
            Json.print(out, doc);
        } else if (changed) {
            out.printf("%s: snapshot format %s -> %s; the original is kept as %s%n", file, from,
                    SchemaVersions.SNAPSHOT, backup);
        } else {
            out.printf("%s: already snapshot format %s; nothing was changed%n", file, SchemaVersions.SNAPSHOT);
        }
        out.flush();
        return 0;
    }

    /** The file's format: its schemaVersion, or 1.0 for files written before the field existed. */
    private static String versionOf(Path file) throws IOException {
        JsonNode v = new ObjectMapper().readTree(file.toFile()).get(SchemaVersions.FIELD);
        return v == null ? "1.0" : v.asText();
    }

    private static Path freeBackupName(Path file, String version) {
        Path candidate = file.resolveSibling(file.getFileName() + "." + version + ".bak");
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = file.resolveSibling(file.getFileName() + "." + version + ".bak." + i);
        }
        return candidate;
    }
}
