package dev.capscope.core.timeline;

import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.SnapshotMeta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A recording read back: the header, every moment up to the last complete record, and whether the
 * file ended cleanly or was cut (where, and why). Any moment can be rebuilt as a space or snapshot.
 */
public final class Recording {
    /** Files larger than this are refused before reading (a recording of 10,000 changes is ~3 MB). */
    public static final long MAX_BYTES = 1L << 30;

    private final String source;
    private final TimelineRecord.Header header;
    private final List<Moment> moments;
    private final boolean complete;
    private final String damage;
    private final long validBytes;

    private Recording(String source, TimelineRecord.Header header, List<Moment> moments,
                      boolean complete, String damage, long validBytes) {
        this.source = source;
        this.header = header;
        this.moments = List.copyOf(moments);
        this.complete = complete;
        this.damage = damage;
        this.validBytes = validBytes;
    }

    /** @throws RecordFormatException when the file is no recording at all (no valid header line) */
    public static Recording read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new RecordFormatException(file + " is " + size + " bytes, more than a recording may have ("
                    + MAX_BYTES + "); split the recording");
        }
        return parse(file.toString(), Files.readAllBytes(file));
    }

    public static Recording parse(String source, byte[] bytes) {
        TimelineRecord.Header header = null;
        List<Moment> moments = new ArrayList<>();
        boolean ended = false;
        String damage = null;
        int pos = 0;
        int line = 0;
        while (pos < bytes.length && damage == null) {
            line++;
            int nl = pos;
            while (nl < bytes.length && bytes[nl] != '\n') {
                nl++;
            }
            if (nl == bytes.length) {
                damage = "line " + line + " (byte " + pos + ") is cut short";
                break;
            }
            String json = RecordingFile.unframe(bytes, pos, nl);
            TimelineRecord r = null;
            if (json == null) {
                damage = "line " + line + " (byte " + pos + ") has a wrong checksum";
            } else {
                try {
                    r = RecordCodec.decode(json);
                } catch (NewerRecordingException e) {
                    if (header == null) { // the file is fine, this Capscope is too old for it
                        throw new NewerRecordingException(source, e);
                    }
                    damage = "line " + line + " (byte " + pos + "): " + e.getMessage();
                } catch (RecordFormatException e) {
                    damage = "line " + line + " (byte " + pos + "): " + e.getMessage();
                }
            }
            if (r != null) {
                if (header == null && !(r instanceof TimelineRecord.Header)) {
                    damage = "line 1 is not a recording header";
                } else if (ended) {
                    damage = "line " + line + " (byte " + pos + ") follows the end record";
                } else {
                    if (r instanceof TimelineRecord.Header h) {
                        if (header != null) {
                            damage = "line " + line + " (byte " + pos + ") is a second header";
                        }
                        header = h;
                    } else if (r instanceof TimelineRecord.Change c) {
                        moments.add(new Moment(moments.size(), c.time(), c.task(), c.delta().generation(), c.full(),
                                c.delta().summary(), c.delta()));
                    } else if (r instanceof TimelineRecord.Gone g) {
                        moments.add(new Moment(moments.size(), g.time(), g.task(), -1, false, "task gone", null));
                    } else {
                        ended = true;
                    }
                }
            }
            if (damage == null) {
                pos = nl + 1;
            }
        }
        if (header == null) {
            throw new RecordFormatException(source + " is not a Capscope recording: "
                    + (damage != null ? damage : "it is empty") + " (record one with 'capscope record')");
        }
        return new Recording(source, header, moments, ended && damage == null, damage, pos);
    }

    public String source() { return source; }
    public TimelineRecord.Header header() { return header; }
    public List<Moment> moments() { return moments; }

    /** The recorder finished cleanly (an end record, nothing damaged). */
    public boolean complete() { return complete; }

    /** Why reading stopped before the end of the file, or null. */
    public String damage() { return damage; }

    /** Bytes read as complete records. */
    public long validBytes() { return validBytes; }

    /** Tasks in the order they first appear. */
    public Set<String> tasks() {
        Set<String> out = new LinkedHashSet<>();
        moments.forEach(m -> out.add(m.task()));
        return out;
    }

    /** The space of a task at the moment with this index (a moment of that task). */
    public CapSpace spaceAt(int momentIndex) {
        Moment target = moments.get(momentIndex);
        if (target.delta() == null) {
            throw new IllegalArgumentException("task '" + target.task() + "' is gone at moment " + momentIndex);
        }
        SpaceState state = new SpaceState(target.task());
        for (int i = lastFull(target.task(), momentIndex); i <= momentIndex; i++) {
            Moment m = moments.get(i);
            if (m.task().equals(target.task())) {
                state.apply(m.delta());
            }
        }
        return state.toSpace();
    }

    private int lastFull(String task, int upTo) {
        for (int i = upTo; i >= 0; i--) {
            Moment m = moments.get(i);
            if (m.task().equals(task) && m.full()) {
                return i;
            }
        }
        throw new IllegalArgumentException("the recording holds no full walk of task '" + task + "' before moment " + upTo);
    }

    /** The moment at which a task reached a generation. */
    public Moment atGeneration(String task, long generation) {
        Moment before = null;
        Moment after = null;
        for (Moment m : moments) {
            if (!m.task().equals(task) || m.delta() == null) {
                continue;
            }
            if (m.generation() == generation) {
                return m;
            }
            if (m.generation() < generation) {
                before = m;
            } else if (after == null) {
                after = m;
            }
        }
        throw new IllegalArgumentException("task '" + task + "' was not recorded at generation " + generation
                + " (nearest recorded: " + (before == null ? "none" : before.generation()) + " before, "
                + (after == null ? "none" : after.generation()) + " after)");
    }

    /** The last moment of a task at or before a time (the space it had then). */
    public Moment atTime(String task, Instant time) {
        Moment found = null;
        for (Moment m : moments) {
            if (m.task().equals(task) && !m.time().isAfter(time)) {
                found = m;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("task '" + task + "' has no record at or before " + time
                    + " (the recording starts at " + header.startedAt() + ")");
        }
        if (found.delta() == null) {
            throw new IllegalArgumentException("task '" + task + "' was gone at " + time);
        }
        return found;
    }

    /** A moment as an ordinary snapshot (so show, diff, lint and restore work on it). */
    public Snapshot snapshot(Moment m, String toolVersion) {
        CapSpace space = spaceAt(m.index());
        String profile = Objects.requireNonNullElse(space.profile(), Objects.requireNonNullElse(header.profile(), "unknown"));
        return new Snapshot(new SnapshotMeta(SnapshotMeta.CURRENT_SCHEMA, m.task() + " at generation " + m.generation()
                + " (from " + Path.of(source).getFileName() + ")", m.time(), header.endpoint(), m.task(),
                header.kernel(), profile, toolVersion), space);
    }
}
