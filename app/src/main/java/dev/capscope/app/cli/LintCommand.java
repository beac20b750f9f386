package dev.capscope.app.cli;

import dev.capscope.core.text.TerminalText;

import dev.capscope.bridge.AddressSecrets;
import dev.capscope.core.lint.Finding;
import dev.capscope.core.lint.Linter;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.snapshot.SnapshotReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code capscope lint FILE}: exit 0 clean, 1 findings, 2 error. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Check a snapshot for leaks, dangling cap-map entries, half-filled thread slots, caps beyond "
                + "the allocator, broken receive windows and duplicate badges. Exit 0 clean, 1 findings, 2 error.")
final class LintCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin VerboseOption verbose;
    @Mixin ProfileOptions profiles;
    @Mixin LiveTargetOptions live;

    @Option(names = "--task", paramLabel = "NAME", description = "With --target: the live task to walk and check")
    String task;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "Snapshot file")
    Path file;

    @Option(names = "--json", description = "Print the findings as a JSON array")
    boolean json;

    @Override
    public Integer call() {
        if (live.given()) {
            return lintLive();
        }
        if (file == null) {
            throw new IllegalArgumentException("lint needs a snapshot FILE (or --target and --task for a live task)");
        }
        Snapshot snapshot = SnapshotReader.read(file);
        TornNotice.warnIfTorn(spec.commandLine().getErr(), file, snapshot);
        List<Finding> findings = Linter.lint(snapshot.space(), profiles.resolve(snapshot.meta().profile()));
        report(findings, file.toString());
        return findings.isEmpty() ? 0 : 1;
    }

    /** A live task: walk it now, then the same rules as for a file. */
    private int lintLive() {
        if (task == null || file != null) {
            throw new IllegalArgumentException("with --target, name the live task with --task (and no FILE)");
        }
        try (var target = live.connect()) {
            var profile = LiveWalk.profile(profiles, target);
            List<Finding> findings = Linter.lint(LiveWalk.space(target, task, profile), profile);
            report(findings, "task '" + task + "' at " + AddressSecrets.withoutToken(live.target));
            return findings.isEmpty() ? 0 : 1;
        }
    }

    void report(List<Finding> findings, String what) {
        var out = spec.commandLine().getOut();
        if (json) {
            List<Object> rows = new ArrayList<>();
            for (Finding f : findings) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("rule", f.ruleId());
                m.put("severity", f.severity().name().toLowerCase());
                m.put("selectors", f.selectors());
                m.put("message", f.message());
                rows.add(m);
            }
            Json.print(out, rows);
            return;
        }
        for (Finding f : findings) {
            out.println(f.severity().name().toLowerCase() + "  " + f.ruleId() + "  " + TerminalText.escape(f.message()));
        }
        out.println(TerminalText.escape(what) + ": " + (findings.isEmpty() ? "clean" : findings.size() + " finding(s)"));
        out.flush();
    }
}
