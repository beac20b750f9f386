package dev.capscope.core.architecture;

import dev.capscope.core.profile.SelectorLayout;
import dev.capscope.core.walk.WalkCancelledException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's module rule: inspector-core never sees JavaFX or JNA types. Scans every compiled main class of
 * this module; a reference to {@code javafx.*} or {@code com.sun.jna.*} fails the build.
 */
class CoreDependencyRuleTest {
    static final List<String> FORBIDDEN = List.of("javafx/", "javafx.", "com/sun/jna/", "com.sun.jna.");

    @Test
    void coreReferencesNeitherJavaFxNorJna() throws IOException, URISyntaxException {
        Path classes = Path.of(SelectorLayout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> violations = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                scanned++;
                for (String s : ConstantPoolScanner.utf8Entries(Files.readAllBytes(f))) {
                    if (mentionsForbidden(s, FORBIDDEN)) {
                        violations.add(classes.relativize(f) + " refers to " + s);
                    }
                }
            }
        }
        assertTrue(scanned > 30, "scanned only " + scanned + " classes in " + classes);
        assertEquals(List.of(), violations, "inspector-core must not depend on JavaFX or JNA");
    }

    @Test
    void scannerFindsAReferenceThatIsThere() throws IOException {
        try (InputStream in = WalkCancelledException.class.getResourceAsStream("WalkCancelledException.class")) {
            List<String> strings = ConstantPoolScanner.utf8Entries(in.readAllBytes());
            assertTrue(strings.stream().anyMatch(s -> mentionsForbidden(s, List.of("java/util/concurrent/"))), strings.toString());
        }
    }

    static boolean mentionsForbidden(String constant, List<String> prefixes) {
        for (String p : prefixes) {
            int i = constant.indexOf(p);
            // at the start, or after a descriptor 'L' or a separator: not e.g. "myjavafx/"
            if (i == 0 || (i > 0 && !Character.isJavaIdentifierPart(constant.charAt(i - 1)))
                    || (i > 0 && constant.charAt(i - 1) == 'L')) {
                return true;
            }
        }
        return false;
    }
}
