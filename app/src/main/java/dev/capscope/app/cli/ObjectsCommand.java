package dev.capscope.app.cli;

import dev.capscope.bridge.BridgeTarget;
import dev.capscope.core.holders.CrossTaskFinding;
import dev.capscope.core.holders.CrossTaskLint;
import dev.capscope.core.holders.HeldObject;
import dev.capscope.core.holders.Holder;
import dev.capscope.core.holders.HoldersGraph;
import dev.capscope.core.holders.Holdings;
import dev.capscope.core.holders.HoldingsJson;
import dev.capscope.core.holders.ObjectJoin;
import dev.capscope.core.holders.TaskSpace;
import dev.capscope.core.holders.TogetherWalk;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.snapshot.SnapshotReader;
import dev.capscope.core.text.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** {@code capscope objects --target URI | FILE...}: every kernel object with its holders across tasks. */
@Command(name = "objects", mixinStandardHelpOptions = true,
        description = {"Join the spaces of all tasks of a target (or snapshots taken together) by kernel object and"
                + " list each object with its holders (task, selector, rights), its server and its creator (the"
                + " holder with the D right). Cross-task lint: sessions whose server no longer holds the gate,"
                + " objects held only by tasks that are gone. Exit 0 clean, 1 findings, 2 error."})
final class ObjectsCommand implements Callable<Integer> {
    private static final int ROUNDS = 3;

    @Spec CommandSpec spec;
    @Mixin VerboseOption verbose;
    @Mixin LiveTargetOptions live;
    @Mixin ProfileOptions profiles;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = {"Snapshots taken together (one per task);"
            + " with --target, tasks the target no longer lists count as gone"})
    List<Path> files = new ArrayList<>();

    @Option(names = "--json", description = "Print JSON (docs/schema/objects.schema.json): tasks, objects with holders, findings")
    boolean json;

    @Option(names = "--dot", description = "Print the graph of who serves whom as Graphviz DOT")
    boolean dot;

    @Option(names = "--kind", paramLabel = "K", description = {"Only objects of this kernel kind (e.g. Ipc_gate,"
            + " Thread) or, when K is no kernel kind, of this RPC interface (e.g. LOG, Nitpicker)"})
    String kind;

    @Option(names = "--shared", description = "Only objects held by more than one task")
    boolean shared;

    @Override
    public Integer call() {
        if (json && dot) { // one document on stdout, never DOT where a script expects JSON
            throw new ParameterException(spec.commandLine(), "--json and --dot cannot be used together: pass one of them");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String source;
        List<TaskSpace> tasks;
        if (files.isEmpty()) {
            if (!live.given()) {
                throw new IllegalArgumentException("objects needs --target URI or snapshot FILEs taken together");
            }
            try (BridgeTarget target = live.connect()) {
                TogetherWalk.Result r = TogetherWalk.walkAll(target, LiveWalk.profile(profiles, target), ROUNDS);
                if (!r.consistent()) {
                    err.println("capscope: warning: tasks kept changing during " + ROUNDS
                            + " rounds of walks; holders may mix moments");
                }
                tasks = r.tasks();
                source = target.endpoint();
            }
        } else {
            tasks = fromFiles(err);
            source = files.size() == 1 ? files.get(0).toString() : files.size() + " snapshots";
        }
        Holdings holdings = ObjectJoin.join(tasks);
        List<CrossTaskFinding> findings = CrossTaskLint.check(holdings);
        List<HeldObject> shown = holdings.filter(filter());
        if (dot) {
            out.print(new HoldersGraph(holdings, true).toDot());
        } else if (json) {
            Json.print(out, HoldingsJson.tree(source, holdings, shown, findings));
        } else {
            printText(out, source, holdings, shown, findings);
        }
        out.flush();
        return findings.isEmpty() ? 0 : 1;
    }

    private List<TaskSpace> fromFiles(PrintWriter err) {
        Set<String> listed = null;
        if (live.given()) {
            listed = new HashSet<>();
            try (BridgeTarget target = live.connect()) {
                for (var t : target.taskRecords()) {
                    listed.add(t.name());
                }
            }
        }
        List<TaskSpace> tasks = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Path f : files) {
            Snapshot s = SnapshotReader.read(f);
            TornNotice.warnIfTorn(err, f, s);
            String task = s.meta().task();
            if (!seen.add(task)) {
                throw new IllegalArgumentException(f + ": task '" + task
                        + "' is already in another snapshot given; pass one snapshot per task");
            }
            tasks.add(new TaskSpace(task, s.space(), listed == null || listed.contains(task)));
        }
        return tasks;
    }

    private Predicate<HeldObject> filter() {
        Predicate<HeldObject> p = o -> !shared || o.shared();
        if (kind == null) {
            return p;
        }
        ObjectKind k = ObjectKind.fromKernelName(kind);
        if (k != ObjectKind.UNKNOWN || kind.equalsIgnoreCase("unknown")) {
            return p.and(o -> o.kind() == k);
        }
        String iface = kind.toLowerCase(Locale.ROOT);
        return p.and(o -> o.rpcInterface() != null && o.rpcInterface().toLowerCase(Locale.ROOT).equals(iface));
    }

    private static void printText(PrintWriter out, String source, Holdings h, List<HeldObject> shown,
                                  List<CrossTaskFinding> findings) {
        out.printf("%s: %d tasks, %d objects (%d shown)%n", TerminalText.escape(source), h.tasks().size(), h.objects().size(), shown.size());
        for (HeldObject o : shown) {
            out.printf("%s  server %s  creator %s%n", TerminalText.escape(CrossTaskLint.describe(o)),
                    o.server() == null ? "unknown" : TerminalText.escape(o.server()),
                    o.creator() == null ? "not among these tasks" : TerminalText.escape(o.creator().task()));
            for (Holder x : o.holders()) {
                out.printf("    %-40s %-16s %-4s%s%n", TerminalText.escape(x.task()), Selectors.format(x.selector()), x.rights(),
                        x.taskPresent() ? "" : "  (task gone)");
            }
        }
        for (CrossTaskFinding f : findings) {
            out.println(f.severity().name().toLowerCase(Locale.ROOT) + "  " + f.ruleId() + "  "
                    + TerminalText.escape(f.message()));
        }
        out.println(findings.isEmpty() ? "cross-task lint: clean" : "cross-task lint: " + findings.size() + " finding(s)");
    }
}
