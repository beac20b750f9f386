package dev.capscope.core.restore;

import dev.capscope.core.diff.CapMapDiff;
import dev.capscope.core.diff.DiffEngine;
import dev.capscope.core.diff.DiffResult;
import dev.capscope.core.diff.DiffStatus;
import dev.capscope.core.diff.MatchKey;
import dev.capscope.core.diff.SlotDiff;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.profile.LayoutProfile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What changed identity between two spaces of equal contents: sessions that are new objects with new
 * badges, and caps that name new objects. Read selector by selector (identity-sensitive), so a
 * session closed and re-opened shows as "badge 188 -> 236".
 */
final class IdentityChanges {
    private IdentityChanges() {
    }

    /** One sentence per selector whose badge or object changed; empty when the spaces are equal. */
    static List<String> between(CapSpace before, CapSpace after, LayoutProfile profile) {
        DiffResult d = DiffEngine.forProfile(profile).compare(before, after, MatchKey.SELECTOR);
        List<String> out = new ArrayList<>();
        Set<Integer> told = new HashSet<>();
        for (CapMapDiff e : d.capMap()) {
            if (e.status() != DiffStatus.UNCHANGED && e.before() != null && e.after() != null
                    && e.before().rawId() != e.after().rawId()) {
                out.add(Selectors.format(e.index()) + " " + e.after().semantics().describe() + ": badge "
                        + e.before().rawId() + " -> " + e.after().rawId());
                told.add(e.index());
            }
        }
        for (SlotDiff s : d.slots()) {
            if (s.status() != DiffStatus.UNCHANGED && s.before() != null && s.after() != null
                    && s.beforeObject().id() != s.afterObject().id() && !told.contains(s.selector())) {
                out.add(Selectors.format(s.selector()) + " " + s.afterObject().kind().kernelName()
                        + ": object " + s.beforeObject().id() + " -> " + s.afterObject().id());
            }
        }
        return out;
    }
}
