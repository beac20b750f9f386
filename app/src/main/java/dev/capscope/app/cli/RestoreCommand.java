package dev.capscope.app.cli;

import dev.capscope.core.text.TerminalText;

import dev.capscope.bridge.AddressSecrets;
import dev.capscope.bridge.BridgeTarget;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.restore.PreparedRestore;
import dev.capscope.core.restore.RefusalReason;
import dev.capscope.core.restore.RestoreOptions;
import dev.capscope.core.restore.RestoreListener;
import dev.capscope.core.restore.RestoreResult;
import dev.capscope.core.restore.RestoreRunner;
import dev.capscope.core.restore.RestoreStage;
import dev.capscope.core.snapshot.SnapshotReader;
import dev.capscope.core.target.RestoreOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code capscope restore FILE --target URI --task NAME [--allow-task-mismatch] [--dry-run] [--yes]}:
 * preflight, plan, apply under the target's restore lease, verify (a fresh walk compared with the
 * snapshot in every slot, entry and thread, also when nothing was planned), roll back if verification
 * fails. Exit 0 restored and verified, 1 refused, rolled back or not confirmed (the reason code is printed), 2
 * error. With --json every outcome, not confirmed included, is one document on stdout. A snapshot from another
 * target (or of another task) is restored the same way with its badges
 * translated; the table of translations is printed after the result.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a live task to a snapshot: preflight, plan, apply, verify, roll back on failure.",
                "Exit 0 restored and verified, 1 refused or rolled back (reason code printed), 2 error."})
final class RestoreCommand extends CliCommand {
    @Mixin LiveTargetOptions live;
    @Mixin ProfileOptions profiles;

    @Parameters(paramLabel = "FILE", description = "Snapshot to restore")
    Path file;

    @Option(names = "--task", required = true, paramLabel = "NAME", description = "Live task to restore")
    String task;

    @Option(names = "--allow-task-mismatch",
            description = "Restore onto --task even though the snapshot is of a task with another name")
    boolean allowTaskMismatch;

    @Option(names = "--migration", description = {"Treat the snapshot as coming from another run of the component"
            + " (restarted, or on another machine): object ids and badges are not compared, sessions are matched by"
            + " meaning. Snapshots from another endpoint or task are migrations anyway."})
    boolean migration;

    @Option(names = "--dry-run", description = "Print the preflight and plan; change nothing")
    boolean dryRun;

    @Option(names = "--json", description = {"Print the plan, refusal codes, side effects and outcome as JSON"
            + " (docs/schema/restore.schema.json) instead of text"})
    boolean json;

    @Option(names = "--yes", description = "Apply without asking (scripts); without it, restore asks on a terminal")
    boolean yes;

    /** Exit code of a refusal, as the restore's own refusals (RestoreOutcome) use. */
    static final int REFUSED = 1;

    @Override
    public Integer call() {
        PrintWriter out = out();
        Snapshot wanted = SnapshotReader.read(file);
        try (BridgeTarget target = live.connect()) {
            LayoutProfile profile = profiles.resolve(wanted.meta().profile());
            RestoreRunner runner = new RestoreRunner(target, profile);
            RestoreOptions options = RestoreOptions.DEFAULT.withAllowTaskMismatch(allowTaskMismatch)
                    .withMigration(migration);
            PreparedRestore prepared = runner.prepare(wanted, task, options);
            boolean isMigration = RestoreRunner.isMigration(wanted, task, prepared.target());
            if (json) {
                return json(out, runner, prepared);
            }
            if (isMigration) {
                out.printf("migration: snapshot of '%s' at %s onto '%s' at %s; badges are translated%n",
                        TerminalText.escape(wanted.meta().task()), TerminalText.escape(wanted.meta().endpoint()),
                        TerminalText.escape(task), TerminalText.escape(prepared.target().endpoint()));
            }
            out.print(prepared.plan().render(prepared.before().space())); // the wizard's wording (PlanLines)
            out.flush();
            if (prepared.plan().isRefused()) {
                RestoreResult refused = runner.apply(prepared, RestoreListener.NONE); // changes nothing
                out.println(refused.summary());
                if (refused.code().equals(RefusalReason.TASK_MISMATCH.name()) && !allowTaskMismatch) {
                    out.println("to restore this snapshot of '" + TerminalText.escape(wanted.meta().task()) + "' onto '"
                            + TerminalText.escape(task)
                            + "' anyway, pass --allow-task-mismatch");
                }
                return refused.outcome().exitCode();
            }
            if (dryRun) {
                out.println("dry run: nothing was changed");
                return 0;
            }
            // An empty plan changes nothing, so it needs no confirmation, but it is still verified.
            if (!confirm(out, prepared)) {
                return REFUSED;
            }
            RestoreResult result = runner.apply(prepared, new Progress(out));
            out.println(result.summary());
            printBadges(out, result);
            out.flush();
            return result.outcome().exitCode();
        }
    }

