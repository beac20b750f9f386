package dev.capscope.core.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Field access on a JSON object that remembers which fields were read, so {@link #finish()} can
 * reject unknown ones (a typo in a hand-edited file must not be silently ignored).
 */
public final class StrictObject {
    private final LocatedNode node;
    private final Map<String, LocatedNode> fields;
    /** Names asked for, in order; a list because objects have a handful of fields. */
    private final List<String> asked = new ArrayList<>(8);
    private int present;

    StrictObject(LocatedNode node, Map<String, LocatedNode> fields) {
        this.node = node;
        this.fields = fields;
    }

    public LocatedNode node() {
        return node;
    }

    /** Field names in file order. */
    public Set<String> fieldNames() {
        return java.util.Collections.unmodifiableSet(fields.keySet());
    }

    /** The field's value; a missing field or an explicit null is an error. */
    public LocatedNode required(String name) {
        LocatedNode v = lookup(name);
        if (v == null) {
            throw new JsonShapeException(childPath(name), node.line(), node.column(),
                    "required field \"" + name + "\" is missing");
        }
        if (v.isNull()) {
            throw JsonShapeException.at(v, "required field \"" + name + "\" is null");
        }
        return v;
    }

    /** The field's value, or null when missing or JSON null. */
    public LocatedNode optional(String name) {
        LocatedNode v = lookup(name);
        return v == null || v.isNull() ? null : v;
    }

    public String requiredString(String name) {
        return required(name).asString();
    }

    public String optionalString(String name) {
        LocatedNode v = optional(name);
        return v == null ? null : v.asString();
    }

    public int requiredInt(String name, int min, int max) {
        return required(name).asInt(min, max);
    }

    public long requiredLong(String name, long min, long max) {
        return required(name).asLong(min, max);
    }

    public Long optionalLong(String name, long min, long max) {
        LocatedNode v = optional(name);
        return v == null ? null : v.asLong(min, max);
    }

    private LocatedNode lookup(String name) {
        LocatedNode v = fields.get(name);
        if (!asked.contains(name)) {
            asked.add(name);
            if (v != null) {
                present++;
            }
        }
        return v;
    }

    /** Rejects any field that was not asked for. */
    public void finish() {
        if (present == fields.size()) {
            return;
        }
        Set<String> unknown = new TreeSet<>(fields.keySet());
        unknown.removeAll(asked);
        String first = unknown.iterator().next();
        Set<String> known = new TreeSet<>(asked);
        throw JsonShapeException.at(fields.get(first), "unknown field \"" + first + "\" (known fields: "
                + String.join(", ", known) + ")");
    }

    private String childPath(String name) {
        return node.path().isEmpty() ? name : node.path() + "." + name;
    }
}
