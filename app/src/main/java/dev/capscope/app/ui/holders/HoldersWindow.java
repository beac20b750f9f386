package dev.capscope.app.ui.holders;

import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;

/**
 * The holders window: a table of the object's holders (double-click or Jump selects the holder's
 * selector in the main window) and the graph of who serves whom, exportable as DOT, SVG or PNG. Shown
 * while the view model's {@code open} is true; it only binds and forwards.
 */
public final class HoldersWindow {
    private final HoldersViewModel vm;
    private final Node anchor;
    private Stage stage;

    public HoldersWindow(HoldersViewModel vm, Node anchor) {
        this.vm = vm;
        this.anchor = anchor;
        vm.openProperty().addListener((o, a, b) -> {
            if (b) show();
        });
    }

    private void show() {
        if (stage == null) {
            stage = new Stage();
            stage.getProperties().put("capscope.window", "holders");
            if (anchor.getScene() != null && anchor.getScene().getWindow() != null) {
                stage.initOwner(anchor.getScene().getWindow());
            }
            stage.titleProperty().bind(vm.titleProperty());
            Scene scene = new Scene(content(), 820, 640);
            if (anchor.getScene() != null) {
                scene.getStylesheets().setAll(anchor.getScene().getStylesheets());
            }
            stage.setScene(scene);
            stage.setOnHidden(e -> vm.openProperty().set(false));
        }
        stage.show();
        stage.toFront();
    }

    private BorderPane content() {
        TableView<HolderRow> table = new TableView<>(vm.rows());
        table.setId("holdersTable");
        table.getColumns().add(column("Task", HolderRow::task, 300));
        table.getColumns().add(column("Selector", HolderRow::selectorText, 130));
        table.getColumns().add(column("Rights", HolderRow::rights, 70));
        table.getColumns().add(column("Role", r -> r.present() ? r.role() : r.role() + " (task gone)", 130));
        table.setPlaceholder(new Label("No holders (yet)"));
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) vm.jumpTo(table.getSelectionModel().getSelectedItem());
        });
        Button jump = new Button("Jump to holder");
        jump.setId("holdersJump");
        jump.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        jump.setOnAction(e -> vm.jumpTo(table.getSelectionModel().getSelectedItem()));
        BorderPane holders = new BorderPane(table, null, null, new HBox(8, jump), null);

        HoldersGraphView graph = new HoldersGraphView(vm.graphProperty());
        Button dot = new Button("Export DOT…");
        dot.setId("holdersExportDot");
        dot.setOnAction(e -> vm.exportDot());
        Button png = new Button("Export PNG…");
        png.setId("holdersExportPng");
        png.setOnAction(e -> {
            WritableImage image = graph.snapshot(null, null); // on the FX thread; encoding runs on the worker
            vm.exportPng(() -> Png.encode(SwingFXUtils.fromFXImage(image, null)));
        });
        Button svg = new Button("Export SVG…");
        svg.setId("holdersExportSvg");
        svg.setOnAction(e -> {
            String text = graph.svg(); // read from the laid-out boxes on the FX thread; written on the worker
            vm.exportSvg(() -> text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
        svg.disableProperty().bind(vm.graphProperty().isNull());
        dot.disableProperty().bind(vm.graphProperty().isNull());
        png.disableProperty().bind(vm.graphProperty().isNull());
        BorderPane graphPane = new BorderPane(new ScrollPane(graph), null, null, new HBox(8, dot, svg, png), null);

        TabPane tabs = new TabPane(new Tab("Holders", holders), new Tab("Who serves whom", graphPane));
        tabs.setId("holdersTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Label message = new Label();
        message.setId("holdersMessage");
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        BorderPane root = new BorderPane(tabs, message, null, null, null);
        root.setPadding(new Insets(8));
        return root;
    }

    private static TableColumn<HolderRow, String> column(String title, java.util.function.Function<HolderRow, String> value,
                                                         double width) {
        TableColumn<HolderRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(p -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(p.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** PNG bytes of an image (java.desktop's encoder). */
    static final class Png {
        private Png() {
        }

        static byte[] encode(java.awt.image.BufferedImage image) throws java.io.IOException {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "png", out);
            return out.toByteArray();
        }
    }
}
