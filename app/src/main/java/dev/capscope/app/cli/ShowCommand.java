package dev.capscope.app.cli;

import dev.capscope.core.text.TerminalText;

import dev.capscope.core.model.Snapshot;
import dev.capscope.core.snapshot.CanonicalText;
import dev.capscope.core.snapshot.SnapshotReader;
import dev.capscope.core.snapshot.SnapshotWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code capscope show FILE}: a snapshot as a tree, as canonical text, or as its JSON. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print a saved snapshot as a tree (default), as canonical text (--canonical) or as JSON (--json).")
final class ShowCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin VerboseOption verbose;
    @Mixin ProfileOptions profiles;

    @Parameters(paramLabel = "FILE", description = "Snapshot file (JSON, schema 1)")
    Path file;

    @Option(names = "--json", description = "Print the snapshot's JSON (sorted, as saved)")
    boolean json;

    @Option(names = "--canonical", description = "Print the canonical text rendering (one line per slot/entry, for diff)")
    boolean canonical;

    @Override
    public Integer call() {
        if (json && canonical) {
            throw new ParameterException(spec.commandLine(),
                    "--json and --canonical cannot be used together: pass one of them");
        }
        Snapshot snapshot = SnapshotReader.read(file);
        // Rendered whole before the first byte is printed: a failure exits 2 with nothing on stdout.
        String text;
        if (json) {
            text = TerminalText.json(new String(SnapshotWriter.toBytes(snapshot), StandardCharsets.UTF_8));
        } else if (canonical) {
            text = CanonicalText.render(snapshot);
        } else {
            StringWriter buffer = new StringWriter();
            PrintWriter tree = new PrintWriter(buffer);
            tree.printf("snapshot \"%s\" taken %s from %s (%s)%s%n", TerminalText.escape(snapshot.meta().name()),
                    snapshot.meta().takenAt(), TerminalText.escape(snapshot.meta().endpoint()),
                    TerminalText.escape(snapshot.meta().kernel()),
                    snapshot.meta().torn() ? " TORN: the task kept changing while it was read" : "");
            new SpaceTreeText(snapshot.space(), profiles.resolve(snapshot.meta().profile())).print(tree);
            text = buffer.toString();
        }
        TornNotice.warnIfTorn(spec.commandLine().getErr(), file, snapshot);
        var out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
        return 0;
    }
}
