package dev.capscope.app;

import dev.capscope.app.cli.CapscopeCli;

/**
 * Plain main class (not an Application subclass, so JavaFX loads from the classpath): with no
 * arguments, or only files / --target, it opens the window; otherwise it runs the command line.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        UncaughtErrors.install();
        if (CapscopeCli.wantsWindow(args)) {
            int code = CapscopeCli.openWindow(args);
            if (code != 0) {
                System.exit(code); // runs the shutdown hooks, which stop a demo capsim already started
            }
            return;
        }
        System.exit(CapscopeCli.run(args));
    }
}
