package dev.capscope.app.ui.recording;

import dev.capscope.app.ui.tree.CapTreeViewModel;
import dev.capscope.core.timeline.Moment;

/** A moment made ready for the screen on the worker: the tree frame and a one-line description. */
public record MomentView(Moment moment, CapTreeViewModel.Frame frame, String text) {
}
