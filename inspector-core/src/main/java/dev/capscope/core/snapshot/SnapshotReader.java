package dev.capscope.core.snapshot;

import dev.capscope.core.json.JsonShapeException;
import dev.capscope.core.json.LocatedJson;
import dev.capscope.core.json.LocatedNode;
import dev.capscope.core.json.SchemaVersions;
import dev.capscope.core.json.StrictObject;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.SnapshotMeta;
import dev.capscope.core.model.ThreadInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static dev.capscope.core.snapshot.SnapshotFields.*;

/**
 * Reads snapshot format 1.x (1.0 without "schemaVersion", 1.1 with it; docs/schema) strictly:
 * anything that is not exactly what {@link SnapshotWriter} could have written (unknown schema, unknown or missing fields, wrong types, selectors outside
 * 0..4296, duplicates, slots naming objects that are not in the table) is a
 * {@link SnapshotFormatException} naming file, line, column and field. Reading never writes.
 */
public final class SnapshotReader {
    private static final String FIX_HINT =
            "Correct that field (the format is described in samples/snapshots/README.md) or take the snapshot again";
    private static final String SYNTAX_HINT =
            "The file is damaged or not a snapshot; restore it from version control or a backup, or take the snapshot again";
    private static final String NEWER_MINOR_HINT = "The file is of a newer snapshot format than this Capscope"
            + " reads (" + SchemaVersions.SNAPSHOT + "); open it with a newer Capscope";
    private static final String KINDS = Arrays.stream(ObjectKind.values()).map(ObjectKind::kernelName)
            .collect(Collectors.joining(", "));

    private SnapshotReader() {
    }

    /**
     * Larger files are refused before reading (a full space, 4297 slots and 4096 cap-map entries with
     * long semantics, is a few MiB): a wrong or hostile file must not take the app's memory.
     */
    public static final long MAX_FILE_BYTES = 64L << 20;

