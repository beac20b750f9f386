package dev.capscope.core.restore;

import dev.capscope.core.diff.CapMapDiff;
import dev.capscope.core.diff.DiffResult;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which badge of the snapshot is which badge on the target after a restore, read from the
 * verification diff (pure): every pair of cap-map entries the identity-insensitive diff matched
 * whose badges differ &mdash; sessions re-created by the restore and, in a migration, sessions the
 * target already had under another badge.
 */
public final class BadgeCorrespondence {
    private BadgeCorrespondence() {
    }

    /** Snapshot badge -> target badge, ascending; empty when nothing was verified. */
    public static Map<Long, Long> of(DiffResult verification) {
        Map<Long, Long> out = new TreeMap<>();
        if (verification == null) {
            return out;
        }
        for (CapMapDiff d : verification.capMap()) {
            if (d.before() != null && d.after() != null && d.before().hasBadge() && d.after().hasBadge()
                    && d.before().rawId() != d.after().rawId()) {
                out.put(d.before().rawId(), d.after().rawId());
            }
        }
        return out;
    }
}
