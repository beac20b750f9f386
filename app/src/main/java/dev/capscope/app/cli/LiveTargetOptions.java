package dev.capscope.app.cli;

import dev.capscope.bridge.AddressSecrets;
import dev.capscope.bridge.BridgeTarget;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;

/** {@code --target URI} and {@code --timeout}: how the live commands reach an agent. */
final class LiveTargetOptions {
    @Option(names = "--target", paramLabel = "URI",
            description = "Agent endpoint: unix:PATH, tcp:HOST:PORT or serial:PATH (e.g. what 'capscope demo' prints)")
    String target;

    @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "3s",
            description = "Connect and per-request timeout, e.g. 3s or 500ms (default: ${DEFAULT-VALUE})")
    String timeout;

    private static final double MAX_TIMEOUT_MS = 3_600_000;

    boolean given() {
        return target != null;
    }

    BridgeTarget connect() {
        if (target == null) {
            throw new IllegalArgumentException("no target: pass --target URI (start one with 'capscope demo')");
        }
        checkAddress(target);
        return BridgeTarget.connect(target, timeout());
    }

    /** A typo in the address is the user's to fix, not a target that cannot be reached. */
    static void checkAddress(String uri) {
        String shown = AddressSecrets.withoutToken(uri);
        String lower = shown.toLowerCase(Locale.ROOT);
        if (lower.startsWith("unix:") || lower.startsWith("tcp:") || lower.startsWith("serial:")) {
            return;
        }
        if (lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("ws:")) {
            throw new IllegalArgumentException("--target '" + shown + "' is a web address, but a Capscope agent"
                    + " speaks its own protocol: use tcp:HOST:PORT, unix:PATH or serial:PATH");
        }
        if (shown.startsWith("/") || shown.startsWith(".")) {
            throw new IllegalArgumentException("--target '" + shown + "' is a path without its kind: write unix:"
                    + shown + " for a socket or serial:" + shown + " for a serial line");
        }
        throw new IllegalArgumentException("--target '" + shown + "' is not an address: use unix:PATH,"
                + " tcp:HOST:PORT or serial:PATH (e.g. what 'capscope demo' prints)");
    }

    Duration timeout() {
        String t = timeout.trim().toLowerCase(Locale.ROOT);
        double millis;
        try {
            if (t.endsWith("ms")) {
                millis = Long.parseLong(t.substring(0, t.length() - 2));
            } else {
                millis = Double.parseDouble(t.endsWith("s") ? t.substring(0, t.length() - 1) : t) * 1000;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--timeout '" + timeout + "' is not a time (use e.g. 3s or 500ms)");
        }
        // Zero or less would fail every request at once (or wait forever): refuse it, like a typo.
        if (!(millis >= 1) || millis > MAX_TIMEOUT_MS) {
            throw new IllegalArgumentException("--timeout '" + timeout + "' must be between 1ms and 1h"
                    + " (use e.g. 3s or 500ms)");
        }
        return Duration.ofMillis(Math.round(millis));
    }
}
