package dev.capscope.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the command line in-process and captures exit code, stdout and stderr. */
record CliRun(int exit, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CapscopeCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(exit, out.toString(), err.toString());
    }

    static Path samples() {
        return Path.of(System.getProperty("capscope.samples.dir", "../samples"));
    }

    static String sample(String name) {
        return samples().resolve("snapshots").resolve(name).toString();
    }
}
