package dev.capscope.bridge.driver;

import com.sun.jna.Pointer;
import dev.capscope.bridge.jna.CapBridgeLibrary;
import dev.capscope.core.target.TargetException;

import java.nio.charset.StandardCharsets;

/** Reading what a native call left behind: the HELLO answer, the last error as a TargetException. */
final class NativeReplies {
    private NativeReplies() {
    }

    static HelloInfo hello(String uri, Pointer c, NativeScratch s) {
        if (CapBridgeLibrary.cb_hello_info(c, s.nums(), s.arena(), NativeScratch.ARENA_BYTES) < 0) {
            throw lastError(uri, c);
        }
        long[] n = s.readNums(1, CapBridgeLibrary.HELLO_FIELDS);
        long kernel = n[CapBridgeLibrary.HELLO_KERNEL_LEN];
        long profile = n[CapBridgeLibrary.HELLO_PROFILE_LEN];
        long agent = n[CapBridgeLibrary.HELLO_AGENT_LEN];
        byte[] arena = s.readArena((int) (kernel + profile + agent));
        return new HelloInfo((int) n[CapBridgeLibrary.HELLO_VERSION], (int) n[CapBridgeLibrary.HELLO_LAST_SELECTOR],
                n[CapBridgeLibrary.HELLO_FLAGS], (int) n[CapBridgeLibrary.HELLO_TASK_COUNT],
                RecordDecoder.string(arena, 0, kernel),
                RecordDecoder.string(arena, kernel, profile),
                RecordDecoder.string(arena, kernel + profile, agent));
    }

    static TargetException lastError(String endpoint, Pointer c) {
        byte[] buf = new byte[600];
        int n = CapBridgeLibrary.cb_error_message(c, buf, buf.length);
        String message = new String(buf, 0, Math.max(0, n), StandardCharsets.UTF_8);
        return NativeErrors.exception(endpoint, CapBridgeLibrary.cb_error_code(c), CapBridgeLibrary.cb_wire_status(c),
                message);
    }
}
