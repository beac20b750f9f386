package dev.capscope.app.cli;

import dev.capscope.bridge.BridgeTarget;

/**
 * Loads the bridge's native library on a second thread while the main thread builds and parses the
 * command line, for commands that name a live target. Loading it is a good part of a short command's
 * start (JNA's classes, its native dispatch library, and JNA asking {@code ldconfig} for the system's
 * library folders, a process of its own); picocli's setup is the other part, and the two need not
 * wait for each other. The main thread, when it reaches the library, waits for the class
 * initialisation the JVM already has under way (or runs it itself if this thread has not started it).
 */
final class BridgePreload extends Thread {
    private BridgePreload() {
        super("bridge-preload");
        setDaemon(true);
    }

    /** Starts the preload when the arguments name a target ({@code --target URI} or {@code --target=URI}). */
    static void startIfTargetNamed(String[] args) {
        for (String a : args) {
            if (a.equals("--target") || a.startsWith("--target=")) {
                new BridgePreload().start();
                return;
            }
        }
    }

    @Override
    public void run() {
        BridgeTarget.loadLibrary();
    }
}
