package dev.capscope.app.cli;

import picocli.CommandLine.Command;

/**
 * {@code capscope}: the command line for the same operations as the window. Its subcommands are
 * added by {@link CapscopeCli#commandLine} (only the one asked for, when one is named), so a command
 * does not pay for picocli reading the annotations of all the others.
 */
@Command(name = "capscope",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
                "Inspect, snapshot, diff and restore the capability space of Genode components on Fiasco.OC.",
                "Without a command, opens the desktop app on the demo target (capsim)."},
        footer = {"", "Exit codes: 0 ok / same / clean, 1 different / findings / refused, 2 error."})
public final class RootCommand {
}
