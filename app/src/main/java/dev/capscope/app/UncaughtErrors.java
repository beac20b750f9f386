package dev.capscope.app;

/**
 * Where an exception that no code caught ends up: logged with its thread and stack, in the GUI
 * (the FX thread, background workers) and the command line alike, instead of the JVM's bare
 * stack dump on stderr.
 */
final class UncaughtErrors {
    private static final System.Logger LOG = System.getLogger("dev.capscope.app.uncaught");

    private UncaughtErrors() {
    }

    static void install() {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> LOG.log(System.Logger.Level.ERROR,
                "uncaught exception in thread '" + thread.getName() + "' (a bug: please report it with this log)", e));
    }
}
