package dev.capscope.app.ui.tree;

import dev.capscope.app.ui.copy.ClipboardText;
import dev.capscope.app.ui.model.Row;
import dev.capscope.app.ui.model.RowFilter;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * The cap-space tree's context menu (Wireshark's "Copy …" and "Apply as Filter"): copy the cell,
 * the row(s), the selector, the kcap, the row(s) as JSON; filter by the cell's value; show the
 * selector in the map; show the other holders of the row's kernel object.
 */
final class TreeContextMenu extends ContextMenu {
    TreeContextMenu(CapTreeView tree, CapTreeViewModel vm, IntConsumer showInMap) {
        setId("treeContextMenu");
        MenuItem copyCell = item("treeCopyCell", "Copy cell", () -> ClipboardText.put(tree.clickedCellText()));
        MenuItem copyRow = item("treeCopyRow", "Copy row(s)", tree::copySelectedRows);
        copyRow.setAccelerator(javafx.scene.input.KeyCombination.keyCombination("Shortcut+C"));
        MenuItem copySelector = item("treeCopySelector", "Copy selector", () -> ClipboardText.put(
                join(tree.selectedRows().stream().filter(Row::isSelector)
                        .map(r -> tree.numbers().format(r.selector())).toList())));
        MenuItem copyKcap = item("treeCopyKcap", "Copy kcap", () -> ClipboardText.put(
                join(tree.selectedRows().stream().filter(Row::isSelector).map(Row::kcap).toList())));
        MenuItem copyJson = item("treeCopyJson", "Copy as JSON", () -> ClipboardText.put(RowText.json(tree.selectedRows())));
        MenuItem filter = item("treeFilterBy", "Filter by this value", () -> {
            String v = tree.clickedCellText();
            if (!v.isBlank()) vm.filterTextProperty().set(v);
        });
        MenuItem map = item("treeShowInMap", "Show in map", () -> {
            Row r = tree.focusedRow();
            if (r != null && r.isSelector()) showInMap.accept(r.selector());
        });
        MenuItem holders = item("treeShowHolders", "Show other holders of this object", () -> {
            Row r = tree.focusedRow();
            if (r != null && r.objectId() >= 0) vm.filterTextProperty().set(RowFilter.OBJECT_PREFIX + r.objectId());
        });
        MenuItem allHolders = item("treeHolders", "Holders…", () -> {
            Row r = tree.focusedRow();
            if (r != null && r.isSelector()) vm.requestHolders(r.selector());
        });
        getItems().addAll(copyCell, copyRow, copySelector, copyKcap, copyJson, new SeparatorMenuItem(), filter, map,
                holders, allHolders);
        setOnShowing(e -> {
            Row r = tree.focusedRow();
            boolean none = tree.selectedRows().isEmpty();
            boolean selector = r != null && r.isSelector();
            copyCell.setDisable(tree.clickedCellText().isEmpty());
            filter.setDisable(tree.clickedCellText().isBlank());
            copyRow.setDisable(none);
            copyJson.setDisable(none);
            copySelector.setDisable(!selector);
            copyKcap.setDisable(!selector);
            map.setDisable(!selector);
            allHolders.setDisable(!selector);
            holders.setDisable(r == null || r.objectId() < 0);
            holders.setText(r == null || r.objectId() < 0 ? "Show other holders of this object"
                    : "Show other holders of object " + r.objectId());
        });
    }

    private static String join(List<String> l) {
        return String.join("\n", l);
    }

    private static MenuItem item(String id, String text, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        m.setOnAction(e -> action.run());
        return m;
    }
}
