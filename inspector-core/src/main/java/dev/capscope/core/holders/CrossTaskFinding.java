package dev.capscope.core.holders;

import dev.capscope.core.lint.Severity;

import java.util.List;
import java.util.Objects;

/**
 * A finding about an object across tasks.
 *
 * @param ruleId    stable rule id ("server-dropped-gate", "held-only-by-gone-tasks")
 * @param objectKey the {@link HeldObject#key()} concerned
 * @param holders   the slots concerned
 * @param message   one sentence naming the object, the tasks and the selectors
 */
public record CrossTaskFinding(String ruleId, Severity severity, String objectKey, List<Holder> holders,
                               String message) {
    public CrossTaskFinding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(objectKey, "objectKey");
        Objects.requireNonNull(message, "message");
        holders = List.copyOf(holders);
    }
}
