package dev.capscope.app.ui.help;

import dev.capscope.app.ui.map.MapPalette;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;

import java.util.List;
import java.util.Map;

/** The Help menu's windows: shortcuts, the areas and colours explained, About. Static content only. */
public final class HelpWindows {
    private HelpWindows() {
    }

    /** A table of every shortcut (keys, what they do). */
    public static void shortcuts(Node owner, List<String[]> rows) {
        TableView<String[]> t = new TableView<>();
        t.setId("shortcutsTable");
        TableColumn<String[], String> keys = new TableColumn<>("Keys");
        keys.setCellValueFactory(p -> new ReadOnlyStringWrapper(p.getValue()[0]));
        keys.setPrefWidth(170);
        TableColumn<String[], String> what = new TableColumn<>("What it does");
        what.setCellValueFactory(p -> new ReadOnlyStringWrapper(p.getValue()[1]));
        what.setPrefWidth(420);
        t.getColumns().add(keys);
        t.getColumns().add(what);
        t.getItems().setAll(rows);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        show(owner, "Keyboard shortcuts", "shortcuts", t, 640, 560);
    }

    /** Areas, colours and terms: what core- and component-controlled mean, kcap vs selector, the legend. */
    public static void areas(Node owner) {
        VBox box = new VBox(8);
        box.setPadding(new Insets(12));
        box.setId("areasHelp");
        for (String[] p : HelpTexts.TERMS) {
            Label h = new Label(p[0]);
            h.getStyleClass().add("help-heading");
            Label body = new Label(p[1]);
            body.setWrapText(true);
            box.getChildren().addAll(h, body);
        }
        Label legend = new Label("Colours of the occupancy map");
        legend.getStyleClass().add("help-heading");
        box.getChildren().add(legend);
        for (Map.Entry<String, Color> e : MapPalette.legend().entrySet()) {
            Rectangle r = new Rectangle(14, 14, e.getValue());
            r.setStroke(Color.GRAY);
            Label l = new Label(e.getKey() + " — " + HelpTexts.COLOURS.getOrDefault(e.getKey(), ""), r);
            l.setWrapText(true);
            box.getChildren().add(l);
        }
        ScrollPane sp = new ScrollPane(box);
        sp.setFitToWidth(true);
        show(owner, "Areas, colours and terms", "areas", sp, 720, 640);
    }

    /** Versions of Capscope, the runtime and the protocol, selectable to copy into a bug report. */
    public static void about(Node owner) {
        TextArea text = new TextArea(HelpTexts.about());
        text.setId("aboutText");
        text.setEditable(false);
        text.setWrapText(true);
        Label title = new Label("Capscope — capability spaces of Genode components on Fiasco.OC");
        title.getStyleClass().add("help-heading");
        VBox box = new VBox(8, title, text);
        box.setPadding(new Insets(12));
        show(owner, "About Capscope", "about", box, 560, 340);
    }

    private static void show(Node owner, String title, String id, Parent content, double w, double h) {
        Stage s = new Stage();
        if (owner.getScene() != null) s.initOwner(owner.getScene().getWindow());
        s.setTitle(title);
        s.getProperties().put("capscope.window", id);
        Button close = new Button("Close");
        close.setId(id + "Close");
        close.setDefaultButton(true);
        close.setCancelButton(true);
        close.setOnAction(e -> s.close());
        HBox buttons = new HBox(close);
        buttons.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
        buttons.setPadding(new Insets(8));
        BorderPane root = new BorderPane(content);
        root.setBottom(buttons);
        root.setId(id + "Window");
        Scene scene = new Scene(root, w, h);
        if (owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            root.getStyleClass().addAll(owner.getScene().getRoot().getStyleClass().stream()
                    .filter(c -> c.equals("dark")).toList());
        }
        s.setScene(scene);
        s.show();
    }
}
