package dev.capscope.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where capsim and its scenarios are: the binary is {@code <capscope.native.dir>/bin/capsim} (set
 * by the build for tests), else {@code <capscope.home>/bin/capsim} (the installed app), else the
 * build output {@code target-bridge/target/native/bin/capsim} below the working directory or its
 * parent; scenarios are in the samples' {@code scenarios} directory found the same way.
 */
public final class CapsimFiles {
    private CapsimFiles() {
    }

    /** Where capsim is, by the order in the class comment; fails with the places it looked. */
    public static Path binary() {
        List<Path> candidates = new ArrayList<>();
        String nativeDir = System.getProperty("capscope.native.dir");
        if (nativeDir != null) {
            candidates.add(Path.of(nativeDir, "bin", "capsim"));
        }
        String home = System.getProperty("capscope.home");
        if (home != null) {
            candidates.add(Path.of(home, "bin", "capsim"));
        }
        Path cwd = Path.of("").toAbsolutePath();
        candidates.add(cwd.resolve("target-bridge/target/native/bin/capsim"));
        candidates.add(cwd.resolve("target/native/bin/capsim"));
        if (cwd.getParent() != null) {
            candidates.add(cwd.getParent().resolve("target-bridge/target/native/bin/capsim"));
        }
        for (Path p : candidates) {
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException("capsim not found; looked at " + candidates
                + " (build it with 'mvn -pl target-bridge -am package' or set -Dcapscope.home)");
    }

    /**
     * A scenario by file path, or by name in the samples' scenario directory ({@code
     * capscope.samples.dir}, {@code <capscope.home>/samples}, or {@code samples} near the working
     * directory); the name may omit the file extension.
     */
    public static Path scenario(String nameOrFile) {
        Path direct = Path.of(nameOrFile);
        if (Files.isRegularFile(direct)) {
            return direct.toAbsolutePath();
        }
        List<Path> dirs = new ArrayList<>();
        String samples = System.getProperty("capscope.samples.dir");
        if (samples != null) {
            dirs.add(Path.of(samples, "scenarios"));
        }
        String home = System.getProperty("capscope.home");
        if (home != null) {
            dirs.add(Path.of(home, "samples", "scenarios"));
        }
        Path cwd = Path.of("").toAbsolutePath();
        dirs.add(cwd.resolve("samples/scenarios"));
        if (cwd.getParent() != null) {
            dirs.add(cwd.getParent().resolve("samples/scenarios"));
        }
        for (Path dir : dirs) {
            for (Path f : scenarioFiles(dir)) {
                String file = f.getFileName().toString();
                int dot = file.lastIndexOf('.');
                if (file.equals(nameOrFile) || (dot > 0 && file.substring(0, dot).equals(nameOrFile))) {
                    return f.toAbsolutePath();
                }
            }
        }
        throw new IllegalArgumentException("no scenario '" + nameOrFile + "' (looked in " + dirs
                + "; give a file path or one of the names there)");
    }

    /** The scenario files of a samples directory, sorted by name (none when it does not exist). */
    public static List<Path> scenarioFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
