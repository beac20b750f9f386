package dev.capscope.app.ui.main;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * What the window waits for before it first shows when it attaches at start: the first tree, an
 * error, or the demo target failing to start. The first of them settles it; later ones change
 * nothing. Set on the UI thread by the view model; the start-up (CapscopeApp) shows the window
 * once it is settled, instead of matching status texts.
 */
public final class FirstFrame {
    /** Why the window may show: still waiting, or what came first. */
    public enum State { WAITING, TREE, ERROR, DEMO_FAILED }

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.WAITING);

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    void settle(State why) {
        if (state.get() == State.WAITING) {
            state.set(why);
        }
    }
}
