package dev.capscope.app.cli;

import dev.capscope.core.text.TerminalText;

import dev.capscope.bridge.BridgeTarget;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.walk.CancellationToken;
import dev.capscope.core.walk.TornWalkException;
import dev.capscope.core.walk.WalkListener;
import dev.capscope.core.target.TargetException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code capscope snapshot --target URI --task NAME -o FILE}. The file is written only after the
 * walk succeeded, atomically (temp file + rename): a failing target leaves no partial file and an
 * existing FILE untouched.
 */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = {"Walk a live task and save it as a snapshot file (JSON, written atomically).",
                "With --from, extract a moment of a recording instead: --at GENERATION (the task's generation),"
                        + " --at TIME (2026-11-29T22:10:00Z, or +SECONDS from the recording's start)."})
final class SnapshotCommand extends CliCommand {
    @Mixin LiveTargetOptions live;
    @Mixin ProfileOptions profiles;

    @Option(names = "--task", paramLabel = "NAME", description = "Task name as 'capscope targets' lists it"
            + " (with --from: needed when the recording holds several tasks)")
    String task;

    @Option(names = "--from", paramLabel = "RECORDING", description = "Extract from a recording ('capscope record')")
    Path from;

    @Option(names = "--at", paramLabel = "GEN|TIME", description = "With --from: the moment to extract")
    String at;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Snapshot file to write")
    Path output;

    @Option(names = "--name", paramLabel = "TEXT", description = "Snapshot name (default: task and time)")
    String name;

    @Option(names = "--allow-torn", description = {"Save even when the task kept changing during every attempt to"
            + " read it; the file is marked torn and everything that reads it says so"})
    boolean allowTorn;

    @Override
    public Integer call() throws IOException {
        Path folder = output.toAbsolutePath().getParent();
        if (!java.nio.file.Files.isDirectory(folder)) { // before the walk, not after it
            throw new IllegalArgumentException("-o " + output + ": the folder " + folder
                    + " does not exist; create it or save somewhere else");
        }
        if (from != null || at != null) {
            return RecordingExtract.run(this);
        }
        if (task == null) {
            throw new IllegalArgumentException("snapshot needs --task NAME (the live task to walk)");
        }
        Snapshot snapshot;
        try (BridgeTarget target = live.connect()) {
            snapshot = LiveWalk.capture(target).takeTo(output,
                    LiveWalk.request(task, LiveWalk.profile(profiles, target), name, allowTorn),
                    WalkListener.NONE, CancellationToken.none());
        } catch (TornWalkException e) {
            throw new TargetException(TargetException.Code.TORN, e.getMessage()
                    + ", or pass --allow-torn to save it marked torn; nothing was written");
        }
        warnIfTorn(output, snapshot);
        var out = out();
        out.printf("%s: task '%s', %d valid caps, %d cap-map entries, %d threads, generation %d%n",
                TerminalText.escape(output.toString()), TerminalText.escape(task),
                snapshot.space().slots().size(), snapshot.space().capMap().size(), snapshot.space().threads().size(),
                snapshot.space().generation());
        out.flush();
        return 0;
    }
}
