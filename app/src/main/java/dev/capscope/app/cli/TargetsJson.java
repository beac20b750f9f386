package dev.capscope.app.cli;

import dev.capscope.bridge.AddressSecrets;
import dev.capscope.bridge.BridgeTarget;
import dev.capscope.bridge.driver.HelloInfo;
import dev.capscope.bridge.driver.TaskRecord;
import dev.capscope.core.json.SchemaVersions;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.profile.ProfileGuess;
import dev.capscope.core.profile.ProfileGuesser;
import dev.capscope.core.target.Target;
import dev.capscope.core.target.TargetException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code targets --json} (docs/schema/targets.schema.json): the target's kind, protocol and
 * abilities, and per task what a script needs to decide what to do next.
 */
final class TargetsJson {
    private TargetsJson() {
    }

    static Map<String, Object> of(BridgeTarget target, List<TaskRecord> tasks) {
        HelloInfo h = target.hello();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(SchemaVersions.FIELD, SchemaVersions.TARGETS);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("endpoint", AddressSecrets.withoutToken(target.endpoint()));
        t.put("transport", transport(target.endpoint()));
        t.put("kind", h.simulated() ? "capsim" : "agent");
        t.put("kernel", h.kernel());
        t.put("agentVersion", h.agentVersion());
        t.put("protocolVersion", h.protocolVersion());
        t.put("profile", h.profile().isEmpty() ? null : h.profile());
        t.put("restoreAllowed", h.restoreAllowed());
        t.put("kindsKnown", h.kindsKnown());
        doc.put("target", t);
        List<Object> rows = new ArrayList<>();
        for (TaskRecord r : tasks) {
            rows.add(task(r, h, target));
        }
        doc.put("tasks", rows);
        return doc;
    }

    /** One task's row; {@code target} is asked only when the target names no profile. */
    static Map<String, Object> task(TaskRecord r, HelloInfo h, Target target) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("id", r.id());
        m.put("parent", r.parentId());
        m.put("threads", r.threads());
        m.put("validCaps", r.validCaps());
        m.put("generation", r.generation());
        m.put("restoreAllowed", h.restoreAllowed());
        profile(m, target, h, r);
        return m;
    }

    /**
     * The profile the target names (confidence 1), else the guess from the task's valid selectors and
     * cap map (two more requests per task, only for targets that name none), else none.
     */
    private static void profile(Map<String, Object> m, Target target, HelloInfo h, TaskRecord r) {
        if (!h.profile().isEmpty()) {
            m.put("profile", h.profile());
            m.put("profileConfidence", 1.0);
            m.put("profileSource", "target");
            return;
        }
        try {
            ProfileGuess g = ProfileGuesser.builtin().guess(target.validity(r.name(), Selectors.FIRST, Selectors.LAST),
                    target.capMap(r.name()), r.threads());
            m.put("profile", g.profile().name());
            m.put("profileConfidence", Math.round(g.confidence() * 100) / 100.0);
            m.put("profileSource", "guess");
        } catch (TargetException e) {
            m.put("profile", null);
            m.put("profileConfidence", 0.0);
            m.put("profileSource", "none");
        }
    }

    private static String transport(String endpoint) {
        int colon = endpoint.indexOf(':');
        return colon < 0 ? "unknown" : endpoint.substring(0, colon);
    }
}
