package dev.capscope.app.ui.copy;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A cell's tooltip is made when the pointer first enters it, shows its text, and is then kept and updated. */
@ExtendWith(ApplicationExtension.class)
class HoverTooltipTest {
    private final Label cell = new Label("thread 0 ...");

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(cell), 300, 200));
        stage.show();
    }

    @Test
    void madeOnTheFirstHoverThenOnlyItsTextChanges(FxRobot robot) throws Exception {
        fx(() -> {
            HoverTooltip.set(cell, "thread 0 pager");
            return null;
        });
        assertNull(fx(cell::getTooltip), "no popup before the pointer comes");
        assertEquals("thread 0 pager", fx(() -> HoverTooltip.text(cell)));

        robot.moveTo(cell);
        robot.moveBy(2, 1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> fx(() -> cell.getTooltip() != null && cell.getTooltip().isShowing()));
        Tooltip made = fx(cell::getTooltip);
        assertEquals("thread 0 pager", fx(made::getText));

        fx(() -> {
            HoverTooltip.set(cell, "thread 1 pager"); // the cell re-pointed at another row
            return null;
        });
        assertSame(made, fx(cell::getTooltip), "kept, not made again");
        assertEquals("thread 1 pager", fx(made::getText));

        fx(() -> {
            HoverTooltip.set(cell, "");
            return null;
        });
        assertNull(fx(cell::getTooltip));
        assertNull(fx(() -> HoverTooltip.text(cell)));
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }
}
