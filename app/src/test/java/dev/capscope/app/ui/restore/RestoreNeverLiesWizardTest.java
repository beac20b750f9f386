package dev.capscope.app.ui.restore;

import dev.capscope.app.ui.task.FxTaskRunner;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.CapscopePage;
import dev.capscope.app.ui.testing.SnapshotFiles;
import dev.capscope.bridge.BridgeTarget;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Rights;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.target.RestoreLease;
import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.walk.Walker;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wizard side of "restore never lies", against a real capsim: an empty plan is still verified by
 * a fresh walk, and what restore cannot produce (threads that changed, a gate mapped over the parent
 * slot) is refused in the preflight with its code, never applied or called verified.
 */
@ExtendWith(ApplicationExtension.class)
class RestoreNeverLiesWizardTest {
    private static final String TASK = CapsimWindowSession.TASK;
    @TempDir
    Path tmp;
    private CapscopeHarness h;
    private CapsimWindowSession session;

    @Start
    void start(Stage stage) {
        h = new CapscopeHarness(new FxTaskRunner(), SnapshotFiles.REAL);
        h.show(stage);
    }

    @AfterEach
    void close() {
        h.close();
        if (session != null) {
            session.close();
        }
    }

    /** Capsim (restore allowed) attached, a snapshot taken, the restore wizard open. */
    private CapscopePage attachAndSnapshot(FxRobot robot) {
        session = CapsimWindowSession.attachAndSnapshot(h, robot, tmp, true, null, t -> t);
        return session.openWizard();
    }

    private void command(String line) {
        session.command(line);
    }

    private String preflight(CapscopePage page) {
        page.waitUntil(() -> !page.disabled("#restorePreflightButton"));
        page.click("#restorePreflightButton");
        try {
            page.waitUntil(() -> page.text("#restoreVerdict").startsWith("Preflight passed")
                    || page.text("#restoreVerdict").startsWith("Refused") || !h.dialogs.errors().isEmpty());
        } catch (AssertionError e) {
            throw new AssertionError("no verdict: '" + page.text("#restoreVerdict") + "' reason '"
                    + page.text("#restoreDisabledReason") + "' errors " + h.dialogs.errors(), e);
        }
        assertTrue(h.dialogs.errors().isEmpty(), () -> h.dialogs.errors().toString());
        return page.text("#restoreVerdict");
    }

    @Test
    void anEmptyPlanIsCheckedByAFreshWalkBeforeItIsCalledVerified(FxRobot robot) {
        CapscopePage page = attachAndSnapshot(robot);
        String verdict = preflight(page);
        assertTrue(verdict.contains("no operation is planned") && verdict.contains("fresh walk"), verdict);
        page.click("#restoreNextButton");
        page.click("#restoreConfirmCheck");
        page.click("#restoreApplyButton");
        page.waitUntil(() -> !page.text("#restoreOutcome").isEmpty());
        assertEquals("RESTORED_VERIFIED", page.text("#restoreOutcome"), page.text("#restoreResultText"));
        assertTrue(page.text("#restoreResultText").contains("a fresh walk matches the snapshot"),
                page.text("#restoreResultText"));
    }

    @Test
    void changedThreadsAreRefusedInThePreflightAndNeverRelabelled(FxRobot robot) {
        CapscopePage page = attachAndSnapshot(robot);
        command("start-thread log_client intruder");
        String verdict = preflight(page);
        assertTrue(verdict.startsWith("Refused"), verdict);
        assertTrue(page.listItems("#restoreRefusals").stream().anyMatch(r -> r.startsWith("THREADS_DIFFER")
                && r.contains("intruder")), page.listItems("#restoreRefusals").toString());
        assertTrue(page.disabled("#restoreNextButton"), "nothing can be applied");
    }

    @Test
    void aGateMappedOverTheParentSlotIsRefusedNotVerified(FxRobot robot) {
        CapscopePage page = attachAndSnapshot(robot);
        try (BridgeTarget t = BridgeTarget.connect(session.capsim.uri(), CapsimWindowSession.START)) {
            CapSpace s = new Walker(t).walk(TASK, ProfileRegistry.builtin().get("genode-foc-19"));
            int session = s.capMap().stream().filter(e -> e.index() >= 0x300 && e.hasBadge()).findFirst()
                    .orElseThrow().index();
            try (RestoreLease lease = t.acquireLease(TASK, t.generation(TASK))) {
                t.apply(TASK, new RestoreOperation.MapCopy(session, 0xb, Rights.RWS));
                assertTrue(lease.generation() > 0);
            }
        }
        String verdict = preflight(page);
        assertTrue(verdict.startsWith("Refused by the preflight (CORE_AREA_DIFFERS)"), verdict);
        assertTrue(page.listItems("#restoreRefusals").stream().anyMatch(r -> r.contains("0xb")),
                page.listItems("#restoreRefusals").toString());
    }
}
