package dev.capscope.app.ui.restore;

import dev.capscope.app.ui.task.BackgroundTask;
import dev.capscope.core.restore.RestoreListener;
import dev.capscope.core.restore.RestoreStage;
import dev.capscope.core.target.RestoreOperation;

import java.util.List;

/** Restore progress from the runner's thread, as fractions and one line per operation. */
record RestoreProgress(BackgroundTask.Progress p, List<String> lines) implements RestoreListener {
    @Override
    public void stage(RestoreStage stage) {
        double f = switch (stage) {
            case WALK_BEFORE -> 0.02;
            case APPLY -> 0.05;
            case VERIFY -> 0.8;
            case ROLLBACK -> 0.85;
            case ROLLBACK_VERIFY -> 0.95;
        };
        String m = stage.name().toLowerCase().replace('_', ' ');
        synchronized (lines) { // the runner announces ROLLBACK twice (deciding, then applying): one line
            if (lines.isEmpty() || !lines.get(lines.size() - 1).equals(m)) lines.add(m);
        }
        p.update(f, m);
    }

    @Override
    public void step(RestoreStage stage, int index, int total, RestoreOperation operation) {
        double base = stage == RestoreStage.ROLLBACK ? 0.85 : 0.05;
        double span = stage == RestoreStage.ROLLBACK ? 0.1 : 0.75;
        String m = stage.name().toLowerCase() + " [" + index + "/" + total + "] " + operation.describe();
        lines.add(m);
        p.update(base + span * index / Math.max(1, total), m);
    }
}
