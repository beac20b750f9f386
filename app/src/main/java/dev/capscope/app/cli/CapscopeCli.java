package dev.capscope.app.cli;

import dev.capscope.app.ui.CapscopeApp;
import dev.capscope.app.ui.StartupProbe;
import picocli.CommandLine;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Entry points of the command line: builds the picocli tree and maps failures to exit codes. */
public final class CapscopeCli {
    private CapscopeCli() {
    }

    /** Runs a command; returns its exit code (2 on any error, with one sentence on stderr). */
    public static int run(String[] args) {
        BridgePreload.startIfTargetNamed(args);
        // Commands that only print get standard output buffered and flushed once at the end: a tree of
        // a thousand lines would otherwise be a thousand writes (System.out flushes every line).
        // Interactive ones (restore asks, demo relays) flush as they go.
        boolean printsOnly = args.length > 0 && PRINTING.contains(args[0]);
        PrintWriter out = printsOnly
                ? new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out), 1 << 16), false)
                : new PrintWriter(System.out, true);
        try {
            return run(args, out, new PrintWriter(System.err, true));
        } finally {
            out.flush();
        }
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean versionOnly = args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
        CommandLine cl = commandLine(out, err, versionOnly ? VERSION_ONLY : args.length > 0 ? args[0] : null);
        return cl.execute(args);
    }

    /**
     * Whether the resident command server may run these arguments (docs/cli.md, "Command server"):
     * commands that only print, not their help or version (picocli colours help on a terminal,
     * which the server cannot see). Commands that ask, run until stopped or open the window run in
     * a JVM of their own. bin/capscope keeps the same list (a test holds the two equal).
     */
    public static boolean servable(String[] args) {
        if (args.length == 0 || !PRINTING.contains(args[0])) {
            return false;
        }
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return false;
            }
        }
        return true;
    }

    /** Commands that only print: their output is buffered, and the command server may run them. */
    static final Set<String> PRINTING = Set.of("walk", "show", "targets", "lint", "diff", "snapshot",
            "objects", "timeline");

    /** Stands for "no subcommand at all": the version is the root command's alone. */
    private static final String VERSION_ONLY = "--version";

    /** The subcommands in the order help lists them. */
    private static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("gui", GuiCommand::new);
        m.put("show", ShowCommand::new);
        m.put("diff", DiffCommand::new);
        m.put("lint", LintCommand::new);
        m.put("demo", DemoCommand::new);
        m.put("targets", TargetsCommand::new);
        m.put("walk", WalkCommand::new);
        m.put("snapshot", SnapshotCommand::new);
        m.put("restore", RestoreCommand::new);
        m.put("migrate", MigrateCommand::new);
        m.put("objects", ObjectsCommand::new);
        m.put("record", RecordCommand::new);
        m.put("timeline", TimelineCommand::new);
        return m;
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, null);
    }

    /**
     * The command tree; when {@code first} names a subcommand, only that one is built (picocli reads
     * every option annotation of a command it adds, which a command line that runs one command need
     * not pay for); {@code --version} alone needs none. Anything else (help, a typo picocli should
     * suggest a fix for) gets them all.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String first) {
        CommandLine cl = new CommandLine(new RootCommand());
        if (first != null && COMMANDS.containsKey(first)) {
            cl.addSubcommand(first, COMMANDS.get(first).get());
        } else if (!VERSION_ONLY.equals(first)) {
            COMMANDS.forEach((name, command) -> cl.addSubcommand(name, command.get()));
        }
        // Printing commands flush once at the end (see run); the others flush every line.
        boolean autoFlush = first == null || !PRINTING.contains(first);
        cl.setOut(new PrintWriter(new TerminalSafeWriter(out), autoFlush));
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
        if (COMMANDS.containsKey(args[0])) {
            return false; // a command's name is never a *.json file: no need to parse it as the window's
        }
        GuiArguments gui = GuiArguments.parseStrict(args);
        return gui != null && gui.allSnapshotFiles();
    }

    /** Opens the window; returns the exit code (2 with one sentence on stderr when it cannot open). */
    public static int openWindow(String[] args) {
        String[] rest = args.length > 0 && args[0].equals("gui")
                ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        try {
            CapscopeApp.launchWindow(rest);
            if (StartupProbe.result() != null) {
                System.err.println("capscope: " + StartupProbe.result());
            }
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
