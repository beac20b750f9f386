package dev.capscope.app.ui.copy;

import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Rows share one tooltip per text; no text, no tooltip; the cache stays bounded. */
@ExtendWith(ApplicationExtension.class)
class TooltipCacheTest {
    @Start
    void start(Stage stage) {
        // the toolkit only (tooltips are popup windows)
    }

    @Test
    void oneTooltipPerTextAndNoneForNoText() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            TooltipCache cache = new TooltipCache();
            Tooltip a = cache.of("Task · name: the task's name");
            assertEquals("Task · name: the task's name", a.getText());
            assertSame(a, cache.of("Task · name: the task's name"));
            assertNotSame(a, cache.of("Space · valid caps: caps that are valid"));
            assertNull(cache.of(null));
            assertNull(cache.of(""));
        }).get();
    }

    @Test
    void forgetsTheLeastRecentlyUsedTextBeyondTheLimit() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            TooltipCache cache = new TooltipCache();
            Tooltip first = cache.of("text 0");
            Tooltip kept = cache.of("text 1");
            for (int i = 2; i <= TooltipCache.LIMIT; i++) {
                cache.of("text " + i);
                assertSame(kept, cache.of("text 1")); // used again: stays
            }
            assertNotSame(first, cache.of("text 0")); // the oldest went when the limit was passed
            assertSame(kept, cache.of("text 1"));
        }).get();
    }
}
