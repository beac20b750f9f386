package dev.capscope.app.ui.main;

import dev.capscope.app.ui.model.Grouping;
import dev.capscope.app.ui.settings.NumberBase;
import dev.capscope.app.ui.settings.Theme;
import dev.capscope.app.ui.settings.ViewSettings;
import dev.capscope.app.ui.tree.TreeColumn;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;

/** Menus with the shortcuts of the frequent actions; every item only calls a command. */
final class MainMenuBar extends MenuBar {
    MainMenuBar(MainViewModel vm, MainView view, Runnable quit) {
        setId("menuBar");
        Menu file = new Menu("_File");
        file.setId("menuFile");
        file.getItems().addAll(
                item("menuOpen", "_Open snapshot…", "Shortcut+O", vm::openSnapshot),
                recentMenu(vm),
                item("menuOpenRecording", "Open recordin_g…", null, vm::openRecording),
                item("menuTakeSnapshot", "_Take snapshot…", "Shortcut+S", vm.snapshots()::take),
                item("menuSaveSnapshot", "Sa_ve snapshot", "Shortcut+Alt+S", () -> vm.snapshots().saveSelected(false)),
                item("menuSaveSnapshotAs", "Save snapshot _as…", "Shortcut+Shift+S", () -> vm.snapshots().saveSelected(true)),
                item("menuExportView", "_Export the view…", "Shortcut+Shift+E", view::exportView),
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
                item("menuHoldersGraph", "_Holders: who serves whom…", null, () -> vm.showHolders(-1)),
                new SeparatorMenuItem(),
                recordItem("menuRecordAll", "Record _all tasks…", vm, true),
                recordItem("menuRecordTask", "Record the _shown task…", vm, false),
                stopRecordItem(vm),
                new SeparatorMenuItem(),
                refresh,
                liveItem);
        getMenus().addAll(file, new EditMenu(view), viewMenu(vm, view), target, new HelpMenu(view));
    }

    private static MenuItem recordItem(String id, String text, MainViewModel vm, boolean all) {
        MenuItem m = item(id, text, null, () -> vm.liveRecording().start(all));
        m.disableProperty().bind(vm.liveShownProperty().not().or(vm.liveRecording().recordingProperty()));
        return m;
    }

    private static MenuItem stopRecordItem(MainViewModel vm) {
        MenuItem m = item("menuStopRecording", "S_top recording", null, vm.liveRecording()::stop);
        m.disableProperty().bind(vm.liveRecording().recordingProperty().not());
        return m;
    }

    private static Menu viewMenu(MainViewModel vm, MainView view) {
        Menu menu = new Menu("_View");
        menu.setId("menuView");
        CheckMenuItem empty = new CheckMenuItem("Show _empty slots");
        empty.setId("menuShowEmpty");
        empty.setAccelerator(KeyCombination.keyCombination("Shortcut+E"));
        empty.selectedProperty().bindBidirectional(vm.tree().showEmptyProperty());
        menu.getItems().addAll(empty, new SeparatorMenuItem());
        ToggleGroup g = new ToggleGroup();
        for (Grouping gr : Grouping.values()) {
            RadioMenuItem r = new RadioMenuItem("Group cap map " + gr);
            r.setId("menuGroup_" + gr.name());
            r.setToggleGroup(g);
            r.setSelected(vm.tree().groupingProperty().get() == gr);
            r.setOnAction(e -> vm.tree().groupingProperty().set(gr));
            vm.tree().groupingProperty().addListener((o, a, b) -> r.setSelected(b == gr));
            menu.getItems().add(r);
        }
        ViewSettings s = vm.view();
        menu.getItems().addAll(new SeparatorMenuItem(),
                choice("_Numbers", "menuNumbers", NumberBase.values(), s.numbersProperty()),
                columnsMenu(s),
                choice("_Theme", "menuTheme", Theme.values(), s.themeProperty()),
                new SeparatorMenuItem(),
                item("menuZoomIn", "Map zoom _in", "Shortcut+Equals", () -> view.zoomMap(1.25)),
                item("menuZoomOut", "Map zoom _out", "Shortcut+Minus", () -> view.zoomMap(0.8)),
                item("menuZoomReset", "Map zoom _reset", "Shortcut+0", () -> view.zoomMap(0)));
        return menu;
    }

    /** A submenu of radio items bound to an enum setting. */
    private static <E extends Enum<E>> Menu choice(String title, String id, E[] values, ObjectProperty<E> setting) {
        Menu m = new Menu(title);
        m.setId(id);
        ToggleGroup g = new ToggleGroup();
        for (E v : values) {
            RadioMenuItem r = new RadioMenuItem(v.toString());
            r.setId(id + "_" + v.name());
            r.setToggleGroup(g);
            r.setSelected(setting.get() == v);
            r.setOnAction(e -> setting.set(v));
            setting.addListener((o, a, b) -> r.setSelected(b == v));
            m.getItems().add(r);
        }
        return m;
    }

    /** The tree's columns to show (the same choice as the "+" button of the tree's header). */
    private static Menu columnsMenu(ViewSettings s) {
        Menu m = new Menu("_Columns");
        m.setId("menuColumns");
        for (TreeColumn c : TreeColumn.values()) {
            CheckMenuItem i = new CheckMenuItem(c.title());
            i.setId("menuColumn_" + c.id());
            i.setSelected(!s.hiddenColumns().contains(c.id()));
            i.setDisable(c == TreeColumn.SELECTOR);
            i.selectedProperty().addListener((o, a, b) -> {
                if (b) s.hiddenColumns().remove(c.id()); else s.hiddenColumns().add(c.id());
            });
            s.hiddenColumns().addListener((javafx.collections.SetChangeListener<String>) ch ->
                    i.setSelected(!s.hiddenColumns().contains(c.id())));
            m.getItems().add(i);
        }
        return m;
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

    static MenuItem item(String id, String text, String accel, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        if (accel != null) {
            m.setAccelerator(KeyCombination.keyCombination(accel));
        }
        m.setOnAction(e -> action.run());
        return m;
    }
}
