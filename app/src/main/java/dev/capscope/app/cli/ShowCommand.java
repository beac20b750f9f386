package dev.capscope.app.cli;

import dev.capscope.core.model.Snapshot;
import dev.capscope.core.snapshot.CanonicalText;
import dev.capscope.core.snapshot.SnapshotReader;
import dev.capscope.core.snapshot.SnapshotWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** {@code capscope show FILE}: a snapshot as a tree, as canonical text, or as its JSON. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print a saved snapshot as a tree (default), as canonical text (--canonical) or as JSON (--json).")
final class ShowCommand extends CliCommand {
    @Mixin ProfileOptions profiles;

    @Parameters(paramLabel = "FILE", description = "Snapshot file (JSON, schema 1)")
    Path file;

    @Option(names = "--json", description = "Print the snapshot's JSON (sorted, as saved)")
    boolean json;

    @Option(names = "--canonical", description = "Print the canonical text rendering (one line per slot/entry, for diff)")
    boolean canonical;

    @Override
    public Integer call() {
        Snapshot snapshot = SnapshotReader.read(file);
        warnIfTorn(file, snapshot);
        var out = out();
        if (json) {
            out.print(new String(SnapshotWriter.toBytes(snapshot), StandardCharsets.UTF_8));
        } else if (canonical) {
            out.print(CanonicalText.render(snapshot));
        } else {
            out.printf("snapshot \"%s\" taken %s from %s (%s)%s%n", snapshot.meta().name(), snapshot.meta().takenAt(),
                    snapshot.meta().endpoint(), snapshot.meta().kernel(),
                    snapshot.meta().torn() ? " TORN: the task kept changing while it was read" : "");
            new SpaceTreeText(snapshot.space(), profiles.resolve(snapshot.meta().profile())).print(out);
        }
        out.flush();
        return 0;
    }
}
