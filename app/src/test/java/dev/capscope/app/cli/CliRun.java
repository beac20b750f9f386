package dev.capscope.app.cli;

import dev.capscope.app.schema.JsonSchemas;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Runs the command line in-process and captures exit code, stdout and stderr. Every {@code --json}
 * run that did not fail (exit 0 or 1) must print a document, and every document printed is checked
 * against its schema in docs/schema, so each test that runs a command with --json holds it to the
 * contract.
 */
record CliRun(int exit, String out, String err) {
    /** Commands whose JSON is a document of another name; any other command X uses X.schema.json. */
    private static final Map<String, String> SCHEMA_OF = Map.of("show", "snapshot", "walk", "snapshot");

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CapscopeCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        CliRun run = new CliRun(exit, out.toString(), err.toString());
        boolean printed = exit != ErrorReporter.EXIT_ERROR || !run.out().isBlank();
        if (printed && args.length > 0 && Arrays.asList(args).contains("--json")) {
            // Exit 0 or 1 is an outcome, never an error: a script asking for JSON gets a document.
            if (run.out().isBlank()) {
                throw new AssertionError(String.join(" ", args) + " exited " + exit
                        + " with no JSON document on stdout; stderr: " + run.err());
            }
            JsonSchemas.assertValid(schemaOf(args[0]), run.out());
        }
        return run;
    }

    static String schemaOf(String command) {
        return SCHEMA_OF.getOrDefault(command, command);
    }

    static Path samples() {
        return Path.of(System.getProperty("capscope.samples.dir", "../samples"));
    }

    static String sample(String name) {
        return samples().resolve("snapshots").resolve(name).toString();
    }
}
