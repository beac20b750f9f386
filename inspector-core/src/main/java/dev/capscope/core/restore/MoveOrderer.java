package dev.capscope.core.restore;

import dev.capscope.core.target.RestoreOperation;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Orders moves so that none maps onto a selector another pending move still has to read from
 * (mapping onto an occupied slot replaces its content, which would lose that cap). A move runs once
 * its destination is no pending source, lowest destination first; when only cycles remain (two caps
 * swapped), the cycle's lowest source is parked at a scratch selector first. Caps move by grant,
 * so the mapping moves with its rights and nothing mapped from it elsewhere is revoked.
 */
final class MoveOrderer {
    private MoveOrderer() {
    }

    static List<RestoreOperation> order(List<Move> moves, int scratch) {
        TreeMap<Integer, Move> pendingBySource = new TreeMap<>();
        for (Move m : moves) {
            pendingBySource.put(m.from(), m);
        }
        List<RestoreOperation> out = new ArrayList<>();
        while (!pendingBySource.isEmpty()) {
            Move ready = null;
            for (Move m : pendingBySource.values()) {
                if (!pendingBySource.containsKey(m.to()) && (ready == null || m.to() < ready.to())) {
                    ready = m;
                }
            }
            if (ready != null) {
                pendingBySource.remove(ready.from());
                emit(ready, out);
                continue;
            }
            if (scratch < 0) {
                throw new IllegalStateException("moves form a cycle and no scratch selector is free");
            }
            Move parked = pendingBySource.pollFirstEntry().getValue();
            out.add(new RestoreOperation.Grant(parked.from(), scratch, parked.rights()));
            if (parked.clearSource()) {
                out.add(new RestoreOperation.ClearCapMapEntry(parked.from()));
            }
            pendingBySource.put(scratch, parked.from(scratch, false));
        }
        return out;
    }

    private static void emit(Move m, List<RestoreOperation> out) {
        out.add(new RestoreOperation.Grant(m.from(), m.to(), m.rights()));
        if (m.clearSource()) {
            out.add(new RestoreOperation.ClearCapMapEntry(m.from()));
        }
        if (m.entryToSet() != null) {
            var e = m.entryToSet();
            out.add(new RestoreOperation.SetCapMapEntry(e.index(), e.rawId(), e.refCount(), e.semantics()));
        }
    }
}
