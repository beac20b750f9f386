package dev.capscope.core.profile;

import dev.capscope.core.model.CapSpace;
import dev.capscope.core.testing.GenodeSpaceBuilder;
import dev.capscope.core.testing.Spaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileGuesserTest {

    @ParameterizedTest
    @ValueSource(strings = {"genode-foc-16", "genode-foc-17", "genode-foc-19"})
    void recognisesEachProfileFromATypicalComponent(String name) {
        CapSpace space = Spaces.typical(name, "c", 3).build();
        ProfileGuess g = ProfileGuesser.builtin().guess(space);
        assertEquals(name, g.profile().name(), g.describe());
        assertTrue(g.confidence() >= 0.8, g.describe());
        assertEquals(3, g.evidence().stream().filter(e -> e.contains("[")).count(), g.describe());
    }

    @Test
    void genodeFoc19And25AreTwinsThatOnlyA32BitIdTellsApart() {
        ProfileGuess g = ProfileGuesser.builtin().guess(Spaces.typical("genode-foc-19", "c", 3).build());
        assertEquals("genode-foc-19", g.profile().name(), g.describe());
        assertEquals("genode-foc-17", g.runnerUp(), "a twin is no rival for the layout");
        assertTrue(g.describe().contains("genode-foc-25 lays out selectors like genode-foc-19"), g.describe());

        // a target or snapshot that names the twin keeps its name; one that names another layout does not
        ProfileRegistry builtin = ProfileRegistry.builtin();
        assertEquals("genode-foc-25", g.preferring(builtin.get("genode-foc-25")).profile().name());
        assertEquals(g.confidence(), g.preferring(builtin.get("genode-foc-25")).confidence());
        assertEquals("genode-foc-19", g.preferring(builtin.get("genode-foc-17")).profile().name());
        assertEquals("genode-foc-19", g.preferring(null).profile().name());

        GenodeSpaceBuilder b = Spaces.typical("genode-foc-25", "c", 3);
        b.rawEntry(0x340, 0x1_0008L, 1, null);
        ProfileGuess wide = ProfileGuesser.builtin().guess(b.build());
        assertEquals("genode-foc-25", wide.profile().name(), wide.describe());
        assertTrue(wide.confidence() >= 0.8, wide.describe());
        assertTrue(wide.describe().contains("a cap-map id over 16 bits (0x10008)"), wide.describe());
        assertEquals("genode-foc-25", wide.preferring(builtin.get("genode-foc-19")).profile().name(),
                "the space rules the 16-bit twin out");
    }

    @Test
    void oneThreadStillSeparates17From19ByUserBase() {
        ProfileGuess g = ProfileGuesser.builtin().guess(Spaces.typical("genode-foc-17", "c", 1).build());
        assertEquals("genode-foc-17", g.profile().name(), g.describe());
        assertTrue(g.describe().contains("first component cap-map entry at 0x200 (512)"), g.describe());
    }

    @Test
    void strideAloneSeparates17From19() {
        // No component entries at all: only the parent and the thread stride tell.
        GenodeSpaceBuilder b = new GenodeSpaceBuilder(Spaces.profile("genode-foc-19"), "c", 1, 10);
        b.thread("main", "running");
        b.thread("ep", "blocked");
        b.thread("timer", "blocked");
        ProfileGuess g = ProfileGuesser.builtin().guess(b.build());
        assertEquals("genode-foc-19", g.profile().name(), g.describe());
        assertEquals("genode-foc-17", g.runnerUp());
    }

    @Test
    void anEmptySpaceGivesALowConfidence() {
        CapSpace empty = new CapSpace("c", null, 0, List.of(), List.of(), List.of(), List.of());
        ProfileGuess g = ProfileGuesser.builtin().guess(empty);
        assertTrue(g.confidence() < 0.3, g.describe());
    }
}
