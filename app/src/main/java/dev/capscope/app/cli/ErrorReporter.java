package dev.capscope.app.cli;

import dev.capscope.core.text.TerminalText;

import dev.capscope.bridge.AddressSecrets;
import dev.capscope.core.target.TargetException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * Turns any failure into one clear sentence on stderr and exit code 2; the stack trace only with
 * --verbose. Users read these, scripts read the exit code.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    static final int EXIT_ERROR = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        err.println("capscope: " + TerminalText.escape(AddressSecrets.redact(sentence(ex))));
        if (isVerbose(parsed)) { // the trace's messages may quote the address: redacted too
            java.io.StringWriter trace = new java.io.StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            err.print(AddressSecrets.redact(trace.toString()));
        }
        err.flush();
        return EXIT_ERROR;
    }

    static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("capscope: " + TerminalText.escape(AddressSecrets.redact(ex.getMessage())));
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return EXIT_ERROR;
    }

    static String sentence(Throwable ex) {
        if (ex instanceof NoSuchFileException e && e.getReason() != null) {
            return "cannot save " + e.getFile() + ": " + e.getReason(); // SnapshotWriter: a missing folder
        }
        if (ex instanceof NoSuchFileException e) {
            return "file not found: " + e.getFile() + " (check the path)";
        }
        if (ex instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile() + " (check the file's permissions)";
        }
        if (ex instanceof TargetException e) {
            return "target: " + e.getMessage() + " [" + e.code() + "]";
        }
        String msg = ex.getMessage();
        if (msg == null || msg.isBlank()) {
            msg = ex.getClass().getSimpleName() + " (run again with --verbose for details)";
        }
        return msg;
    }

    private static boolean isVerbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
