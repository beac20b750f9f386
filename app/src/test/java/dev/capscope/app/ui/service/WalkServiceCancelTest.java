package dev.capscope.app.ui.service;

import dev.capscope.app.ui.task.BackgroundTask;
import dev.capscope.app.ui.testing.DirectTaskRunner;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.testing.InMemoryTarget;
import dev.capscope.core.testing.Spaces;
import dev.capscope.core.walk.WalkCancelledException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A background task's cancel() reaches the core's walk through the task's progress. */
class WalkServiceCancelTest {
    private static final String TASK = "init -> demo";

    @Test
    void aCancelledTaskStopsItsWalkAndKeepsNothing() {
        CapSpace space = Spaces.typical("genode-foc-19", TASK, 2).build();
        InMemoryTarget target = new InMemoryTarget("mem:", "test kernel", "genode-foc-19").addTask(space);
        WalkService walks = new WalkService(ProfileRegistry.builtin(), new CoreLintService());
        AtomicReference<Object> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();

        BackgroundTask<WalkService.WalkResult> task = BackgroundTask.wrapWithProgress("walk",
                p -> walks.walk(target, TASK, null, "genode-foc-19", p));
        task.onSuccess(result::set).onFailure(failure::set);
        task.cancel();
        task.executeWith(new DirectTaskRunner());

        assertNull(result.get());
        assertInstanceOf(WalkCancelledException.class, failure.get());
    }

    @Test
    void anUncancelledTaskWalks() {
        CapSpace space = Spaces.typical("genode-foc-19", TASK, 2).build();
        InMemoryTarget target = new InMemoryTarget("mem:", "test kernel", "genode-foc-19").addTask(space);
        WalkService walks = new WalkService(ProfileRegistry.builtin(), new CoreLintService());
        AtomicReference<WalkService.WalkResult> result = new AtomicReference<>();

        BackgroundTask.wrapWithProgress("walk", p -> walks.walk(target, TASK, null, "genode-foc-19", p))
                .onSuccess(result::set).executeWith(new DirectTaskRunner());

        assertEquals(space, result.get().space());
    }
}
