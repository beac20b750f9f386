package dev.capscope.bridge.driver;

import dev.capscope.bridge.jna.CapBridgeLibrary;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.target.TargetException.Code;

/** Maps libcapbridge's error codes to the port's {@link TargetException} codes, with advice. */
final class NativeErrors {
    private NativeErrors() {
    }

    static Code code(int nativeCode) {
        return switch (nativeCode) {
            case CapBridgeLibrary.E_UNREACHABLE -> Code.UNREACHABLE;
            case CapBridgeLibrary.E_TIMEOUT -> Code.TIMEOUT;
            case CapBridgeLibrary.E_PROTOCOL -> Code.PROTOCOL;
            case CapBridgeLibrary.E_REFUSED -> Code.REFUSED;
            case CapBridgeLibrary.E_REJECTED -> Code.REJECTED;
            case CapBridgeLibrary.E_LEASE_HELD -> Code.LEASE_HELD;
            case CapBridgeLibrary.E_GENERATION_MOVED -> Code.GENERATION_MOVED;
            default -> Code.INTERNAL;
        };
    }

    private static boolean generic(String m) {
        return m.startsWith("cannot connect") || m.startsWith("connection to the target broke")
                || m.startsWith("target closed") || m.startsWith("read:") || m.startsWith("write:");
    }

    static TargetException exception(String endpoint, int nativeCode, int wireStatus, String nativeMessage) {
        Code code = code(nativeCode);
        if (wireStatus == CapBridgeLibrary.ST_NO_LEASE) {
            return new TargetException(code, endpoint + ": " + nativeMessage); // the agent says what to do
        }
        String advice = switch (code) {
            // The socket-path messages already say what to do; the rest get the general advice.
            case UNREACHABLE -> generic(nativeMessage) ? " (is the target running at this address? reconnect to try"
                    + " again)" : "";
            case TIMEOUT -> " (the target may be hung or overloaded; the connection was closed, reconnect to retry)";
            case PROTOCOL -> " (is this a Capscope agent of the same protocol version? the connection was closed)";
            case REFUSED -> " (start the target with --allow-restore to permit changes)";
            default -> "";
        };
        return new TargetException(code, endpoint + ": " + nativeMessage + advice);
    }
}
