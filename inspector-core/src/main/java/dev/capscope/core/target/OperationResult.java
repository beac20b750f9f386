package dev.capscope.core.target;

/**
 * Outcome of one applied restore operation. {@code newBadge} is set when the target re-created a
 * session or gate and handed out a new badge (the entry is then "rebound"), else null.
 */
public record OperationResult(Long newBadge) {
    public static final OperationResult DONE = new OperationResult(null);
}
