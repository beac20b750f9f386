package dev.capscope.app.ui.restore;

import dev.capscope.app.ui.sources.LiveTarget;

/** A task of a live target that a snapshot can be restored onto. */
public record TaskChoice(LiveTarget target, String task) {
    @Override
    public String toString() {
        return task + " @ " + target.endpoint();
    }
}
