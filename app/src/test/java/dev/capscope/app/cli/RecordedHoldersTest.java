package dev.capscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code capscope objects} on what real systems printed (samples/recorded): Genode 25.02 on
 * Fiasco.OC gives no object ids, so its sessions join by badge; L4Re with the kernel debugger's
 * object dump gives ids and rights, so moe shows as the creator (D right) of what it created.
 */
class RecordedHoldersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode objects(String dir, String... walks) throws IOException {
        String[] args = new String[walks.length + 3];
        args[0] = "objects";
        for (int i = 0; i < walks.length; i++) {
            args[i + 1] = CliRun.samples().resolve("recorded").resolve(dir).resolve("walk-" + walks[i] + ".json").toString();
        }
        args[walks.length + 1] = "--shared";
        args[walks.length + 2] = "--json";
        CliRun r = CliRun.of(args);
        assertTrue(r.exit() == 0 || r.exit() == 1, r.err());
        JsonNode root = JSON.readTree(r.out());
        assertEquals(r.exit() == 1, root.get("findings").size() > 0, r.out());
        return root;
    }

    private static Set<String> tasks(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.get("holders").forEach(h -> out.add(h.get("task").asText()));
        return out;
    }

    @Test
    void genodeSessionsToTheHubJoinByBadgeWithoutObjectIds() throws IOException {
        JsonNode root = objects("genode-25.02-foc", "capscope_hub", "log_client", "log_server", "static_check");
        int capscopeSessions = 0;
        for (JsonNode o : root.get("objects")) {
            assertEquals("badge", o.get("identity").asText(), o.toString());
            assertTrue(o.get("objectId").isNull(), o.toString());
            if ("Capscope".equals(o.get("rpcInterface").asText())) {
                capscopeSessions++;
                String client = o.get("sessionLabel").asText().split(" -> ")[0];
                assertEquals(Set.of("capscope_hub", client), tasks(o), o.toString());
            }
        }
        assertEquals(3, capscopeSessions, "each component with the agent has one Capscope session at the hub");
        // The walks were taken one after another, seconds apart: log_client's LOG session of the
        // first walk was closed at log_server before log_server was walked. With the server named,
        // the cross-task lint sees exactly that, and nothing else.
        for (JsonNode f : root.get("findings")) {
            assertEquals("server-dropped-gate", f.get("rule").asText(), f.toString());
            assertTrue(f.get("message").asText().startsWith("LOG session 'log_client -> demo'"), f.toString());
        }
    }

    @Test
    void l4reObjectsJoinByIdAndMoeIsTheCreator() throws IOException {
        JsonNode root = objects("l4re-qemu", "moe", "hello", "capscope-agent");
        JsonNode factory = null;
        for (JsonNode o : root.get("objects")) {
            assertEquals("objectId", o.get("identity").asText(), o.toString());
            if ("Factory".equals(o.get("kind").asText())) {
                factory = o;
            }
        }
        assertTrue(factory != null, root.toString());
        assertEquals("moe", factory.get("creator").get("task").asText());
        assertEquals("RWSD", factory.get("creator").get("rights").asText());
        assertEquals(Set.of("moe", "hello", "capscope-agent"), tasks(factory));
        assertTrue(!factory.get("session").asBoolean(), "an environment cap is no session");
    }
}
