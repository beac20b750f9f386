package dev.capscope.app.ui.main;

import dev.capscope.app.ui.model.Grouping;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;

/** Menus with the shortcuts of the frequent actions; every item only calls a view-model command. */
final class MainMenuBar extends MenuBar {
    MainMenuBar(MainViewModel vm, Runnable focusFilter, Runnable quit) {
        setId("menuBar");
        Menu file = new Menu("_File");
        file.setId("menuFile");
        file.getItems().addAll(
                item("menuOpen", "_Open snapshot…", "Shortcut+O", vm::openSnapshot),
                recentMenu(vm),
                item("menuTakeSnapshot", "_Take snapshot…", "Shortcut+S", vm.snapshots()::take),
                item("menuSaveSnapshot", "Sa_ve snapshot", "Shortcut+Alt+S", () -> vm.snapshots().saveSelected(false)),
                item("menuSaveSnapshotAs", "Save snapshot _as…", "Shortcut+Shift+S", () -> vm.snapshots().saveSelected(true)),
                new SeparatorMenuItem(),
                item("menuCompare", "_Compare (diff)…", "Shortcut+D", vm.workflow()::compareShown),
                item("menuRestore", "_Restore snapshot…", "Shortcut+Shift+R", vm.workflow()::openRestore),
                new SeparatorMenuItem(),
                item("menuQuit", "_Quit", "Shortcut+Q", quit));
        Menu target = new Menu("_Target");
        target.setId("menuTarget");
        CheckMenuItem liveItem = new CheckMenuItem("_Live refresh");
        liveItem.setId("menuLiveRefresh");
        liveItem.setAccelerator(KeyCombination.keyCombination("Shortcut+L"));
        liveItem.selectedProperty().bindBidirectional(vm.liveRefreshProperty());
        liveItem.disableProperty().bind(vm.liveShownProperty().not());
        MenuItem refresh = item("menuRefresh", "_Refresh now", "F5", vm::refresh);
        refresh.disableProperty().bind(vm.liveShownProperty().not());
        target.getItems().addAll(
                item("menuAttach", "_Attach…", "Shortcut+T", vm::attach),
                item("menuReconnect", "Re_connect", "Shortcut+R", vm::reconnect),
                item("menuStartDemo", "Start _demo target", null, vm::startDemo),
                new SeparatorMenuItem(),
                refresh,
                liveItem);
        Menu view = new Menu("_View");
        view.setId("menuView");
        CheckMenuItem empty = new CheckMenuItem("Show _empty slots");
        empty.setId("menuShowEmpty");
        empty.setAccelerator(KeyCombination.keyCombination("Shortcut+E"));
        empty.selectedProperty().bindBidirectional(vm.tree().showEmptyProperty());
        view.getItems().addAll(item("menuFilter", "_Filter…", "Shortcut+F", focusFilter), empty, new SeparatorMenuItem());
        ToggleGroup g = new ToggleGroup();
        for (Grouping gr : Grouping.values()) {
            RadioMenuItem r = new RadioMenuItem("Group cap map " + gr);
            r.setId("menuGroup_" + gr.name());
            r.setToggleGroup(g);
            r.setSelected(vm.tree().groupingProperty().get() == gr);
            r.setOnAction(e -> vm.tree().groupingProperty().set(gr));
            vm.tree().groupingProperty().addListener((o, a, b) -> r.setSelected(b == gr));
            view.getItems().add(r);
        }
        getMenus().addAll(file, target, view);
    }

    /** "Open recent": the remembered snapshot files, filled when the menu opens. */
    private static Menu recentMenu(MainViewModel vm) {
        Menu recent = new Menu("Open _recent");
        recent.setId("menuOpenRecent");
        recent.getItems().add(new MenuItem("(none)"));
        recent.setOnShowing(e -> {
            recent.getItems().clear();
            java.util.List<String> files = vm.context().recent().files();
            for (int i = 0; i < files.size(); i++) {
                String f = files.get(i);
                recent.getItems().add(item("menuRecent_" + i, f.replace("_", "__"), null,
                        () -> vm.openSnapshotFile(java.nio.file.Path.of(f))));
            }
            if (files.isEmpty()) {
                MenuItem none = new MenuItem("(no recent snapshot files)");
                none.setDisable(true);
                recent.getItems().add(none);
            }
        });
        return recent;
    }

    private static MenuItem item(String id, String text, String accel, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        if (accel != null) {
            m.setAccelerator(KeyCombination.keyCombination(accel));
        }
        m.setOnAction(e -> action.run());
        return m;
    }
}
