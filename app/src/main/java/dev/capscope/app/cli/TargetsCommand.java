package dev.capscope.app.cli;

import dev.capscope.core.text.TerminalText;

import dev.capscope.bridge.BridgeTarget;
import dev.capscope.bridge.driver.HelloInfo;
import dev.capscope.bridge.driver.TaskRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.Map;

/** {@code capscope targets --target URI [--json]}: the tasks an agent offers. */
@Command(name = "targets", mixinStandardHelpOptions = true,
        description = "List the tasks (components) at a target: name, id, threads, valid caps, generation.")
final class TargetsCommand extends CliCommand {
    @Mixin LiveTargetOptions live;

    @Option(names = "--json", description = "Print the target and its tasks as JSON (docs/schema/targets.schema.json)")
    boolean json;

    @Override
    public Integer call() {
        var out = out();
        try (BridgeTarget target = live.connect()) {
            List<TaskRecord> tasks = target.taskRecords();
            if (json) {
                Json.print(out, TargetsJson.of(target, tasks));
                return 0;
            }
            HelloInfo h = target.hello();
            out.printf("%s: %s, profile %s, %s%s%n", TerminalText.escape(target.endpoint()),
                    TerminalText.escape(h.kernel()), TerminalText.escape(h.profile()),
                    TerminalText.escape(h.agentVersion()),
                    h.restoreAllowed() ? ", restore allowed" : ", read-only");
            out.printf("%5s  %7s  %10s  %10s  %s%n", "id", "threads", "valid caps", "generation", "name");
            for (TaskRecord t : tasks) {
                out.printf("%5d  %7d  %10d  %10d  %s%n", t.id(), t.threads(), t.validCaps(), t.generation(), TerminalText.escape(t.name()));
            }
            out.flush();
            return 0;
        }
    }
}
