package dev.capscope.core.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileRegistryTest {
    @TempDir
    Path dir;

    private static final String L4RE = """
            {
              "format": "capscope-layout-profile/1",
              "name": "l4re-moe",
              "kernel": "Fiasco.OC (unpatched)",
              "taskCap": 1,
              "parentCap": 19,
              "fixedSlots": {"2": "factory", "0x5": "log"},
              "threadAreaBase": "0x30",
              "threadSlotRoles": ["gate"],
              "threadMax": 16,
              "userBaseCap": "0x400",
              "capMapEntries": 4096,
              "capEqualIdentity": false
            }
            """;

    @Test
    void builtinHasTheFourGenodeProfilesAndL4re() {
        assertEquals(List.of("genode-foc-16", "genode-foc-17", "genode-foc-19", "genode-foc-25", "l4re"),
                List.copyOf(ProfileRegistry.builtin().names()));
        assertEquals("built-in", ProfileRegistry.builtin().origin("genode-foc-17"));
    }

    /** Genode 25.02: the selectors of 19.05, cap-map entries of 40 bytes with 32-bit ids. */
    @Test
    void genodeFoc25DiffersFrom19OnlyInItsEntries() {
        LayoutProfile p25 = ProfileRegistry.builtin().get("genode-foc-25");
        LayoutProfile p19 = ProfileRegistry.builtin().get("genode-foc-19");
        assertTrue(p25.sameSelectorLayout(p19));
        assertEquals(32, p25.capIdBits());
        assertEquals(40, p25.capMapEntryBytes());
        assertEquals(0xFFFF_FFFFL, p25.maxCapId());
        assertEquals(16, p19.capIdBits());
        assertEquals(0, p19.capMapEntryBytes(), "not stated");
        assertFalse(p19.sameSelectorLayout(ProfileRegistry.builtin().get("genode-foc-17")));
    }

    @Test
    void capIdBitsOtherThan16Or32IsAnError() {
        String json = GENODE_25_LIKE.replace("\"capIdBits\": 32", "\"capIdBits\": 24");
        ProfileFormatException e = assertThrows(ProfileFormatException.class,
                () -> ProfileReader.read("mine.json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals("capIdBits", e.path());
        assertTrue(e.getMessage().contains("16") && e.getMessage().contains("32"), e.getMessage());
    }

    private static final String GENODE_25_LIKE = """
            {
              "format": "capscope-layout-profile/1",
              "name": "mine",
              "taskCap": 1,
              "parentCap": "0xb",
              "threadAreaBase": "0xc",
              "threadSlotRoles": ["gate", "pager", "irq", "vcpu", "vcpu-irq"],
              "threadMax": 128,
              "userBaseCap": "0x300",
              "capMapEntries": 4096,
              "capIdBits": 32
            }
            """;

    /** The l4re profile: Fiasco's default caps, the environment's named caps, no thread area. */
    @Test
    void l4reLaysOutDefaultAndNamedCapsWithoutThreads() {
        LayoutProfile p = ProfileRegistry.builtin().get("l4re");
        SelectorLayout l = SelectorLayout.of(p);
        assertFalse(p.capEqualIdentity());
        String[] defaults = {null, "task", "factory", "thread", "pager", "log", "icu", "scheduler", "iommu",
                null, "debugger", "arm-smccc"};
        for (int s = 1; s < defaults.length; s++) {
            if (defaults[s] != null) {
                assertEquals(defaults[s], l.roleOf(s).role(), "selector " + s);
                assertEquals(Area.FIXED, l.areaOf(s));
            }
        }
        assertEquals("parent", l.roleOf(19).role());
        // The loader decides where the environment's caps go (moe and ned differ): their names come
        // from the runtime at walk time, not from the profile.
        for (int s = 12; s < 0x30; s++) {
            assertFalse(l.roleOf(s).role().startsWith("env "), "selector " + s + ": " + l.roleOf(s).role());
        }
        assertEquals(-1, l.firstOf(Area.THREADS), "a plain L4Re program has no thread area");
        assertEquals(0x400, l.firstOf(Area.COMPONENT));
        assertEquals(Area.COMPONENT, l.areaOf(1054));
    }

    @Test
    void unknownNameListsKnownNames() {
        UnknownProfileException e = assertThrows(UnknownProfileException.class,
                () -> ProfileRegistry.builtin().get("genode-foc-99"));
        assertTrue(e.getMessage().contains("'genode-foc-99'"), e.getMessage());
        assertTrue(e.getMessage().contains("genode-foc-16, genode-foc-17, genode-foc-19"), e.getMessage());
        assertFalse(ProfileRegistry.builtin().find("genode-foc-99").isPresent());
    }

    @Test
    void userDirectoryAddsProfiles() throws IOException {
        Files.writeString(dir.resolve("l4re.json"), L4RE);
        Files.writeString(dir.resolve("notes.txt"), "not a profile");
        ProfileRegistry r = ProfileRegistry.builtin().withUserDirectory(dir);
        LayoutProfile p = r.get("l4re-moe");
        assertEquals(19, p.parentCap());
        assertEquals("log", p.fixedSlots().get(5));
        assertEquals("factory", p.fixedSlots().get(2));
        assertFalse(p.capEqualIdentity());
        assertEquals(dir.resolve("l4re.json").toString(), r.origin("l4re-moe"));
        assertEquals(6, r.names().size());
        assertEquals(5, ProfileRegistry.builtin().names().size(), "built-in registry stays unchanged");
    }

    @Test
    void missingUserDirectoryAddsNothing() {
        assertSame(ProfileRegistry.builtin(), ProfileRegistry.builtin().withUserDirectory(dir.resolve("nope")));
    }

    @Test
    void userProfileMayNotShadowABuiltin() throws IOException {
        Files.writeString(dir.resolve("mine.json"), L4RE.replace("l4re-moe", "genode-foc-19"));
        ProfileFormatException e = assertThrows(ProfileFormatException.class,
                () -> ProfileRegistry.builtin().withUserDirectory(dir));
        assertTrue(e.getMessage().contains("mine.json"), e.getMessage());
        assertTrue(e.getMessage().contains("already defined by built-in"), e.getMessage());
    }

    private ProfileFormatException loadBroken(String json) throws IOException {
        Path f = dir.resolve("broken.json");
        Files.writeString(f, json);
        return assertThrows(ProfileFormatException.class, () -> ProfileRegistry.load(f));
    }

    @Test
    void wrongTypeNamesFileLineColumnAndField() throws IOException {
        ProfileFormatException e = loadBroken(L4RE.replace("\"threadMax\": 16", "\"threadMax\": \"many\""));
        assertTrue(e.getMessage().startsWith(dir.resolve("broken.json") + ":10:16: field threadMax: expected a whole number"),
                e.getMessage());
        assertEquals(10, e.line());
        assertEquals("threadMax", e.path());
    }

    @Test
    void unknownFieldIsAnError() throws IOException {
        ProfileFormatException e = loadBroken(L4RE.replace("\"taskCap\"", "\"taskCapp\": 1, \"taskCap\""));
        assertEquals("taskCapp", e.path());
        assertTrue(e.getMessage().contains("unknown field \"taskCapp\""), e.getMessage());
    }

    @Test
    void missingFieldIsNamed() throws IOException {
        ProfileFormatException e = loadBroken(L4RE.replace("\"userBaseCap\": \"0x400\",", ""));
        assertEquals("userBaseCap", e.path());
        assertTrue(e.getMessage().contains("required field \"userBaseCap\" is missing"), e.getMessage());
    }

    @Test
    void inconsistentConstantsAreRejected() throws IOException {
        ProfileFormatException e = loadBroken(L4RE.replace("\"0x400\"", "\"0x35\""));
        assertEquals("userBaseCap", e.path());
        assertTrue(e.getMessage().contains("inside the thread area"), e.getMessage());
        ProfileFormatException clash = loadBroken(L4RE.replace("\"0x5\": \"log\"", "\"0x13\": \"log\""));
        assertEquals("fixedSlots.0x13", clash.path());
    }

    @Test
    void badHexAndNotJsonAreReported() throws IOException {
        assertEquals("parentCap", loadBroken(L4RE.replace("19,", "\"0xzz\",")).path());
        ProfileFormatException e = loadBroken("{ \"format\": ");
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
