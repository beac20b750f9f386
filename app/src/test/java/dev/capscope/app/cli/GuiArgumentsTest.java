package dev.capscope.app.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The window's arguments as picocli reads them for 'capscope gui'. */
class GuiArgumentsTest {
    @Test
    void filesAndTargetInEitherSpelling() {
        GuiArguments a = GuiArguments.parse(List.of("a.json", "--target", "unix:/tmp/x.sock", "b.json"));
        assertEquals(List.of(Path.of("a.json"), Path.of("b.json")), a.files());
        assertEquals("unix:/tmp/x.sock", a.target());
        assertEquals("tcp:127.0.0.1:9", GuiArguments.parse(List.of("--target=tcp:127.0.0.1:9")).target());
    }

    @Test
    void theWindowIgnoresOptionsItDoesNotKnow() {
        GuiArguments a = GuiArguments.parse(List.of("--toolkit-option", "a.json"));
        assertEquals(List.of(Path.of("a.json")), a.files());
        assertNull(a.target());
    }

    @Test
    void theLauncherDoesNotTakeThemForTheWindows() {
        assertNull(GuiArguments.parseStrict(new String[]{"--toolkit-option"}));
        assertNull(GuiArguments.parseStrict(new String[]{"--target"}));
    }
}
