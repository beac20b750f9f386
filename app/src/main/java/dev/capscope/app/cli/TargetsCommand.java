package dev.capscope.app.cli;

import dev.capscope.core.text.TerminalText;

import dev.capscope.bridge.BridgeTarget;
import dev.capscope.bridge.driver.HelloInfo;
import dev.capscope.bridge.driver.TaskRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code capscope targets --target URI [--json]}: the tasks an agent offers. */
@Command(name = "targets", mixinStandardHelpOptions = true,
        description = "List the tasks (components) at a target: name, id, threads, valid caps, generation.")
final class TargetsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin VerboseOption verbose;
    @Mixin LiveTargetOptions live;

    @Option(names = "--json", description = "Print a JSON array of objects (name, id, parent, threads, validCaps, generation)")
    boolean json;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (BridgeTarget target = live.connect()) {
            List<TaskRecord> tasks = target.taskRecords();
            if (json) {
                List<Object> rows = new ArrayList<>();
                for (TaskRecord t : tasks) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", t.name());
                    m.put("id", t.id());
                    m.put("parent", t.parentId());
                    m.put("threads", t.threads());
                    m.put("validCaps", t.validCaps());
                    m.put("generation", t.generation());
                    rows.add(m);
                }
                Json.print(out, rows);
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
