package dev.capscope.core.snapshot;

import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.SnapshotMeta;
import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.target.Target;
import dev.capscope.core.walk.CancellationToken;
import dev.capscope.core.walk.GenerationCache;
import dev.capscope.core.walk.TornWalkException;
import dev.capscope.core.walk.WalkListener;
import dev.capscope.core.walk.Walker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Taking a snapshot of a live task, the one way both front ends do it: walk the task through the
 * {@link Target} port, assemble the metadata (endpoint and kernel as the target reports them, the
 * profile walked under, the tool version, the time), and write the file atomically. The window
 * and {@code capscope snapshot} differ only in the name they give and where they save.
 */
public final class SnapshotCapture {
    /**
     * @param name        the snapshot's name, or null for "TASK at TIME"
     * @param allowTorn   keep a walk that never came out consistent (its last attempt, marked torn)
     * @param toolVersion what wrote it, e.g. "capscope 0.1.0"
     */
    public record Request(String task, LayoutProfile profile, String name, boolean allowTorn, String toolVersion) {
        public Request {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(profile, "profile");
        }
    }

    private final Target target;
    private final GenerationCache walks;
    private final Clock clock;

    /** @param walks remembered walks (a task unchanged since costs one GENERATION), or null */
    public SnapshotCapture(Target target, GenerationCache walks, Clock clock) {
        this.target = Objects.requireNonNull(target, "target");
        this.walks = walks;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Walks the task and returns its snapshot (nothing written).
     *
     * @throws TornWalkException when every attempt was torn and the request does not allow it
     * @throws dev.capscope.core.walk.WalkCancelledException when cancelled before the walk ended
     */
    public Snapshot take(Request request, WalkListener listener, CancellationToken cancel) {
        TargetInfo info = target.info();
        CapSpace space;
        boolean torn = false;
        try {
            space = new Walker(target, walks).walk(request.task(), request.profile(), listener, cancel);
        } catch (TornWalkException e) {
            if (!request.allowTorn()) {
                throw e;
            }
            space = e.lastAttemptAs(request.profile());
            torn = true;
        }
        Instant now = clock.instant();
        String name = request.name() != null ? request.name() : request.task() + " at " + now;
        return new Snapshot(SnapshotMeta.taken(name, now, info.endpoint(), request.task(), info.kernel(),
                request.profile().name(), request.toolVersion(), torn), space);
    }

    /** {@link #take}, then writes the snapshot to {@code file} atomically: a failed walk leaves the file as it was. */
    public Snapshot takeTo(Path file, Request request, WalkListener listener, CancellationToken cancel)
            throws IOException {
        Snapshot snapshot = take(request, listener, cancel);
        SnapshotWriter.write(snapshot, file);
        return snapshot;
    }
}
