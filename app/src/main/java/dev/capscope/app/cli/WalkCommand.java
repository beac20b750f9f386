package dev.capscope.app.cli;

import dev.capscope.core.text.TerminalText;

import dev.capscope.bridge.BridgeTarget;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.snapshot.SnapshotWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code capscope walk --target URI --task NAME [--json]}: a live task's space 0..4296 as a tree. */
@Command(name = "walk", mixinStandardHelpOptions = true,
        description = "Walk a live task's capability space 0..4296 and print it as a tree (or as snapshot JSON).")
final class WalkCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin VerboseOption verbose;
    @Mixin LiveTargetOptions live;
    @Mixin ProfileOptions profiles;

    @Option(names = "--task", required = true, paramLabel = "NAME", description = "Task name as 'capscope targets' lists it")
    String task;

    @Option(names = "--json", description = "Print the walk as snapshot JSON (what 'snapshot -o' would save)")
    boolean json;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (BridgeTarget target = live.connect()) {
            LayoutProfile profile = LiveWalk.profile(profiles, target);
            Snapshot snapshot = LiveWalk.snapshot(target, task, profile, null);
            if (json) {
                out.print(TerminalText.json(new String(SnapshotWriter.toBytes(snapshot), StandardCharsets.UTF_8)));
            } else {
                StringWriter buffer = new StringWriter();
                PrintWriter tree = new PrintWriter(buffer);
                tree.printf("task '%s' at %s (%s, profile %s, generation %d)%n", TerminalText.escape(task),
                        TerminalText.escape(target.endpoint()), TerminalText.escape(snapshot.meta().kernel()),
                        TerminalText.escape(profile.name()), snapshot.space().generation());
                new SpaceTreeText(snapshot.space(), profile).print(tree);
                out.print(buffer);
            }
            out.flush();
            return 0;
        }
    }
}
