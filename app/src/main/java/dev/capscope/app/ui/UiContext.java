package dev.capscope.app.ui;

import dev.capscope.app.ui.service.DemoTargetLauncher;
import dev.capscope.app.ui.service.DialogService;
import dev.capscope.app.ui.service.RecentStore;
import dev.capscope.app.ui.service.SnapshotService;
import dev.capscope.app.ui.service.TargetConnector;
import dev.capscope.app.ui.service.WalkService;
import dev.capscope.app.ui.task.TaskRunner;
import dev.capscope.app.ui.task.UiTimer;

/**
 * The services the window's view models use: the composition root builds it once (the app from
 * the real bridge, tests from in-memory targets and fakes), nothing looks services up globally.
 */
public record UiContext(TaskRunner runner, UiTimer timer, TargetConnector connector, DemoTargetLauncher demo,
                        WalkService walks, SnapshotService snapshots, DialogService dialogs, RecentStore recent) {
}
