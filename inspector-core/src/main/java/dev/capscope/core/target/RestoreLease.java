package dev.capscope.core.target;

/**
 * A held restore lease ({@link Target#acquireLease}). Closing releases it; closing twice, or after
 * the connection is gone (the target ended the lease then), is harmless.
 */
public interface RestoreLease extends AutoCloseable {
    /** The generation of the leased task as the target last confirmed it. */
    long generation();

    @Override
    void close();
}
