package dev.capscope.app.ui.sources;

import dev.capscope.core.model.TaskInfo;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up target is attached before the sources view exists (StartupPrefetch): it must still update. */
@ExtendWith(ApplicationExtension.class)
class SourcesViewTest {
    private final SourcesViewModel vm = new SourcesViewModel();
    private final LiveTarget early = new LiveTarget("unix:/tmp/early.sock");
    private SourcesView view;

    @Start
    void start(Stage stage) {
        vm.targets().add(early); // attached first ...
        view = new SourcesView(vm); // ... the view comes later
        stage.setScene(new Scene(view, 300, 300));
        stage.show();
    }

    @Test
    void aTargetAttachedBeforeTheViewShowsItsTasksWhenTheyArrive() {
        WaitForAsyncUtils.asyncFx(() -> {
            early.stateProperty().set(LiveTarget.State.CONNECTED);
            early.tasks().setAll(new TaskInfo("init -> timer", 2, 2, 25, 7));
        });
        WaitForAsyncUtils.waitForFxEvents();
        List<String> shown = new ArrayList<>();
        WaitForAsyncUtils.asyncFx(() -> collect(view.getRoot(), shown));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(shown.stream().anyMatch(s -> s.contains("init -> timer")), "shown: " + shown);
    }

    private static void collect(TreeItem<?> item, List<String> out) {
        out.add(String.valueOf(item.getValue()));
        for (TreeItem<?> child : item.getChildren()) {
            collect(child, out);
        }
    }
}
