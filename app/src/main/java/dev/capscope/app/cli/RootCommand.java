package dev.capscope.app.cli;

import picocli.CommandLine.Command;

/** {@code capscope}: the command line for the same operations as the window. */
@Command(name = "capscope",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
                "Inspect, snapshot, diff and restore the capability space of Genode components on Fiasco.OC.",
                "Without a command, opens the desktop app on the demo target (capsim)."},
        subcommands = {
                GuiCommand.class,
                ShowCommand.class,
                DiffCommand.class,
                LintCommand.class,
                DemoCommand.class,
                TargetsCommand.class,
                WalkCommand.class,
                SnapshotCommand.class,
                RestoreCommand.class,
                ObjectsCommand.class,
                RecordCommand.class,
                TimelineCommand.class,
        },
        footer = {"", "Exit codes: 0 ok / same / clean, 1 different / findings / refused, 2 error."})
public final class RootCommand {
}
