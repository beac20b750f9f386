package dev.capscope.app.ui.settings;

import dev.capscope.app.ui.service.RecentStore;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NumberBaseTest {
    @Test
    void formatsInEachBase() {
        assertEquals("0x40", NumberBase.HEX.format(64));
        assertEquals("64", NumberBase.DEC.format(64));
        assertEquals("0x40 (64)", NumberBase.BOTH.format(64));
    }

    @Test
    void rewritesStandaloneDecimalsOnly() {
        assertEquals("0xc (12) → 0xe (14)", NumberBase.BOTH.formatNumbersIn("12 → 14"));
        assertEquals("none", NumberBase.HEX.formatNumbersIn("none"));
        assertEquals("0x303 v1 3.5 0x3c", NumberBase.HEX.formatNumbersIn("0x303 v1 3.5 60"),
                "hex, words and decimals with a point stay");
        assertEquals("12 → 14", NumberBase.DEC.formatNumbersIn("12 → 14"));
    }

    @Test
    void settingsAreRememberedAndBadValuesFallBack() {
        RecentStore store = RecentStore.inMemory();
        ViewSettings s = ViewSettings.remembered(store);
        assertEquals(NumberBase.BOTH, s.numbersProperty().get());
        s.numbersProperty().set(NumberBase.HEX);
        s.themeProperty().set(Theme.DARK);
        s.mapZoomProperty().set(2);
        s.hiddenColumns().add("colRefs");
        ViewSettings again = ViewSettings.remembered(store);
        assertEquals(NumberBase.HEX, again.numbersProperty().get());
        assertEquals(Theme.DARK, again.themeProperty().get());
        assertEquals(2, again.mapZoomProperty().get());
        assertEquals(java.util.Set.of("colDecimal", "colRefs"), java.util.Set.copyOf(again.hiddenColumns()));
        store.rememberPreference("numbers", "OCTAL");
        store.rememberPreference("mapZoom", "huge");
        ViewSettings odd = ViewSettings.remembered(store);
        assertEquals(NumberBase.BOTH, odd.numbersProperty().get());
        assertEquals(1, odd.mapZoomProperty().get());
    }
}
