package dev.capscope.bridge.driver;

/**
 * The agent's HELLO answer (docs/protocol.md §3, 0x01).
 *
 * @param flags bit 0 restore allowed, bit 1 cap_equal compares identity, bit 2 kinds known,
 *              bit 3 simulated target
 */
public record HelloInfo(int protocolVersion, int lastSelector, long flags, int taskCount, String kernel,
                        String profile, String agentVersion) {
    public boolean restoreAllowed() {
        return (flags & 1) != 0;
    }

    public boolean capEqualIdentity() {
        return (flags & 2) != 0;
    }

    public boolean kindsKnown() {
        return (flags & 4) != 0;
    }

    public boolean simulated() {
        return (flags & 8) != 0;
    }
}
