package dev.capscope.core.timeline;

import dev.capscope.core.model.CapSpace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Appends records to a new recording file. Each record goes to the operating system whole, in one
 * write, as soon as it is known, so a crash of the recorder loses at most the record being written;
 * {@link #close()} forces the file to disk. Keeps each task's last space to write deltas against.
 */
public final class RecordingWriter implements AutoCloseable {
    private final FileChannel channel;
    private final Map<String, CapSpace> last = new HashMap<>();
    private long bytes;
    private int changes;

    private RecordingWriter(FileChannel channel) {
        this.channel = channel;
    }

    /** Creates FILE (which must not exist yet) and writes the header. */
    public static RecordingWriter create(Path file, TimelineRecord.Header header) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(file.toString(), null,
                    "a recording is never overwritten; choose a new file name");
        }
        RecordingWriter w = new RecordingWriter(ch);
        w.append(header);
        return w;
    }

    /**
     * Records a task's space: in full the first time, else the delta from the last one recorded. A
     * moved generation is a moment even when the space reads the same (e.g. a session opened and
     * closed between two looks), so it is written either way.
     */
    public synchronized TimelineRecord.Change record(String task, CapSpace space, Instant time) throws IOException {
        CapSpace before = last.get(task);
        TimelineRecord.Change c = new TimelineRecord.Change(before == null, task, time,
                SpaceDelta.between(before, space));
        append(c);
        last.put(task, space);
        changes++;
        return c;
    }

    public synchronized void gone(String task, Instant time) throws IOException {
        last.remove(task);
        append(new TimelineRecord.Gone(task, time));
    }

    /** The last space recorded for a task, or null. */
    public synchronized CapSpace lastSpace(String task) {
        return last.get(task);
    }

    public synchronized long bytes() {
        return bytes;
    }

    /** Full and delta records written. */
    public synchronized int changes() {
        return changes;
    }

    private void append(TimelineRecord r) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(RecordingFile.frame(RecordCodec.encode(r)));
        while (buf.hasRemaining()) {
            bytes += channel.write(buf);
        }
    }

    /** Writes the end record and forces the file to disk. */
    public synchronized void finish(Instant time) throws IOException {
        append(new TimelineRecord.End(time));
        channel.force(true);
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
