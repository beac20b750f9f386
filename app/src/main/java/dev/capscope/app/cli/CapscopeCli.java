package dev.capscope.app.cli;

import dev.capscope.app.ui.CapscopeApp;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Entry points of the command line: builds the picocli tree and maps failures to exit codes. */
public final class CapscopeCli {
    private CapscopeCli() {
    }

    /** Runs a command; returns its exit code (2 on any error, with one sentence on stderr). */
    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(out, err);
        return cl.execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new RootCommand());
        cl.setOut(new PrintWriter(new TerminalSafeWriter(out), true));
        cl.setErr(new PrintWriter(new TerminalSafeWriter(err), true));
        cl.setExecutionExceptionHandler(new ErrorReporter());
        cl.setParameterExceptionHandler(ErrorReporter::usageError);
        return cl;
    }

    /**
     * The window opens for no arguments, for {@code gui [...]}, or when every argument is an
     * existing snapshot file or a {@code --target} option (so "capscope snap.json" opens it).
     */
    public static boolean wantsWindow(String[] args) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return false; // picocli prints help or version, even for "gui --help"
            }
        }
        if (args.length == 0 || args[0].equals("gui")) {
            return true;
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--target") && i + 1 < args.length) {
                i++;
            } else if (a.startsWith("--target=")) {
                continue;
            } else if (a.startsWith("-") || !a.endsWith(".json") || !Files.isRegularFile(Path.of(a))) {
                return false;
            }
        }
        return true;
    }

    /** Opens the window; returns the exit code (2 with one sentence on stderr when it cannot open). */
    public static int openWindow(String[] args) {
        String[] rest = args.length > 0 && args[0].equals("gui")
                ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        try {
            CapscopeApp.launchWindow(rest);
            return 0;
        } catch (RuntimeException | Error e) {
            System.err.println("capscope: the window could not open: " + windowProblem(e));
            return ErrorReporter.EXIT_ERROR;
        }
    }

    /** The root cause in one sentence, with the usual fix for a missing display or GTK. */
    static String windowProblem(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = String.valueOf(root.getMessage());
        if (msg.contains("DISPLAY")) {
            return msg + " (no display: run it in a desktop session, under xvfb-run, or use the command line: "
                    + "capscope --help)";
        }
        if (msg.contains("GTK") || msg.contains("glass")) {
            return msg + " (install GTK 3: apt-get install libgtk-3-0)";
        }
        return msg + " (run with CAPSCOPE_JAVA_OPTS=-Dprism.verbose=true for details)";
    }
}
