package dev.capscope.app.cli;

import dev.capscope.core.text.TerminalText;

import dev.capscope.core.model.Snapshot;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Says, on stderr (stdout may be JSON), that a snapshot was saved torn and what that means. */
final class TornNotice {
    private TornNotice() {
    }

    static void warnIfTorn(PrintWriter err, Path file, Snapshot snapshot) {
        if (snapshot.meta().torn()) {
            err.println("capscope: warning: " + TerminalText.escape(file.toString()) + " is a torn snapshot: task '"
                    + TerminalText.escape(snapshot.meta().task())
                    + "' kept changing while it was read, so it is not one state of the task; take it again with"
                    + " the task quiet before relying on it");
            err.flush();
        }
    }
}
