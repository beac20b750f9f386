package dev.capscope.app;

/**
 * Where an exception that no code caught ends up: logged with its thread and stack, in the GUI
 * (the FX thread, background workers) and the command line alike, instead of the JVM's bare
 * stack dump on stderr.
 */
public final class UncaughtErrors {
    /**
     * The logger is looked up when an exception arrives, not at start: looking it up starts the JDK's
     * logging (its configuration, a few hundred classes), which a short command that never fails
     * should not pay for.
     */
    private static final String LOGGER = "dev.capscope.app.uncaught";

    private UncaughtErrors() {
    }

    public static void install() {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> System.getLogger(LOGGER).log(System.Logger.Level.ERROR,
                "uncaught exception in thread '" + thread.getName() + "' (a bug: please report it with this log)", e));
    }
}
