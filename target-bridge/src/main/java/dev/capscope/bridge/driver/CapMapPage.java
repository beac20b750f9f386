package dev.capscope.bridge.driver;

import dev.capscope.core.model.CapMapEntry;

import java.util.List;

/** One CAP_MAP answer: entries, the index to continue at (-1 when complete), the generation. */
public record CapMapPage(List<CapMapEntry> entries, int next, long generation) {
    public boolean complete() {
        return next < 0;
    }
}
