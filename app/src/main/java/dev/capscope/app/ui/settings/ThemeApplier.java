package dev.capscope.app.ui.settings;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.value.ObservableValue;
import javafx.scene.Parent;
import javafx.stage.Window;

/**
 * Applies the theme: AtlantaFX Primer (light or dark) as the user-agent stylesheet of every
 * window, and the style class {@code dark} on each window's root so Capscope's own colours
 * (capscope.css) switch with it.
 */
public final class ThemeApplier {
    private ThemeApplier() {
    }

    /** Applies the theme now and whenever it changes; {@code root} is the main window's content. */
    public static void follow(ObservableValue<Theme> theme, Parent root) {
        apply(theme.getValue(), root);
        theme.addListener((o, a, b) -> apply(b, root));
    }

    static void apply(Theme theme, Parent root) {
        boolean dark = theme == Theme.DARK;
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        mark(root, dark);
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null && w.getScene().getRoot() != null) mark(w.getScene().getRoot(), dark);
        }
    }

    private static void mark(Parent root, boolean dark) {
        if (dark && !root.getStyleClass().contains("dark")) root.getStyleClass().add("dark");
        if (!dark) root.getStyleClass().remove("dark");
    }
}
