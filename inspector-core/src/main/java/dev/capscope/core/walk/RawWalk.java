package dev.capscope.core.walk;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.ThreadInfo;
import dev.capscope.core.target.CapInfo;

import java.util.BitSet;
import java.util.List;

/**
 * What a target answered during one walk, before roles and the object table are derived.
 * {@code validity} bit i is selector i (the walk always starts at 0).
 */
public record RawWalk(String task, long generation, BitSet validity, List<CapInfo> capInfos,
                      List<ThreadInfo> threads, List<CapMapEntry> capMap) {
    public RawWalk {
        validity = (BitSet) validity.clone();
        capInfos = List.copyOf(capInfos);
        threads = List.copyOf(threads);
        capMap = List.copyOf(capMap);
    }

    @Override
    public BitSet validity() {
        return (BitSet) validity.clone();
    }
}
