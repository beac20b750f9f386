package dev.capscope.app.ui.main;

import dev.capscope.app.ui.CapscopeApp;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.DirectTaskRunner;
import dev.capscope.app.ui.testing.TestSpaces;
import dev.capscope.core.testing.InMemoryTarget;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A start puts the tree on screen first and the details' table, the sources and the map a pulse
 * later: before, their panes and headings are where they will stay; after, the window is laid out
 * exactly as one built whole.
 */
@ExtendWith(ApplicationExtension.class)
class RestAfterFirstTreeTest {
    static final String URI = "memory:log_client";
    /** Contents added after the first tree. */
    static final String[] LATER = {"#sourcesTree", "#occupancyMap", "#mapLegend"};
    /** Laid out from the start. */
    static final String[] FIRST = {"#capTree", "#sourcesPane", "#detailsPane", "#detailsHeading", "#mapPane",
            "#mapHeading", "#mainSplit", "#centerSplit", "#detailsSheet"};
    private CapscopeHarness whole;
    private CapscopeHarness later;
    private MainView laterView;
    private Stage laterStage;

    @Start
    void start(Stage stage) {
        whole = harness();
        whole.show(stage, 1024, 700);
        whole.vm.attachTo(URI);
        later = harness();
        laterStage = new Stage();
        laterView = new MainView(later.vm, laterStage::close, true);
        Scene scene = new Scene(laterView, 1024, 700);
        scene.getStylesheets().add(CapscopeApp.stylesheet());
        laterStage.setScene(scene);
        // as a start: the window laid out before the first tree is in (CapscopeApp styles it ahead)
        laterStage.show();
        later.vm.attachTo(URI);
    }

    private static CapscopeHarness harness() {
        CapscopeHarness h = new CapscopeHarness(new DirectTaskRunner(), CapscopeHarness.NO_FILES);
        h.targets.put(URI, () -> new InMemoryTarget(URI, "in-memory Fiasco.OC model", "genode-foc-19")
                .addTask(TestSpaces.logClient().build()));
        return h;
    }

    @AfterEach
    void close() throws Exception {
        fx(() -> {
            laterStage.close();
            return null;
        });
        whole.close();
        later.close();
    }

    @Test
    void theRestComesWithoutMovingAnythingAndLooksAsAWholeWindow() throws Exception {
        pulse(laterStage.getScene());
        pulse(whole.view.getScene());
        assertTrue(fx(() -> !laterView.tree().getRoot().getChildren().isEmpty()), "the tree is in the first frame");
        assertTrue(fx(laterView::restWaiting));
        for (String id : LATER) {
            assertNull(fx(() -> laterStage.getScene().lookup(id)), id + " waits for the first tree");
        }
        assertTrue(fx(() -> laterView.details().table().getRoot().getChildren().isEmpty()),
                "the details' lines wait for the first tree");
        Map<String, Bounds> first = bounds(laterStage.getScene(), FIRST);

        fx(() -> {
            laterView.showRest();
            return null;
        });
        pulse(laterStage.getScene());
        assertFalse(fx(laterView::restWaiting));
        assertEquals(fx(() -> whole.view.details().table().getExpandedItemCount()),
                fx(() -> laterView.details().table().getExpandedItemCount()), "the same details' lines");
        assertEquals(first, bounds(laterStage.getScene(), FIRST), "nothing moved when the rest came");
        String[] all = concat(FIRST, LATER);
        Map<String, Bounds> shown = bounds(laterStage.getScene(), all);
        for (String id : LATER) {
            assertTrue(shown.get(id).getWidth() > 0 && shown.get(id).getHeight() > 0, id + " on screen: " + shown.get(id));
        }
        assertEquals(bounds(whole.view.getScene(), all), shown, "laid out as a window built whole");
        // the details follow the tree's selection once they are in
        fx(() -> {
            laterView.tree().getSelectionModel().select(1);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx(() -> laterView.details().table().getRoot().getChildren().isEmpty()));
        fx(() -> {
            laterView.showRest(); // a second call adds nothing twice
            return null;
        });
        assertEquals(1, fx(() -> laterStage.getScene().getRoot().lookupAll("#detailsSheet").size()));
    }

    /** Waits for a pulse of the scene to have laid it out (requested now, so after what ran before). */
    private static void pulse(Scene scene) throws Exception {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        fx(() -> {
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                scene.removePostLayoutPulseListener(once[0]);
                done.complete(null);
            };
            scene.addPostLayoutPulseListener(once[0]);
            javafx.application.Platform.requestNextPulse();
            return null;
        });
        done.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static Map<String, Bounds> bounds(Scene scene, String... ids) throws Exception {
        return fx(() -> {
            Map<String, Bounds> out = new LinkedHashMap<>();
            for (String id : ids) {
                Node n = scene.lookup(id);
                assertNotNull(n, id);
                out.put(id, n.localToScene(n.getLayoutBounds()));
            }
            return out;
        });
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.waitForAsyncFx(10_000, c);
    }
}
