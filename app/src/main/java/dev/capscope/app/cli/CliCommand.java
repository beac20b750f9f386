package dev.capscope.app.cli;

import dev.capscope.core.model.Snapshot;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * What every subcommand has: its picocli spec, {@code --verbose} (read by ErrorReporter), the
 * output and error writers picocli was given, and the torn-snapshot warning on stderr.
 */
abstract class CliCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin VerboseOption verbose;

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    final void warnIfTorn(Path file, Snapshot snapshot) {
        TornNotice.warnIfTorn(err(), file, snapshot);
    }
}
