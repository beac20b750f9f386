package dev.capscope.core.restore;

import dev.capscope.core.target.OperationResult;
import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.target.RestoreOperation.CreateSession;
import dev.capscope.core.target.RestoreOperation.SetCapMapEntry;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plans are made before the server hands out badges, so a SetCapMapEntry that follows a
 * CreateSession names the recorded badge. This rewrites it to the badge the server actually gave
 * the session at that index (the "badges translated" of docs/background.md §5).
 */
final class BadgeTranslator {
    /** index -> (recorded badge, new badge) */
    private final Map<Integer, long[]> byIndex = new HashMap<>();
    private final Map<Long, Long> translations = new TreeMap<>();

    RestoreOperation translate(RestoreOperation op) {
        if (op instanceof SetCapMapEntry e) {
            long[] t = byIndex.get(e.index());
            if (t != null && t[0] == e.rawId()) {
                return new SetCapMapEntry(e.index(), t[1], e.refCount(), e.semantics());
            }
        }
        return op;
    }

    void record(RestoreOperation op, OperationResult result) {
        if (op instanceof CreateSession cs && result != null && result.newBadge() != null
                && cs.recordedBadge() != null && !cs.recordedBadge().equals(result.newBadge())) {
            byIndex.put(cs.selector(), new long[] {cs.recordedBadge(), result.newBadge()});
            translations.put(cs.recordedBadge(), result.newBadge());
        }
    }

    Map<Long, Long> translations() {
        return translations;
    }
}
