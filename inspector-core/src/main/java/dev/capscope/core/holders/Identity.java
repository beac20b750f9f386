package dev.capscope.core.holders;

/**
 * How the holders of an object were found to name one and the same kernel object.
 * Never a guess: without an object id or a Genode badge the object stands alone as {@link #UNKNOWN}.
 */
public enum Identity {
    /** The target gave the kernel's global object id of every holder. */
    OBJECT_ID("objectId"),
    /**
     * The target gave no object ids; the holders' Genode cap-map entries carry the same badge (core
     * hands out capability ids system-wide) with the same RPC interface and label.
     */
    BADGE("badge"),
    /** Nothing tells whether another slot names the same object. */
    UNKNOWN("unknown");

    private final String jsonName;

    Identity(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The value written in JSON output. */
    public String jsonName() {
        return jsonName;
    }
}
