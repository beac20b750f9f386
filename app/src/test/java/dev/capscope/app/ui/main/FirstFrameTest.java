package dev.capscope.app.ui.main;

import dev.capscope.app.ui.UiContext;
import dev.capscope.app.ui.service.CoreLintService;
import dev.capscope.app.ui.service.DemoTargetLauncher;
import dev.capscope.app.ui.service.RecentStore;
import dev.capscope.app.ui.service.WalkService;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.DirectTaskRunner;
import dev.capscope.app.ui.testing.FakeDialogService;
import dev.capscope.app.ui.testing.ManualTimer;
import dev.capscope.app.ui.testing.TestSpaces;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.testing.InMemoryTarget;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The window's first showing waits for an explicit state, set by what happened first. */
class FirstFrameTest {
    @Test
    void theFirstTreeSettlesIt() {
        CapscopeHarness h = new CapscopeHarness(new DirectTaskRunner(), CapscopeHarness.NO_FILES);
        assertEquals(FirstFrame.State.WAITING, h.vm.firstFrame().stateProperty().get());
        h.targets.put("memory:x", () -> new InMemoryTarget("memory:x", "model", "genode-foc-19")
                .addTask(TestSpaces.logClient().build()));
        h.vm.attachTo("memory:x");
        assertEquals(FirstFrame.State.TREE, h.vm.firstFrame().stateProperty().get());
    }

    @Test
    void aDemoTargetThatDoesNotStartSettlesIt() {
        DemoTargetLauncher broken = new DemoTargetLauncher() {
            @Override
            public Optional<String> start() {
                throw new TargetException(TargetException.Code.UNREACHABLE, "capsim is missing");
            }

            @Override
            public void stop() {
            }
        };
        UiContext ctx = new UiContext(new DirectTaskRunner(), new ManualTimer(),
                uri -> { throw new TargetException(TargetException.Code.UNREACHABLE, "none"); }, broken,
                new WalkService(ProfileRegistry.builtin(), new CoreLintService()), CapscopeHarness.NO_FILES,
                new FakeDialogService(), RecentStore.inMemory());
        MainViewModel vm = new MainViewModel(ctx);
        vm.startDemo();
        assertEquals(FirstFrame.State.DEMO_FAILED, vm.firstFrame().stateProperty().get());
    }
}
