package dev.capscope.bridge.driver;

import dev.capscope.bridge.jna.CapBridgeLibrary;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.target.TargetException.Code;

import java.nio.charset.StandardCharsets;

/** A session's semantics as the mutation calls pass them: four UTF-8 strings (empty for unknown) and the quota. */
final class SemanticsBytes {
    final byte[] iface;
    final byte[] label;
    final byte[] args;
    final byte[] server;
    final long quota;

    SemanticsBytes(Semantics s) {
        iface = utf8(s.rpcInterface());
        label = utf8(s.label());
        args = utf8(s.args());
        server = utf8(s.server());
        quota = s.quota() == null ? 0 : s.quota();
    }

    private static byte[] utf8(String s) {
        byte[] b = s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
        if (b.length > CapBridgeLibrary.MAX_STRING) {
            throw new TargetException(Code.REJECTED, "string of " + b.length + " bytes is over the protocol's "
                    + CapBridgeLibrary.MAX_STRING + "-byte limit: " + s.substring(0, 40) + "...");
        }
        return b;
    }
}
