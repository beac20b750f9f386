package dev.capscope.core.profile;

/** A profile name that the registry does not know; the message lists the names it does know. */
public final class UnknownProfileException extends IllegalArgumentException {
    public UnknownProfileException(String message) {
        super(message);
    }
}
