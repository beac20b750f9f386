package dev.capscope.core.lint;

import java.util.List;
import java.util.Objects;

/**
 * One lint finding.
 *
 * @param ruleId    stable rule id, e.g. "leaked-cap" (scripts and tests key on it)
 * @param selectors the selector(s) or cap-map index(es) concerned, ascending
 * @param message   one sentence naming the selector(s) in hex and decimal
 */
public record Finding(String ruleId, Severity severity, List<Integer> selectors, String message) {
    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        selectors = List.copyOf(selectors);
        if (selectors.isEmpty()) {
            throw new IllegalArgumentException("a finding names at least one selector");
        }
    }

    public int firstSelector() {
        return selectors.get(0);
    }

    @Override
    public String toString() {
        return severity + " " + ruleId + ": " + message;
    }
}
