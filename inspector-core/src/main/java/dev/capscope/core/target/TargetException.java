package dev.capscope.core.target;

/**
 * A target failed to answer as asked. The code lets callers react (retry, reconnect, report a
 * refusal) without parsing the message; the message says what happened and what to do.
 */
public class TargetException extends RuntimeException {

    public enum Code {
        /** Could not connect or the connection broke (target died). */
        UNREACHABLE,
        /** No answer within the timeout. */
        TIMEOUT,
        /** The answer was not a valid frame (garbage, wrong magic, lengths that do not add up). */
        PROTOCOL,
        /** The target refused (e.g. "refused: read-only target"). */
        REFUSED,
        /** The target reported an error for a well-formed request (unknown task, bad range). */
        REJECTED,
        /** Another client holds the target's restore lease: a restore is in progress elsewhere. */
        LEASE_HELD,
        /** The task moved on since the generation the caller planned at (compare and swap failed). */
        GENERATION_MOVED,
        /** The task kept changing while it was walked: no consistent view within the walker's attempts. */
        TORN,
        /** Something else went wrong in the bridge. */
        INTERNAL
    }

    private final Code code;

    public TargetException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public TargetException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
