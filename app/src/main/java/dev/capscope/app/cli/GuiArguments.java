package dev.capscope.app.cli;

import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The window's arguments (snapshot files, --target), parsed once, by picocli with the options
 * {@code capscope gui} declares: the launcher's routing and the window's start-up read the same
 * result.
 *
 * @param files  snapshot files to open
 * @param target endpoint to attach to, or null
 */
public record GuiArguments(List<Path> files, String target) {
    public GuiArguments {
        files = List.copyOf(files);
    }

    /** Strict: null when the arguments are not the window's (an unknown option, --target without a value). */
    static GuiArguments parseStrict(String[] args) {
        GuiCommand gui = new GuiCommand();
        try {
            new CommandLine(gui).parseArgs(args);
        } catch (CommandLine.ParameterException notTheWindows) {
            return null;
        }
        return new GuiArguments(gui.files, gui.target);
    }

    /**
     * Lenient, for the window once it opens: options it does not know (a toolkit's own) are left
     * out; arguments that do not parse give no files and no target (the demo then starts).
     */
    public static GuiArguments parse(List<String> args) {
        if (args.isEmpty()) {
            // the usual start: picocli's classes (not in the class archive) would cost the start ~0.1 s
            return new GuiArguments(List.of(), null);
        }
        GuiCommand gui = new GuiCommand();
        CommandLine cl = new CommandLine(gui);
        cl.setUnmatchedArgumentsAllowed(true);
        try {
            cl.parseArgs(args.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            return new GuiArguments(List.of(), null);
        }
        return new GuiArguments(gui.files, gui.target);
    }

    /** Every file is an existing snapshot file (*.json): "capscope snap.json" opens the window. */
    boolean allSnapshotFiles() {
        return files.stream().allMatch(f -> f.toString().endsWith(".json") && Files.isRegularFile(f));
    }
}
