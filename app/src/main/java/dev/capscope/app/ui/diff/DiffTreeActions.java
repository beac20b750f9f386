package dev.capscope.app.ui.diff;

import dev.capscope.app.ui.model.RowFilter;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

import java.util.function.IntConsumer;

/**
 * The diff tree's context-menu actions beyond copying, as in the main tree: filter by the
 * clicked value, show the row's selector in the diff map, show the other holders of its kernel
 * object ({@code obj:ID}).
 */
final class DiffTreeActions {
    private DiffTreeActions() {
    }

    static void install(DiffTreeView tree, DiffViewModel vm, IntConsumer showInMap) {
        ContextMenu menu = tree.getContextMenu();
        menu.setId("diffContextMenu");
        MenuItem filter = item("diffFilterBy", "Filter by this value", () -> {
            String v = tree.clickedCellText();
            if (!v.isBlank()) vm.filterTextProperty().set(v);
        });
        MenuItem map = item("diffShowInMap", "Show in map", () -> {
            DiffRow r = tree.focusedRow();
            if (r != null && !r.isGroup()) showInMap.accept(r.selector());
        });
        MenuItem holders = item("diffShowHolders", "Show other holders of this object", () -> {
            long id = DiffRowFilter.objectOf(tree.focusedRow());
            if (id >= 0) vm.filterTextProperty().set(RowFilter.OBJECT_PREFIX + id);
        });
        menu.getItems().addAll(new SeparatorMenuItem(), filter, map, holders);
        menu.setOnShowing(e -> {
            DiffRow r = tree.focusedRow();
            boolean row = r != null && !r.isGroup();
            long id = DiffRowFilter.objectOf(r);
            menu.getItems().stream().filter(i -> i.getId() != null && i.getId().startsWith("diffCopy"))
                    .forEach(i -> i.setDisable(r == null));
            filter.setDisable(tree.clickedCellText().isBlank());
            map.setDisable(!row);
            holders.setDisable(id < 0);
            holders.setText(id < 0 ? "Show other holders of this object" : "Show other holders of object " + id);
        });
    }

    private static MenuItem item(String id, String text, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        m.setOnAction(e -> action.run());
        return m;
    }
}