    public static Snapshot read(Path file) {
        byte[] content;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new SnapshotFormatException(file.toString(), 0, 0, "", "the file is " + (size >> 20)
                        + " MiB, more than the " + (MAX_FILE_BYTES >> 20) + " MiB a snapshot can be",
                        "It is not a Capscope snapshot (a whole capability space takes a few MiB); check the path", null);
            }
            content = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new SnapshotFormatException(file.toString(), 0, 0, "", "no such file",
                    "Check the path and the file name", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new SnapshotFormatException(file.toString(), 0, 0, "", "permission denied",
                    "Check the file's permissions", e);
        } catch (IOException e) {
            boolean folder = Files.isDirectory(file);
            throw new SnapshotFormatException(file.toString(), 0, 0, "", folder ? "this is a folder, not a file"
                    : "cannot read the file (" + e.getMessage() + ")", folder ? "Name a snapshot file (.json) in it"
                    : "Check the path and the file's permissions", e);
        }
        return read(file.toString(), content);
    }

    /** Reads from bytes; {@code source} names the origin in error messages. */
    public static Snapshot read(String source, byte[] content) {
        boolean newerMinor = false;
        try {
            StrictObject root = LocatedJson.parse(content).asObject();
            newerMinor = SnapshotVersion.check(root);
            return parse(root);
        } catch (SchemaException e) {
            throw new SnapshotFormatException(source, e.line(), e.column(), e.path(), e.problem(), e.hint, e);
        } catch (JsonShapeException e) {
            throw new SnapshotFormatException(source, e.line(), e.column(), e.path(), e.problem(),
                    e.isSyntaxError() ? SYNTAX_HINT : newerMinor ? NEWER_MINOR_HINT : FIX_HINT, e);
        }
    }

    private static Snapshot parse(StrictObject root) {
        StrictObject meta = root.required(META).asObject();
        checkSchema(meta);
        String name = meta.requiredString(NAME);
        Instant takenAt = instant(meta.required(TAKEN_AT));
        String endpoint = meta.optionalString(ENDPOINT);
        String task = meta.requiredString(TASK);
        String kernel = meta.optionalString(KERNEL);
        String profile = meta.requiredString(PROFILE);
        String tool = meta.optionalString(TOOL_VERSION);
        LocatedNode tornNode = meta.optional(TORN);
        boolean torn = tornNode != null && tornNode.asBoolean();
        long generation = meta.requiredLong(GENERATION, 0, Long.MAX_VALUE);
        meta.finish();

        Map<Long, KernelObject> objects = objects(root.required(OBJECTS));
        List<Slot> slots = slots(root.required(SLOTS), objects);
        List<ThreadInfo> threads = threads(root.required(THREADS));
        List<CapMapEntry> capMap = capMap(root.required(CAP_MAP));
        root.finish();

        SnapshotMeta m = new SnapshotMeta(SCHEMA, name, takenAt, endpoint, task, kernel, profile, tool, torn);
        CapSpace space = new CapSpace(task, profile, generation, List.copyOf(objects.values()), slots, threads, capMap);
        return new Snapshot(m, space);
    }

    private static void checkSchema(StrictObject meta) {
        LocatedNode node = meta.required(SCHEMA_FIELD);
        if (node.type() != LocatedNode.Type.INTEGER) {
            node.asInt(SCHEMA, SCHEMA); // reports the wrong type
        }
        long v = node.asLong(Long.MIN_VALUE, Long.MAX_VALUE);
        if (v != SCHEMA) {
            throw new SchemaException(node, "unknown snapshot schema version " + v + " (this Capscope reads version "
                    + SCHEMA + ")", v > SCHEMA ? "Open it with the newer Capscope that wrote it"
                    : "The file was not written by Capscope; take the snapshot again");
        }
    }

    private static Instant instant(LocatedNode node) {
        String text = node.asString();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw JsonShapeException.at(node, "\"" + text + "\" is not an ISO-8601 UTC time like 2026-01-31T12:00:00Z");
        }
    }

    private static Map<Long, KernelObject> objects(LocatedNode array) {
        Map<Long, KernelObject> objects = new TreeMap<>();
        Map<Long, Integer> firstAt = new HashMap<>();
        for (LocatedNode item : array.asArray()) {
            StrictObject o = item.asObject();
            LocatedNode idNode = o.required(ID);
            long id = idNode.asLong(0, Long.MAX_VALUE);
            ObjectKind kind = kind(o.required(KIND));
            Long label = o.optionalLong(LABEL, 0, Long.MAX_VALUE);
            o.finish();
            Integer previous = firstAt.putIfAbsent(id, firstAt.size());
            if (previous != null) {
                throw JsonShapeException.at(idNode, "duplicate object id " + id + " (also at " + OBJECTS + "[" + previous + "])");
            }
            objects.put(id, new KernelObject(id, kind, label));
        }
        return objects;
    }

    private static ObjectKind kind(LocatedNode node) {
        String text = node.asString();
        for (ObjectKind k : ObjectKind.values()) {
            if (k.kernelName().equals(text)) {
                return k;
            }
        }
        throw JsonShapeException.at(node, "unknown object kind \"" + text + "\" (known: " + KINDS + ")");
    }

    private static List<Slot> slots(LocatedNode array, Map<Long, KernelObject> objects) {
        List<Slot> slots = new ArrayList<>();
        Map<Integer, Integer> firstAt = new HashMap<>();
        for (LocatedNode item : array.asArray()) {
            StrictObject o = item.asObject();
            int selector = selector(o.required(SELECTOR));
            LocatedNode objectNode = o.optional(OBJECT_ID);
            long objectId = objectNode == null ? KernelObject.unidentifiedKey(selector)
                    : objectNode.asLong(0, Long.MAX_VALUE);
            // Without an object id the row describes its object itself (kind, label); with one, the
            // objects table does, and the row must not.
            LocatedNode kindNode = o.optional(KIND);
            LocatedNode labelNode = o.optional(LABEL);
            if (objectNode == null && kindNode == null) {
                o.required(OBJECT_ID); // reports the missing field
            }
            if (objectNode != null && (kindNode != null || labelNode != null)) {
                throw JsonShapeException.at(kindNode != null ? kindNode : labelNode, "slot "
                        + Selectors.format(selector) + " has an objectId, so its object's kind and label belong in "
                        + "the objects table, not in the slot");
            }
            KernelObject unidentified = objectNode != null ? null : KernelObject.unidentified(selector,
                    kind(kindNode), labelNode == null ? null : labelNode.asLong(0, Long.MAX_VALUE));
            Rights rights = rights(o.required(RIGHTS));
            String role = o.requiredString(ROLE);
            o.finish();
            Integer previous = firstAt.putIfAbsent(selector, firstAt.size());
            if (previous != null) {
                throw JsonShapeException.at(o.required(SELECTOR), "duplicate selector " + Selectors.format(selector)
                        + " (also at " + SLOTS + "[" + previous + "])");
            }
            if (unidentified != null) {
                objects.put(unidentified.id(), unidentified);
            } else if (!objects.containsKey(objectId)) {
                throw JsonShapeException.at(objectNode, "slot " + Selectors.format(selector) + " names object "
                        + objectId + ", which is not in the objects table");
            }
            slots.add(new Slot(selector, objectId, rights, role));
        }
        return slots;
    }

    private static int selector(LocatedNode node) {
        if (node.type() == LocatedNode.Type.INTEGER) {
            long v = node.asLong(Long.MIN_VALUE, Long.MAX_VALUE);
            if (!Selectors.inRange((int) v) || v != (int) v) {
                throw JsonShapeException.at(node, "selector " + v + " is out of range 0..4296 (0x0..0x10c8)");
            }
        }
        return node.asInt(Selectors.FIRST, Selectors.LAST);
    }

    private static Rights rights(LocatedNode node) {
        try {
            return Rights.parse(node.asString());
        } catch (IllegalArgumentException e) {
            throw JsonShapeException.at(node, e.getMessage());
        }
    }

    /** THREAD_MAX is 128 in every Genode layout: thread i owns the slots of group i of the thread area. */
    static final int MAX_THREAD_INDEX = 127;

    private static List<ThreadInfo> threads(LocatedNode array) {
        List<ThreadInfo> threads = new ArrayList<>();
        Map<Integer, Integer> firstAt = new HashMap<>();
        for (LocatedNode item : array.asArray()) {
            StrictObject o = item.asObject();
            LocatedNode indexNode = o.required(INDEX);
            int index = indexNode.asInt(0, Integer.MAX_VALUE);
            if (index > MAX_THREAD_INDEX) {
                throw JsonShapeException.at(indexNode, "thread index " + index + " is past THREAD_MAX: a Genode"
                        + " component has at most 128 threads, indices 0.." + MAX_THREAD_INDEX);
            }
            String name = o.requiredString(NAME);
            String state = o.requiredString(STATE);
            o.finish();
            Integer previous = firstAt.putIfAbsent(index, firstAt.size());
            if (previous != null) {
                throw JsonShapeException.at(indexNode, "duplicate thread index " + index + " (also at " + THREADS + "[" + previous + "])");
            }
            threads.add(new ThreadInfo(index, name, state));
        }
        return threads;
    }

    private static List<CapMapEntry> capMap(LocatedNode array) {
        List<CapMapEntry> entries = new ArrayList<>();
        Map<Integer, Integer> firstAt = new HashMap<>();
        for (LocatedNode item : array.asArray()) {
            StrictObject o = item.asObject();
            LocatedNode indexNode = o.required(INDEX);
            int index = selector(indexNode);
            long rawId = o.required(RAW_ID).asLong(1, MAX_RAW_ID);
            int refCount = o.required(REF_COUNT).asInt(0, 255);
            LocatedNode semNode = o.optional(SEMANTICS);
            Semantics semantics = semNode == null ? Semantics.NONE : semantics(semNode.asObject());
            o.finish();
            Integer previous = firstAt.putIfAbsent(index, firstAt.size());
            if (previous != null) {
                throw JsonShapeException.at(indexNode, "duplicate cap-map index " + Selectors.format(index)
                        + " (also at " + CAP_MAP + "[" + previous + "])");
            }
            entries.add(new CapMapEntry(index, rawId, refCount, semantics));
        }
        return entries;
    }

    private static Semantics semantics(StrictObject o) {
        Semantics s = new Semantics(o.optionalString(RPC_INTERFACE), o.optionalString(LABEL), o.optionalString(ARGS),
                o.optionalString(SERVER), o.optionalLong(QUOTA, 0, Long.MAX_VALUE));
        o.finish();
        return s;
    }

    /** A schema-version problem, which needs its own advice. */
    static final class SchemaException extends JsonShapeException {
        final String hint;

        SchemaException(LocatedNode node, String problem, String hint) {
            super(node.path(), node.line(), node.column(), problem);
            this.hint = hint;
        }
    }
}
