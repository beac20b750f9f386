package dev.capscope.bridge.oracle;

import dev.capscope.bridge.BridgeTarget;
import dev.capscope.bridge.CapsimProcess;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.SnapshotMeta;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.restore.RestoreListener;
import dev.capscope.core.restore.RestoreOutcome;
import dev.capscope.core.restore.RestoreResult;
import dev.capscope.core.restore.RestoreRunner;
import dev.capscope.core.target.RestoreLease;
import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.walk.Walker;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Restore judged by an oracle that is not restore's own verification: random sequences of changes
 * (sessions opened and closed, dataspaces, threads started and ended, caps unmapped, mapped and granted
 * with random rights, core slots included, churn) hit task {@code init -> launcher} of a real capsim
 * after a snapshot; then restore runs; then capsim's own dump of its true state (read by
 * {@link TrueState}, no Capscope model code) decides:
 * <ul>
 *   <li>RESTORED_VERIFIED ⇒ the task equals its state at the snapshot (identities aside outside
 *       core's slots) and every other task holds as many caps and entries as then (no orphaned
 *       session at a server);</li>
 *   <li>REFUSED ⇒ nothing changed anywhere;</li>
 *   <li>ROLLED_BACK ⇒ the task is as before the restore (exactly so when the result says "as it
 *       was"), other tasks too;</li>
 *   <li>FAILED ⇒ the result says what to do.</li>
 * </ul>
 * Sequences come from {@link MutationGenerator} (seeded; a failure prints the base seed, the run and
 * the sequence shrunk to what still fails).
 */
class RestoreOracleTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final LayoutProfile PROFILE = ProfileRegistry.builtin().get("genode-foc-19");
    private static final String TASK = "init -> launcher";
    private static final String KEY = "launcher";
    private static final int USER_BASE = PROFILE.userBaseCap();

    private static CapsimProcess capsim;
    private static BridgeTarget target;
    private static Path dumps;
    private static List<String> components;
    private static final Map<String, Integer> OUTCOMES = new java.util.TreeMap<>();
    /** A fresh capsim every so many runs, so sequences meet varied states rather than one drifting one. */
    private static final int RUNS_PER_CAPSIM = 25;
    private static int runs;
    /** The run being judged, for messages. */
    private static String current = "";

    @BeforeAll
    static void start() throws Exception {
        dumps = Files.createTempDirectory("capscope-oracle");
        boot();
    }

    private static void boot() {
        if (target != null) {
            target.close();
        }
        if (capsim != null) {
            capsim.close();
        }
        capsim = CapsimProcess.start(CapsimProcess.Options.of(CapsimProcess.findScenario("default"))
                .allowRestore(true), TIMEOUT);
        target = BridgeTarget.connect(capsim.uri(), TIMEOUT);
        String tasks = command("tasks");
        components = new ArrayList<>();
        for (String t : tasks.substring(3).trim().split(" ")) {
            components.add(t.substring(t.indexOf(':') + 1));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        System.out.printf("restore oracle: %d sequences from base seed %d, outcomes %s%n", runs, SEED, OUTCOMES);
        if (target != null) {
            target.close();
        }
        if (capsim != null) {
            capsim.close();
        }
        if (dumps != null) {
            try (var files = Files.list(dumps)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dumps);
        }
    }

    /**
     * Sequences per build; {@code -Dcapscope.oracle.runs=N} for more, {@code -Dcapscope.oracle.seed=S} to replay,
     * {@code -Dcapscope.oracle.debug=true} to print every capsim command and what each change did to the task.
     */
    private static final int RUNS = Integer.getInteger("capscope.oracle.runs", 1000);
    /**
     * Fixed by default so every build runs the same 1,000 sequences (capsim is deterministic, so a
     * failure replays exactly); {@code -Dcapscope.oracle.seed=S} explores others.
     */
    private static final long SEED = Long.getLong("capscope.oracle.seed", 20261129L);

    @Test
    void verifiedMeansRestoredAndRefusedMeansUntouched() {
        for (int i = 0; i < RUNS; i++) {
            if (i > 0 && i % RUNS_PER_CAPSIM == 0) {
                boot();
            }
            long seed = SEED + i;
            List<Mutation> changes = MutationGenerator.sequence(seed);
            current = "run " + i + ", sequence " + changes;
            try {
                if (check(changes)) {
                    boot(); // the task got into a state no snapshot of it can be restored from: start afresh
                }
            } catch (AssertionFailedError e) {
                List<Mutation> shrunk = MutationGenerator.shrink(changes, c -> {
                    try {
                        check(c);
                        return false;
                    } catch (AssertionFailedError again) {
                        return true;
                    }
                });
                throw new AssertionFailedError("restore oracle failed at run " + i + " of base seed " + SEED
                        + " (replay: -Dcapscope.oracle.seed=" + SEED + "); sequence " + changes + ", shrunk to " + shrunk
                        + ": " + e.getMessage(), e);
            }
        }
    }

    /** Runs one sequence and judges it; true when the snapshot itself was refused as inconsistent. */
    private static boolean check(List<Mutation> changes) {
        runs++;
        CapSpace taken = new Walker(target).walk(TASK, PROFILE);
        Map<String, TrueState> atSnapshot = dumpAll();
        for (Mutation m : changes) {
            TrueState was = Boolean.getBoolean("capscope.oracle.debug") ? dump(KEY) : null;
            perform(m);
            if (was != null) {
                System.out.println("STEP " + m + "\n" + lineDiff(was, dump(KEY)));
            }
        }
        Map<String, TrueState> beforeRestore = dumpAll();
        Snapshot wanted = new Snapshot(new SnapshotMeta(SnapshotMeta.CURRENT_SCHEMA, "oracle", Instant.EPOCH,
                target.info().endpoint(), TASK, target.info().kernel(), PROFILE.name(), "test"), taken);
        RestoreRunner runner = new RestoreRunner(target, PROFILE);
        RestoreResult r = runner.apply(runner.prepare(wanted, TASK), RestoreListener.NONE);
        OUTCOMES.merge(r.outcome() == RestoreOutcome.RESTORED_VERIFIED ? "RESTORED_VERIFIED"
                : r.outcome() + "(" + r.code() + ")", 1, Integer::sum);
        Map<String, TrueState> after = dumpAll();
        String why = r.summary() + "\nplan:\n" + r.plan().render();
        switch (r.outcome()) {
            case RESTORED_VERIFIED -> {
                assertEquals(atSnapshot.get(KEY).normalized(USER_BASE), after.get(KEY).normalized(USER_BASE),
                        "VERIFIED but the true state differs from the snapshot's: " + why);
                // Orphans are judged where they are well defined: sequences of the component's own actions
                // (churn changes other tasks itself; raw maps and unmaps of session caps can leave a session
                // without any cap in the task, which restore reports as left open but cannot reach).
                // A snapshot with dangling session entries (no cap behind them: lint flags them) records
                // no session to keep open, so it says nothing about the servers either.
                if (changes.stream().allMatch(RestoreOracleTest::componentAction)
                        && !r.message().contains(dev.capscope.core.restore.RestorePlanner.LEFT_OPEN)
                        && !atSnapshot.get(KEY).hasDanglingSessions(USER_BASE)) {
                    assertOthersHoldAsMany(atSnapshot, after, why + "\nthe changes did to the task:\n"
                            + lineDiff(atSnapshot.get(KEY), beforeRestore.get(KEY)));
                }
            }
            case REFUSED -> assertEquals(exact(beforeRestore), exact(after), "REFUSED but something changed: " + why);
            case ROLLED_BACK -> {
                if (r.message().contains("as it was before the restore")) {
                    assertEquals(beforeRestore.get(KEY).exact(), after.get(KEY).exact(),
                            "ROLLED_BACK 'as it was' but identities changed: " + why);
                } else {
                    assertEquals(beforeRestore.get(KEY).normalized(USER_BASE), after.get(KEY).normalized(USER_BASE),
                            "ROLLED_BACK but the task is not as before: " + why);
                    assertTrue(r.message().contains("now other objects"), why);
                }
                if (!r.message().contains(dev.capscope.core.restore.RestorePlanner.LEFT_OPEN)) {
                    assertOthersHoldAsMany(beforeRestore, after, why);
                }
            }
            case FAILED -> assertTrue(r.message().contains("take a snapshot now"), why);
        }
        return r.outcome() == RestoreOutcome.REFUSED && r.code().equals("SNAPSHOT_INCONSISTENT");
    }

    private static boolean componentAction(Mutation m) {
        return !(m instanceof Mutation.ChurnStep || m instanceof Mutation.Map || m instanceof Mutation.Unmap);
    }

    /**
     * Orphan accounting: other tasks (servers, the parent that files sessions) hold as many caps and
     * entries as then, unless the result named a session left open.
     */
    private static void assertOthersHoldAsMany(Map<String, TrueState> then, Map<String, TrueState> now, String why) {
        for (String c : components) {
            if (!c.equals(KEY)) {
                assertTrue(then.get(c).slotCount() == now.get(c).slotCount()
                                && then.get(c).entryCount() == now.get(c).entryCount(),
                        "a session changed at " + c + " that the result does not name, in " + current + ": " + why
                                + "\n" + lineDiff(then.get(c), now.get(c)));
            }
        }
    }

    private static String lineDiff(TrueState then, TrueState now) {
        List<String> a = List.of(then.exact().split("\n"));
        List<String> b = List.of(now.exact().split("\n"));
        StringBuilder out = new StringBuilder();
        a.stream().filter(l -> !b.contains(l)).forEach(l -> out.append("- ").append(l).append('\n'));
        b.stream().filter(l -> !a.contains(l)).forEach(l -> out.append("+ ").append(l).append('\n'));
        return out.toString();
    }

    private static Map<String, String> exact(Map<String, TrueState> all) {
        Map<String, String> m = new LinkedHashMap<>();
        all.forEach((k, v) -> m.put(k, v.exact()));
        return m;
    }

    private static void perform(Mutation m) {
        TrueState now = dump(KEY);
        if (m instanceof Mutation.OpenSession o) {
            command("open-session " + KEY + " " + o.iface() + " " + o.label() + (o.server() == null ? "" : " " + o.server()));
        } else if (m instanceof Mutation.CloseSession c) {
            List<Integer> sessions = now.entries().entrySet().stream()
                    .filter(e -> e.getKey() >= USER_BASE && (Integer.parseInt(e.getValue()[2]) & 2) != 0)
                    .map(Map.Entry::getKey).toList();
            if (!sessions.isEmpty()) {
                command("close-session " + KEY + " " + sessions.get(c.pick() % sessions.size()));
            }
        } else if (m instanceof Mutation.AllocDataspace a) {
            command("alloc-dataspace " + KEY + " " + a.size());
        } else if (m instanceof Mutation.StartThread st) {
            command("start-thread " + KEY + " " + st.name());
        } else if (m instanceof Mutation.ExitThread e) {
            List<String> threads = now.threads();
            if (threads.size() > 1) {
                command("exit-thread " + KEY + " " + threads.get(1 + e.pick() % (threads.size() - 1)).split(" ")[0]);
            }
        } else if (m instanceof Mutation.RenameThread rt) {
            List<String> threads = now.threads();
            command("rename-thread " + KEY + " " + threads.get(rt.pick() % threads.size()).split(" ")[0] + " " + rt.name());
        } else if (m instanceof Mutation.FreeDataspace f) {
            List<Integer> dataspaces = now.entries().entrySet().stream()
                    .filter(e -> e.getKey() >= USER_BASE && "Dataspace".equals(e.getValue()[5]))
                    .map(java.util.Map.Entry::getKey).toList();
            if (!dataspaces.isEmpty()) {
                command("free-dataspace " + KEY + " " + dataspaces.get(f.pick() % dataspaces.size()));
            }
        } else if (m instanceof Mutation.ChurnStep) {
            command("churn-step");
        } else if (m instanceof Mutation.Unmap u) {
            mutate(new RestoreOperation.Unmap(validPick(now, u.pick())));
        } else if (m instanceof Mutation.Map mp) {
            int from = validPick(now, mp.pick());
            Rights rights = new Rights(mp.rights());
            mutate(mp.grant() ? new RestoreOperation.Grant(from, mp.to(), rights)
                    : new RestoreOperation.MapCopy(from, mp.to(), rights));
        }
    }

    private static int validPick(TrueState s, int pick) {
        List<Integer> valid = new ArrayList<>(s.slots().keySet());
        valid.remove(Integer.valueOf(1)); // the task cap: unmapping it would end the component
        return valid.get(pick % valid.size());
    }

    /** A protocol mutation under the restore lease, as another tool would make it; kernel refusals are fine. */
    private static void mutate(RestoreOperation op) {
        try (RestoreLease ignored = target.acquireLease(TASK, target.generation(TASK))) {
            target.apply(TASK, op);
        } catch (TargetException e) {
            if (e.code() == TargetException.Code.UNREACHABLE || e.code() == TargetException.Code.TIMEOUT) {
                throw e;
            }
        }
    }

    private static Map<String, TrueState> dumpAll() {
        Map<String, TrueState> all = new LinkedHashMap<>();
        for (String c : components) {
            all.put(c, dump(c));
        }
        return all;
    }

    private static TrueState dump(String component) {
        Path f = dumps.resolve(component + ".dump");
        String answer = command("dump " + component + " " + f);
        assertTrue(answer.startsWith("ok"), answer);
        return TrueState.read(f);
    }

    /** One stdin command; its answer ("ok ..." or "error ..."; errors are part of the game). */
    private static String command(String line) {
        capsim.send(line);
        String a = capsim.awaitLine(l -> l.startsWith("ok") || l.startsWith("error"), TIMEOUT);
        if (Boolean.getBoolean("capscope.oracle.debug") && !line.startsWith("dump")) {
            System.out.println("CMD " + line + " => " + a);
        }
        return a;
    }
}
