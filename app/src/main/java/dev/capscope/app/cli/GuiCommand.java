package dev.capscope.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** {@code capscope gui}: the desktop app (what plain {@code capscope} does). */
@Command(name = "gui", mixinStandardHelpOptions = true, description = "Open the desktop app (default without a command): snapshot FILES "
        + "are opened, --target attaches, with neither the demo target (capsim) starts.")
final class GuiCommand implements Runnable {
    @Option(names = "--target", description = "Endpoint to attach to: unix:PATH, tcp:HOST:PORT or serial:PATH")
    String target;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Snapshot files to open")
    List<Path> files = List.of();

    @Override
    public void run() {
        // Launcher routes "gui" to the window before picocli; reaching here means parsing only (tests).
        throw new IllegalStateException("the window is opened by the launcher; run 'capscope gui' directly");
    }
}
