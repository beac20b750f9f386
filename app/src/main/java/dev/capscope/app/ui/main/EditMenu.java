package dev.capscope.app.ui.main;

import javafx.scene.control.Menu;
import javafx.scene.control.SeparatorMenuItem;

import static dev.capscope.app.ui.main.MainMenuBar.item;

/** Edit: copy what has the focus, find (the filter field), find next/previous, next/previous anomaly. */
final class EditMenu extends Menu {
    EditMenu(MainView view) {
        super("_Edit");
        setId("menuEdit");
        getItems().addAll(
                item("menuCopy", "_Copy", "Shortcut+C", view::copy),
                item("menuCopyDetails", "Copy all _details", "Shortcut+Shift+C", view::copyAllDetails),
                new SeparatorMenuItem(),
                item("menuFind", "_Find…", "Shortcut+F", view::focusFilter),
                item("menuFindNext", "Find _next", "F3", () -> view.findNext(true)),
                item("menuFindPrevious", "Find _previous", "Shift+F3", () -> view.findNext(false)),
                new SeparatorMenuItem(),
                item("menuNextAnomaly", "Next _anomaly", "F8", () -> view.nextAnomaly(true)),
                item("menuPreviousAnomaly", "Previous an_omaly", "Shift+F8", () -> view.nextAnomaly(false)));
    }
}
