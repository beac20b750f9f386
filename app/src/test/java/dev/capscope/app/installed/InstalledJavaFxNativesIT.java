package dev.capscope.app.installed;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JavaFX looks for its native libraries beside its jars before it reads them out of a jar and
 * checksums each against its copy in the user's home, which it would do at every start. The
 * installed app folder must hold every one of them there, byte for byte as the jar has it.
 */
class InstalledJavaFxNativesIT {
    @Test
    void everyNativeLibraryOfTheJavaFxJarsLiesBesideThem() throws IOException {
        Path javafx = Path.of(System.getProperty("capscope.home")).resolve("lib/javafx");
        List<Path> jars;
        try (Stream<Path> s = Files.list(javafx)) {
            jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        assertFalse(jars.isEmpty(), "no JavaFX jars in " + javafx);
        List<String> seen = new ArrayList<>();
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry e : zip.stream().filter(e -> e.getName().endsWith(".so")).toList()) {
                    Path beside = javafx.resolve(e.getName());
                    assertTrue(Files.isRegularFile(beside), e.getName() + " of " + jar.getFileName() + " is not beside it");
                    try (InputStream in = zip.getInputStream(e)) {
                        assertArrayEquals(in.readAllBytes(), Files.readAllBytes(beside), e.getName() + " differs from the jar's");
                    }
                    seen.add(e.getName());
                }
            }
        }
        assertTrue(seen.contains("libglass.so") && seen.contains("libprism_sw.so"),
                "the toolkit's own libraries were among them: " + Arrays.toString(seen.toArray()));
    }
}
