package dev.capscope.core.holders;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of a holders join (docs/schema/objects.schema.json), as plain maps and lists for any JSON writer:
 * numbers are numbers, absent knowledge is null, never an empty string or a made-up value.
 */
public final class HoldingsJson {

    private HoldingsJson() {
    }

    /** {@code {schemaVersion, source, tasks[], objects[], findings[]}} for the objects shown. */
    public static Map<String, Object> tree(String source, Holdings h, List<HeldObject> shown,
                                           List<CrossTaskFinding> findings) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put(dev.capscope.core.json.SchemaVersions.FIELD, dev.capscope.core.json.SchemaVersions.OBJECTS);
        root.put("source", source);
        List<Object> tasks = new ArrayList<>();
        for (TaskSpace t : h.tasks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.task());
            m.put("present", t.present());
            m.put("generation", t.space().generation());
            m.put("validCaps", t.space().slots().size());
            tasks.add(m);
        }
        root.put("tasks", tasks);
        root.put("objects", shown.stream().map(HoldingsJson::object).toList());
        root.put("findings", findings.stream().map(HoldingsJson::finding).toList());
        return root;
    }

    public static Map<String, Object> object(HeldObject o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", o.key());
        m.put("identity", o.identity().jsonName());
        m.put("objectId", o.objectId());
        m.put("kind", o.kind().kernelName());
        m.put("label", o.label());
        m.put("badge", o.badge());
        m.put("rpcInterface", o.rpcInterface());
        m.put("sessionLabel", o.sessionLabel());
        m.put("session", o.session());
        m.put("server", o.server());
        m.put("serverHolds", o.serverHolds());
        m.put("shared", o.shared());
        Holder creator = o.creator();
        m.put("creator", creator == null ? null : holder(creator));
        m.put("clients", o.clients());
        m.put("holders", o.holders().stream().map(HoldingsJson::holder).toList());
        return m;
    }

    private static Map<String, Object> holder(Holder h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", h.task());
        m.put("selector", h.selector());
        m.put("rights", h.rights().toString());
        m.put("creator", h.creator());
        m.put("badge", h.badge());
        m.put("taskPresent", h.taskPresent());
        return m;
    }

    private static Map<String, Object> finding(CrossTaskFinding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", f.ruleId());
        m.put("severity", f.severity().name().toLowerCase(java.util.Locale.ROOT));
        m.put("objectKey", f.objectKey());
        m.put("holders", f.holders().stream().map(HoldingsJson::holder).toList());
        m.put("message", f.message());
        return m;
    }
}
