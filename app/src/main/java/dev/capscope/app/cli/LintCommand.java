package dev.capscope.app.cli;

import dev.capscope.bridge.AddressSecrets;
import dev.capscope.core.json.SchemaVersions;
import dev.capscope.core.text.TerminalText;
import dev.capscope.core.lint.Finding;
import dev.capscope.core.lint.Linter;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.snapshot.SnapshotReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code capscope lint FILE}: exit 0 clean, 1 findings, 2 error. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Check a snapshot for leaks, dangling cap-map entries, half-filled thread slots, caps beyond "
                + "the allocator, broken receive windows and duplicate badges. Exit 0 clean, 1 findings, 2 error.")
final class LintCommand extends CliCommand {
    @Mixin ProfileOptions profiles;
    @Mixin LiveTargetOptions live;

    @Option(names = "--task", paramLabel = "NAME", description = "With --target: the live task to walk and check")
    String task;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "Snapshot file")
    Path file;

    @Option(names = "--json", description = "Print the findings as JSON (docs/schema/lint.schema.json)")
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
        warnIfTorn(file, snapshot);
        LayoutProfile profile = profiles.resolve(snapshot.meta().profile());
        List<Finding> findings = Linter.lint(snapshot.space(), profile);
        report(findings, file.toString(), new Source(file.toString(), null, snapshot.meta().task(), profile.name()));
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
            String where = AddressSecrets.withoutToken(live.target);
            report(findings, "task '" + task + "' at " + where, new Source(null, where, task, profile.name()));
            return findings.isEmpty() ? 0 : 1;
        }
    }

    /** What was checked: a file, or a live task at a target. */
    private record Source(String file, String target, String task, String profile) {
    }

    void report(List<Finding> findings, String what, Source source) {
        var out = out();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put(SchemaVersions.FIELD, SchemaVersions.LINT);
            doc.put("file", source.file());
            doc.put("target", source.target());
            doc.put("task", source.task());
            doc.put("profile", source.profile());
            doc.put("clean", findings.isEmpty());
            List<Object> rows = new ArrayList<>();
            for (Finding f : findings) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("rule", f.ruleId());
                m.put("severity", f.severity().name().toLowerCase());
                m.put("selectors", f.selectors());
                m.put("message", f.message());
                rows.add(m);
            }
            doc.put("findings", rows);
            Json.print(out, doc);
            return;
        }
        for (Finding f : findings) {
            out.println(f.severity().name().toLowerCase() + "  " + f.ruleId() + "  " + TerminalText.escape(f.message()));
        }
        out.println(TerminalText.escape(what) + ": " + (findings.isEmpty() ? "clean" : findings.size() + " finding(s)"));
        out.flush();
    }
}
