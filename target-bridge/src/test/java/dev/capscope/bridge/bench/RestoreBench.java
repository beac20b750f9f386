package dev.capscope.bridge.bench;

import dev.capscope.bridge.BridgeTarget;
import dev.capscope.bridge.CapsimProcess;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.SnapshotMeta;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.restore.PreparedRestore;
import dev.capscope.core.restore.RestoreListener;
import dev.capscope.core.restore.RestoreResult;
import dev.capscope.core.restore.RestoreRunner;
import dev.capscope.core.restore.RestoreStage;
import dev.capscope.core.walk.Walker;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Restore of {@code init -> desktop} (gui-stack, ~550 caps) after its 60 window sessions were closed
 * at the server: plan (walk + preflight + plan), apply (lease + 60 re-created sessions) and verify
 * (fresh walk + full comparison), median and p90 of 20 rounds, side by side in one run.
 * Run: {@code mvn -B -pl target-bridge -am -Pbridge-bench -DskipTests verify}.
 */
public final class RestoreBench {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String TASK = "init -> desktop";
    private static final int ROUNDS = 20;

    private RestoreBench() {
    }

    public static void main(String[] args) {
        LayoutProfile profile = ProfileRegistry.builtin().get("genode-foc-19");
        long[] plan = new long[ROUNDS];
        long[] apply = new long[ROUNDS];
        long[] verify = new long[ROUNDS];
        int caps = 0;
        int recreated = 0;
        try (CapsimProcess capsim = CapsimProcess.start(CapsimProcess.Options.of(CapsimProcess.findScenario("gui-stack"))
                .allowRestore(true), TIMEOUT);
             BridgeTarget target = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
            for (int round = 0; round < ROUNDS; round++) {
                CapSpace taken = new Walker(target).walk(TASK, profile);
                caps = taken.slots().size();
                List<Integer> windows = taken.capMap().stream()
                        .filter(e -> "Nitpicker".equals(e.semantics().rpcInterface())).map(CapMapEntry::index).toList();
                for (int sel : windows) {
                    capsim.send("close-session desktop " + sel);
                    capsim.awaitLine(l -> l.startsWith("ok") || l.startsWith("error"), TIMEOUT);
                }
                Snapshot wanted = new Snapshot(new SnapshotMeta(SnapshotMeta.CURRENT_SCHEMA, "bench", Instant.EPOCH,
                        target.info().endpoint(), TASK, target.info().kernel(), profile.name(), "bench"), taken);
                RestoreRunner runner = new RestoreRunner(target, profile);
                long t0 = System.nanoTime();
                PreparedRestore prepared = runner.prepare(wanted, TASK);
                long t1 = System.nanoTime();
                long[] verifyStart = new long[1];
                RestoreResult r = runner.apply(prepared, new RestoreListener() {
                    @Override
                    public void stage(RestoreStage stage) {
                        if (stage == RestoreStage.VERIFY) {
                            verifyStart[0] = System.nanoTime();
                        }
                    }
                });
                long t2 = System.nanoTime();
                if (!r.succeeded()) {
                    throw new IllegalStateException("restore did not verify: " + r.summary());
                }
                recreated = r.badgeTranslations().size();
                plan[round] = t1 - t0;
                apply[round] = verifyStart[0] - t1;
                verify[round] = t2 - verifyStart[0];
            }
        }
        System.out.printf(Locale.ROOT, "restore of '%s' (%d valid caps, %d sessions re-created), %d rounds%n",
                TASK, caps, recreated, ROUNDS);
        print("plan   (walk + preflight + plan)", plan);
        print("apply  (lease + operations)", apply);
        print("verify (fresh walk + comparison)", verify);
    }

    private static void print(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "  %-36s median %8.2f ms   p90 %8.2f ms%n", what, s[s.length / 2] / 1e6,
                s[(int) Math.ceil(s.length * 0.9) - 1] / 1e6);
    }
}
