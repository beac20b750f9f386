package dev.capscope.core.snapshot;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.SnapshotMeta;
import dev.capscope.core.model.ThreadInfo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import static dev.capscope.core.snapshot.SnapshotFields.*;

/**
 * Writes snapshot format v1: keys sorted at every level, rows sorted (objects by id, slots by
 * selector, threads by index, cap-map entries by index), one row per line, so files are stable
 * and diff well in git. The same snapshot always gives the same bytes. A slot whose object the
 * target could not name carries its object's kind (and label) itself instead of an
 * {@code objectId}: a file never holds a made-up id.
 *
 * <p>Writing is atomic: the bytes go to a temporary file in the target's directory, are forced to
 * disk and renamed over the target. A failure leaves the previous file as it was and removes the
 * temporary file.
 */
public final class SnapshotWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private SnapshotWriter() {
    }

    public static void write(Snapshot snapshot, Path file) throws IOException {
        byte[] bytes = toBytes(snapshot);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) { // else the error would name the temporary file
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "the folder " + dir
                    + " does not exist; create it or save somewhere else");
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        syncDirectory(dir);
    }

    /** The file content, UTF-8. */
    public static byte[] toBytes(Snapshot snapshot) {
        checkConsistent(snapshot);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + snapshot.space().slots().size() * 160);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.setPrettyPrinter(new RowPerLinePrettyPrinter());
            writeSnapshot(g, snapshot);
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise snapshot " + snapshot.meta().name(), e);
        }
        return out.toByteArray();
    }

    private static void checkConsistent(Snapshot s) {
        SnapshotMeta m = s.meta();
        if (m.schemaVersion() != SCHEMA) {
            throw new IllegalArgumentException("this writer writes schema " + SCHEMA + ", the snapshot says "
                    + m.schemaVersion());
        }
        if (!m.task().equals(s.space().taskName()) || !m.profile().equals(s.space().profile())) {
            throw new IllegalArgumentException("snapshot metadata (task " + m.task() + ", profile " + m.profile()
                    + ") does not match its space (task " + s.space().taskName() + ", profile "
                    + s.space().profile() + ")");
        }
    }

    private static void writeSnapshot(JsonGenerator g, Snapshot s) throws IOException {
        CapSpace space = s.space();
        g.writeStartObject();
        g.writeArrayFieldStart(CAP_MAP);
        for (CapMapEntry e : space.capMap()) {
            writeEntry(g, e);
        }
        g.writeEndArray();
        writeMeta(g, s.meta(), space.generation());
        g.writeArrayFieldStart(OBJECTS);
        List<KernelObject> objects = new ArrayList<>(space.objects());
        objects.sort(Comparator.comparingLong(KernelObject::id));
        for (KernelObject o : objects) {
            if (!o.idKnown()) {
                continue; // described in its slot's row: there is no id to share
            }
            g.writeStartObject();
            g.writeNumberField(ID, o.id());
            g.writeStringField(KIND, o.kind().kernelName());
            if (o.label() != null) {
                g.writeNumberField(LABEL, o.label());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart(SLOTS);
        for (Slot sl : space.slots()) {
            g.writeStartObject();
            KernelObject o = space.object(sl.objectId());
            if (o.idKnown()) {
                g.writeNumberField(OBJECT_ID, sl.objectId());
            } else {
                g.writeStringField(KIND, o.kind().kernelName());
                if (o.label() != null) {
                    g.writeNumberField(LABEL, o.label());
                }
            }
            g.writeStringField(RIGHTS, sl.rights().toString());
            g.writeStringField(ROLE, sl.role());
            g.writeNumberField(SELECTOR, sl.selector());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart(THREADS);
        for (ThreadInfo t : space.threads()) {
            g.writeStartObject();
            g.writeNumberField(INDEX, t.index());
            g.writeStringField(NAME, t.name());
            g.writeStringField(STATE, t.state());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeMeta(JsonGenerator g, SnapshotMeta m, long generation) throws IOException {
        g.writeObjectFieldStart(META);
        optional(g, ENDPOINT, m.endpoint());
        g.writeNumberField(GENERATION, generation);
        optional(g, KERNEL, m.kernel());
        g.writeStringField(NAME, m.name());
        g.writeStringField(PROFILE, m.profile());
        g.writeNumberField(SCHEMA_FIELD, m.schemaVersion());
        g.writeStringField(TAKEN_AT, m.takenAt().toString());
        g.writeStringField(TASK, m.task());
        optional(g, TOOL_VERSION, m.toolVersion());
        if (m.torn()) {
            g.writeBooleanField(TORN, true);
        }
        g.writeEndObject();
    }

    private static void writeEntry(JsonGenerator g, CapMapEntry e) throws IOException {
        g.writeStartObject();
        g.writeNumberField(INDEX, e.index());
        g.writeNumberField(RAW_ID, e.rawId());
        g.writeNumberField(REF_COUNT, e.refCount());
        Semantics sem = e.semantics();
        if (!Objects.equals(sem, Semantics.NONE)) {
            g.writeObjectFieldStart(SEMANTICS);
            optional(g, ARGS, sem.args());
            optional(g, LABEL, sem.label());
            if (sem.quota() != null) {
                g.writeNumberField(QUOTA, sem.quota());
            }
            optional(g, RPC_INTERFACE, sem.rpcInterface());
            optional(g, SERVER, sem.server());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    /** Makes the rename itself durable; not every file system lets a directory be opened, so best effort. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // the data itself is already forced; only the rename's durability is at stake
        }
    }
}
