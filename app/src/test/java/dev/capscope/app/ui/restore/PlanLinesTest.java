package dev.capscope.app.ui.restore;

import dev.capscope.app.ui.testing.TestSpaces;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.restore.Phase;
import dev.capscope.core.restore.PlanLines;
import dev.capscope.core.restore.PlannedStep;
import dev.capscope.core.restore.RestorePlan;
import dev.capscope.core.target.RestoreOperation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The wizard's plan lines name what an operation removes and whether a session stays open at its server. */
class PlanLinesTest {
    private final CapSpace live = TestSpaces.logClient().build();
    private final CapMapEntry log = live.capMap().stream().filter(e -> "LOG".equals(e.semantics().rpcInterface()))
            .findFirst().orElseThrow();
    private final String sel = dev.capscope.core.model.Selectors.format(log.index());

    private String line(RestoreOperation op, RestoreOperation... others) {
        PlannedStep step = new PlannedStep(Phase.values()[0], op);
        List<PlannedStep> steps = new java.util.ArrayList<>(List.of(step));
        for (RestoreOperation o : others) steps.add(new PlannedStep(Phase.values()[0], o));
        return PlanLines.describe(step, live, new RestorePlan(live.taskName(), List.of(), steps, List.of()));
    }

    @Test
    void anUnmapNamesTheSessionAndSaysItStaysOpenAtItsServer() {
        assertEquals("unmap " + sel + ": removes LOG 'init -> log_client' @log_server, badge " + log.rawId()
                + "; the session stays open at its server", line(new RestoreOperation.Unmap(log.index())));
    }

    @Test
    void anUnmapBesideAClosedSessionDoesNotClaimItStaysOpen() {
        assertEquals("unmap " + sel + ": removes LOG 'init -> log_client' @log_server, badge " + log.rawId(),
                line(new RestoreOperation.Unmap(log.index()), new RestoreOperation.CloseSession(log.index())));
        assertEquals("close session at " + sel + ": LOG 'init -> log_client' @log_server, badge " + log.rawId(),
                line(new RestoreOperation.CloseSession(log.index())));
    }

    @Test
    void theRenderedPlanOfTheCommandLineUsesTheSameLines() {
        PlannedStep unmap = new PlannedStep(Phase.values()[0], new RestoreOperation.Unmap(log.index()));
        RestorePlan plan = new RestorePlan(live.taskName(), List.of(), List.of(unmap), List.of());
        String text = plan.render(live);
        assertEquals(true, text.contains("  1. " + PlanLines.describe(unmap, live, plan) + "\n"), text);
        assertEquals(true, text.contains("removes LOG 'init -> log_client' @log_server"), text);
    }

    @Test
    void otherOperationsKeepTheirWords() {
        assertEquals("map 0x1 (1) -> 0x2 (2) RWS", line(new RestoreOperation.MapCopy(1, 2,
                dev.capscope.core.model.Rights.RWS)));
    }
}