    /** The same stages with one JSON document on stdout and no progress lines. */
    private int json(PrintWriter out, RestoreRunner runner, PreparedRestore prepared) {
        RestoreResult result = null;
        if (prepared.plan().isRefused()) {
            result = runner.apply(prepared, RestoreListener.NONE); // changes nothing
        } else if (!dryRun) {
            if (!confirm(out, prepared)) {
                // Still one document: the plan that was not applied and the outcome NOT_CONFIRMED.
                Json.print(out, RestoreJson.notConfirmed(file.toString(), task, prepared, notConfirmedSentence()));
                return REFUSED;
            }
            result = runner.apply(prepared, RestoreListener.NONE);
        }
        Json.print(out, RestoreJson.of(file.toString(), task, prepared, dryRun, prepared.migration(), result));
        return result == null ? 0 : result.outcome().exitCode();
    }

    /** True when the plan may run: it is empty, --yes was given, or the user said yes on the terminal. */
    private boolean confirm(PrintWriter out, PreparedRestore prepared) {
        if (prepared.plan().isNoOp() || yes || confirmed(out, prepared)) {
            return true;
        }
        // A refusal like any other (exit 1): nothing went wrong, nothing was changed.
        spec.commandLine().getErr().println("capscope: " + notConfirmedSentence());
        return false;
    }

    private static String notConfirmedSentence() {
        return "not confirmed, nothing was changed (" + (System.console() == null ? "no terminal to ask on: " : "")
                + "pass --yes to apply without asking)";
    }

    /** Snapshot badge -> target badge, each marked re-created (by this restore) or already there. */
    private static void printBadges(PrintWriter out, RestoreResult result) {
        var all = result.badgeCorrespondence();
        if (all.isEmpty()) {
            return;
        }
        out.println("badge translations (snapshot -> target):");
        all.forEach((was, now) -> out.printf("  badge %d -> %d (%s)%n", was, now,
                now.equals(result.badgeTranslations().get(was)) ? "re-created" : "already there"));
    }

    /** Asks on the terminal; no terminal (a script) without --yes means no. */
    private boolean confirmed(PrintWriter out, PreparedRestore prepared) {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        String answer = console.readLine("Apply %d operation(s) to '%s' at %s? [y/N] ",
                prepared.plan().steps().size(), TerminalText.escape(task),
                TerminalText.escape(AddressSecrets.redact(AddressSecrets.withoutToken(prepared.target().endpoint()))));
        return answer != null && answer.trim().equalsIgnoreCase("y");
    }

    /** One line per stage and operation, so a long restore shows where it is. */
    private record Progress(PrintWriter out) implements RestoreListener {
        @Override
        public void stage(RestoreStage stage) {
            out.println("== " + stage.name().toLowerCase().replace('_', ' '));
            out.flush();
        }

        @Override
        public void step(RestoreStage stage, int index, int total, RestoreOperation operation) {
            out.printf("   [%d/%d] %s%n", index, total, operation.describe());
            out.flush();
        }
    }
}
