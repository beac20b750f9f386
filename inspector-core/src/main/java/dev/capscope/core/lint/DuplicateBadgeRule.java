package dev.capscope.core.lint;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.Selectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Two or more cap-map entries with the same badge. Genode's {@code insert_map} finds an existing
 * entry for an id and reuses it, so one id should be one entry; duplicates mean the same
 * capability was inserted behind the map's back (and the extra slots leak).
 */
final class DuplicateBadgeRule implements LintRule {
    public String id() {
        return "duplicate-badge";
    }

    public Severity severity() {
        return Severity.ERROR;
    }

    public String description() {
        return "two or more cap-map entries with the same badge (insert_map keeps one entry per id)";
    }

    public List<Finding> check(LintContext c) {
        Map<Long, List<Integer>> byBadge = new TreeMap<>();
        for (CapMapEntry e : c.space().capMap()) {
            if (e.hasBadge()) {
                byBadge.computeIfAbsent(e.rawId(), k -> new ArrayList<>(1)).add(e.index());
            }
        }
        List<Finding> out = new ArrayList<>();
        byBadge.forEach((badge, indexes) -> {
            if (indexes.size() > 1) {
                out.add(finding(indexes, "badge " + badge + " appears in " + indexes.size() + " cap-map entries ("
                        + indexes.stream().map(Selectors::format).collect(Collectors.joining(", "))
                        + "); insert_map keeps one entry per id"));
            }
        });
        return out;
    }
}
