package dev.capscope.app.ui.main;

import dev.capscope.app.ui.help.HelpWindows;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

import java.util.ArrayList;
import java.util.List;

import static dev.capscope.app.ui.main.MainMenuBar.item;

/** Help: keyboard shortcuts (read from the menus themselves), the areas and colours, About. */
final class HelpMenu extends Menu {
    HelpMenu(MainView view) {
        super("_Help");
        setId("menuHelp");
        getItems().addAll(
                item("menuShortcuts", "_Keyboard shortcuts", "F1", () -> HelpWindows.shortcuts(view, shortcuts(view))),
                item("menuAreas", "_Areas, colours and terms", null, () -> HelpWindows.areas(view)),
                new SeparatorMenuItem(),
                item("menuAbout", "A_bout Capscope", null, () -> HelpWindows.about(view)));
    }

    /** Every menu item with an accelerator ("Ctrl+O", "Open snapshot…"), plus the keys of the filter, tree and map. */
    static List<String[]> shortcuts(MainView view) {
        List<String[]> out = new ArrayList<>();
        for (javafx.scene.control.Menu m : view.menuBar().getMenus()) {
            collect(m, m.getText().replace("_", ""), out);
        }
        out.add(new String[]{"Enter / Shift+Enter", "Find: next / previous match (in the filter field)"});
        out.add(new String[]{"Down", "Find: from the filter field into the tree"});
        out.add(new String[]{"Esc", "Find: clear the filter"});
        out.add(new String[]{"Ctrl+C", "Tree: copy the selected rows; details: the selected lines"});
        out.add(new String[]{"Ctrl+wheel", "Map: zoom in and out"});
        out.add(new String[]{"Ctrl+W / F5", "Diff window: close / compare again"});
        return out;
    }

    private static void collect(Menu menu, String path, List<String[]> out) {
        for (MenuItem i : menu.getItems()) {
            if (i instanceof Menu sub) {
                collect(sub, path + " > " + sub.getText().replace("_", ""), out);
            } else if (i.getAccelerator() != null) {
                out.add(new String[]{i.getAccelerator().getDisplayText(), path + " > " + i.getText().replace("_", "")});
            }
        }
    }
}
