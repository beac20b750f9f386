package dev.capscope.app.cli;

import dev.capscope.bridge.CapsimProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code capscope demo}: starts capsim (the simulated target) and prints the URI to attach to;
 * runs until stdin closes, "quit" is typed, or Ctrl-C. Other lines go to capsim as commands
 * (e.g. {@code churn-step}, {@code tasks}) and its answers are printed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start the simulated target (capsim) and print the URI to attach to.",
                "Runs until stdin ends, 'quit', or Ctrl-C; other input lines are capsim commands (try 'help')."})
final class DemoCommand extends CliCommand {
    static final String DEFAULT_SCENARIO = "default";

    @Option(names = "--scenario", paramLabel = "NAME|FILE", defaultValue = DEFAULT_SCENARIO,
            description = "Scenario name from samples/scenarios or a scenario file (default: ${DEFAULT-VALUE})")
    String scenario;

    @Option(names = "--listen", paramLabel = "URI", description = "unix:PATH or tcp:HOST:PORT (default: a fresh Unix socket)")
    String listen;

    @Option(names = "--churn", paramLabel = "RATE", description = "Random changes per second (sessions, threads)")
    Double churn;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for the churn, so runs repeat")
    Long seed;

    @Option(names = "--allow-restore", description = "Serve mutations (restore); without it the target is read-only")
    boolean allowRestore;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = out();
        Path file = CapsimProcess.findScenario(scenario);
        CapsimProcess.Options options = new CapsimProcess.Options(file, listen, null, churn, seed, allowRestore, null);
        try (CapsimProcess capsim = CapsimProcess.start(options, Duration.ofSeconds(10))) {
            Thread stopOnCtrlC = new Thread(capsim::close, "capsim-stop");
            Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
            out.println("capsim running " + file.getFileName() + (allowRestore ? " (restore allowed)" : " (read-only)"));
            out.println(capsim.uri());
            out.println("attach:  capscope targets --target " + capsim.uri());
            out.println("         capscope gui --target " + capsim.uri());
            out.println("type 'quit' or close stdin to stop; other lines are capsim commands ('help')");
            out.flush();
            relayCommands(capsim, out);
            Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
        }
        return 0;
    }

    private static void relayCommands(CapsimProcess capsim, PrintWriter out) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            line = line.trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("quit")) {
                return;
            }
            capsim.send(line);
            out.println(capsim.awaitLine(l -> l.startsWith("ok") || l.startsWith("error"), Duration.ofSeconds(5)));
            out.flush();
        }
    }
}
