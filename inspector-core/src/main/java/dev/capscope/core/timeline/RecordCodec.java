package dev.capscope.core.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.capscope.core.json.SchemaVersions;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.ThreadInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One record as one line of compact JSON (field names as in snapshot files). A slot carries its
 * object inline ({@code objectId} when known, kind, label), so a delta stands on its own.
 */
public final class RecordCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RecordCodec() {
    }

    public static String encode(TimelineRecord r) {
        ObjectNode n = MAPPER.createObjectNode();
        if (r instanceof TimelineRecord.Header h) {
            n.put("type", "header");
            n.put("format", RecordingFile.FORMAT);
            n.put("schemaVersion", h.schemaVersion());
            n.put("endpoint", h.endpoint());
            n.put("kernel", h.kernel());
            n.put("profile", h.profile());
            n.put("startedAt", h.startedAt().toString());
            n.put("toolVersion", h.toolVersion());
        } else if (r instanceof TimelineRecord.Change c) {
            n.put("type", c.full() ? "full" : "delta");
            n.put("task", c.task());
            n.put("time", c.time().toString());
            delta(n, c.delta());
        } else if (r instanceof TimelineRecord.Gone g) {
            n.put("type", "gone");
            n.put("task", g.task());
            n.put("time", g.time().toString());
        } else if (r instanceof TimelineRecord.End e) {
            n.put("type", "end");
            n.put("time", e.time().toString());
        }
        return n.toString();
    }

    private static void delta(ObjectNode n, SpaceDelta d) {
        n.put("generation", d.generation());
        n.put("profile", d.profile());
        ArrayNode slots = n.putArray("slots");
        for (SlotState s : d.slots()) {
            ObjectNode o = slots.addObject();
            o.put("selector", s.slot().selector());
            if (s.object().idKnown()) {
                o.put("objectId", s.object().id());
            }
            o.put("kind", s.object().kind().kernelName());
            if (s.object().label() != null) {
                o.put("label", s.object().label());
            }
            o.put("rights", s.slot().rights().toString());
            o.put("role", s.slot().role());
        }
        ints(n, "slotsRemoved", d.slotsRemoved());
        ArrayNode capMap = n.putArray("capMap");
        for (CapMapEntry e : d.capMap()) {
            ObjectNode o = capMap.addObject();
            o.put("index", e.index());
            o.put("rawId", e.rawId());
            o.put("refCount", e.refCount());
            Semantics m = e.semantics();
            if (!m.equals(Semantics.NONE)) {
                ObjectNode s = o.putObject("semantics");
                optional(s, "rpcInterface", m.rpcInterface());
                optional(s, "label", m.label());
                optional(s, "args", m.args());
                optional(s, "server", m.server());
                if (m.quota() != null) {
                    s.put("quota", m.quota());
                }
            }
        }
        ints(n, "capMapRemoved", d.capMapRemoved());
        ArrayNode threads = n.putArray("threads");
        for (ThreadInfo t : d.threads()) {
            threads.addObject().put("index", t.index()).put("name", t.name()).put("state", t.state());
        }
        ints(n, "threadsRemoved", d.threadsRemoved());
        n.put("slotsAdded", d.slotsAdded());
        n.put("entriesAdded", d.entriesAdded());
    }

    private static void optional(ObjectNode n, String name, String value) {
        if (value != null) {
            n.put(name, value);
        }
    }

    private static void ints(ObjectNode n, String name, List<Integer> values) {
        ArrayNode a = n.putArray(name);
        values.forEach(a::add);
    }

    /** @throws RecordFormatException naming the field that is wrong */
    public static TimelineRecord decode(String json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RecordFormatException("not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new RecordFormatException("not a JSON object");
        }
        String type = Fields.text(n, "type");
        return switch (type) {
            case "header" -> {
                if (!RecordingFile.FORMAT.equals(Fields.text(n, "format"))) {
                    throw new RecordFormatException("field 'format' is not " + RecordingFile.FORMAT);
                }
                yield new TimelineRecord.Header(formatVersion(n),
                        Fields.optText(n, "endpoint"), Fields.optText(n, "kernel"), Fields.optText(n, "profile"),
                        Fields.time(n, "startedAt"), Fields.optText(n, "toolVersion"));
            }
            case "full", "delta" -> new TimelineRecord.Change(type.equals("full"), Fields.text(n, "task"),
                    Fields.time(n, "time"), decodeDelta(n));
            case "gone" -> new TimelineRecord.Gone(Fields.text(n, "task"), Fields.time(n, "time"));
            case "end" -> new TimelineRecord.End(Fields.time(n, "time"));
            default -> throw new RecordFormatException("unknown record type '" + type + "'");
        };
    }

    /**
     * The header's format major: an integer (every recording so far), or "MAJOR.MINOR" text should a
     * later format write one. A larger major than this Capscope's is refused as newer, not as damage.
     */
    private static int formatVersion(JsonNode n) {
        JsonNode v = n.get("schemaVersion");
        int major = v == null ? -1 : v.isIntegralNumber() && v.canConvertToInt() ? v.asInt()
                : v.isTextual() ? SchemaVersions.major(v.asText()) : -1;
        if (major > RecordingFile.SCHEMA_VERSION) {
            throw new NewerRecordingException(major);
        }
        if (major != RecordingFile.SCHEMA_VERSION) {
            throw new RecordFormatException("field 'schemaVersion' is missing or not " + RecordingFile.SCHEMA_VERSION);
        }
        return major;
    }

    private static SpaceDelta decodeDelta(JsonNode n) {
        try {
            List<SlotState> slots = new ArrayList<>();
            for (JsonNode o : Fields.array(n, "slots")) {
                int sel = (int) Fields.integer(o, "selector", 0, 4296);
                ObjectKind kind = ObjectKind.fromKernelName(Fields.text(o, "kind"));
                Long label = o.has("label") ? Fields.integer(o, "label", 0, Long.MAX_VALUE) : null;
                KernelObject obj = o.has("objectId")
                        ? new KernelObject(Fields.integer(o, "objectId", 0, Long.MAX_VALUE), kind, label)
                        : KernelObject.unidentified(sel, kind, label);
                slots.add(new SlotState(new Slot(sel, obj.id(), Rights.parse(Fields.text(o, "rights")),
                        Fields.text(o, "role")), obj));
            }
            List<CapMapEntry> entries = new ArrayList<>();
            for (JsonNode o : Fields.array(n, "capMap")) {
                JsonNode s = o.get("semantics");
                Semantics sem = s == null ? Semantics.NONE : new Semantics(Fields.optText(s, "rpcInterface"),
                        Fields.optText(s, "label"), Fields.optText(s, "args"), Fields.optText(s, "server"),
                        s.hasNonNull("quota") ? Fields.integer(s, "quota", 0, Long.MAX_VALUE) : null);
                entries.add(new CapMapEntry((int) Fields.integer(o, "index", 0, 4296),
                        Fields.integer(o, "rawId", 1, Long.MAX_VALUE), (int) Fields.integer(o, "refCount", 0, 255), sem));
            }
            List<ThreadInfo> threads = new ArrayList<>();
            for (JsonNode o : Fields.array(n, "threads")) {
                threads.add(new ThreadInfo((int) Fields.integer(o, "index", 0, 127), Fields.text(o, "name"),
                        Fields.text(o, "state")));
            }
            return new SpaceDelta(Fields.integer(n, "generation", 0, Long.MAX_VALUE), Fields.optText(n, "profile"),
                    slots, Fields.ints(n, "slotsRemoved", 4296), entries, Fields.ints(n, "capMapRemoved", 4296),
                    threads, Fields.ints(n, "threadsRemoved", 127), (int) Fields.integer(n, "slotsAdded", 0, 4297),
                    (int) Fields.integer(n, "entriesAdded", 0, 4297));
        } catch (IllegalArgumentException e) {
            throw new RecordFormatException(e.getMessage());
        }
    }

    /** Typed field access that names the field in every complaint. */
    static final class Fields {
        private Fields() {
        }

        static String text(JsonNode n, String f) {
            JsonNode v = n.get(f);
            if (v == null || !v.isTextual()) {
                throw new RecordFormatException("field '" + f + "' is missing or not a string");
            }
            return v.asText();
        }

        static String optText(JsonNode n, String f) {
            JsonNode v = n.get(f);
            return v == null || v.isNull() ? null : text(n, f);
        }

        static long integer(JsonNode n, String f, long min, long max) {
            JsonNode v = n.get(f);
            if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
                throw new RecordFormatException("field '" + f + "' is missing or not an integer in " + min + ".." + max);
            }
            return v.asLong();
        }

        static Instant time(JsonNode n, String f) {
            try {
                return Instant.parse(text(n, f));
            } catch (java.time.format.DateTimeParseException e) {
                throw new RecordFormatException("field '" + f + "' is not a time like 2026-01-02T03:04:05Z");
            }
        }

        static Iterable<JsonNode> array(JsonNode n, String f) {
            JsonNode v = n.get(f);
            if (v == null || !v.isArray()) {
                throw new RecordFormatException("field '" + f + "' is missing or not an array");
            }
            for (JsonNode item : v) {
                if (!item.isObject()) {
                    throw new RecordFormatException("field '" + f + "' holds something other than objects");
                }
            }
            return v;
        }

        static List<Integer> ints(JsonNode n, String f, int max) {
            JsonNode v = n.get(f);
            if (v == null || !v.isArray()) {
                throw new RecordFormatException("field '" + f + "' is missing or not an array");
            }
            List<Integer> out = new ArrayList<>();
            for (JsonNode item : v) {
                if (!item.isIntegralNumber() || item.asLong() < 0 || item.asLong() > max) {
                    throw new RecordFormatException("field '" + f + "' holds something other than integers 0.." + max);
                }
                out.add(item.asInt());
            }
            return out;
        }
    }
}
