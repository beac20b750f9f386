package dev.capscope.core.model;

import java.util.Objects;

/** A thread of the component: index i places its slots at THREAD_AREA_BASE + i * THREAD_AREA_SLOT. */
public record ThreadInfo(int index, String name, String state) {
    public ThreadInfo {
        if (index < 0) {
            throw new IllegalArgumentException("thread index < 0: " + index);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
    }
}
