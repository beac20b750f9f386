package dev.capscope.app.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}: the stack trace after the one-sentence error (read by ErrorReporter). */
final class VerboseOption {
    @Option(names = "--verbose", description = "Print the stack trace of an error")
    boolean verbose;
}
