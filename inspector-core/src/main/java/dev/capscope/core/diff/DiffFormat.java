package dev.capscope.core.diff;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.Selectors;

/** How diff values are rendered in {@link FieldChange}s. */
final class DiffFormat {
    private DiffFormat() {
    }

    static String selector(int selector) {
        return Selectors.format(selector);
    }

    static String badge(Long badge) {
        return badge == null ? "-" : badge.toString();
    }

    static String rawId(long rawId) {
        return rawId == CapMapEntry.NO_BADGE ? "0xffff (no badge)" : Long.toString(rawId);
    }

    static String value(Object o) {
        return o == null ? "-" : o.toString();
    }
}
