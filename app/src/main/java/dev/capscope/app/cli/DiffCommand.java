package dev.capscope.app.cli;

import dev.capscope.core.diff.DiffEngine;
import dev.capscope.core.diff.DiffResult;
import dev.capscope.core.diff.MatchKey;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.report.DiffReport;
import dev.capscope.core.snapshot.SnapshotReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code capscope diff A B}: exit 0 same, 1 different, 2 error — like diff(1). */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two snapshots: baseline A and after B. Exit 0 same, 1 different, 2 error.")
final class DiffCommand extends CliCommand {
    @Mixin ProfileOptions profiles;

    @Parameters(index = "0", paramLabel = "A", description = "Baseline snapshot")
    Path baseline;

    @Parameters(index = "1", paramLabel = "B", description = "Snapshot to compare with the baseline")
    Path after;

    @Option(names = "--match", paramLabel = "selector|badge", defaultValue = "selector",
            converter = MatchKeyConverter.class,
            description = "Pair by selector (default) or by badge/meaning (identity-insensitive: re-created sessions match)")
    MatchKey match;

    @Option(names = "--json", description = "Print the diff as JSON")
    boolean json;

    @Option(names = "--all", description = "List unchanged rows too")
    boolean all;

    @Override
    public Integer call() {
        Snapshot a = SnapshotReader.read(baseline);
        Snapshot b = SnapshotReader.read(after);
        warnIfTorn(baseline, a);
        warnIfTorn(after, b);
        DiffResult diff = DiffEngine.forProfile(profiles.resolve(b.meta().profile())).compare(a.space(), b.space(), match);
        var out = out();
        if (json) {
            Json.print(out, DiffReport.tree(diff, baseline.toString(), after.toString(), all));
        } else {
            out.print(DiffReport.text(diff, baseline.toString(), after.toString(), all));
            out.flush();
        }
        return diff.hasChanges() ? 1 : 0;
    }
}
