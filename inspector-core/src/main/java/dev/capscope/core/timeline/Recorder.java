package dev.capscope.core.timeline;

import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.TaskInfo;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.target.Target;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.walk.GenerationCache;
import dev.capscope.core.walk.TornWalkException;
import dev.capscope.core.walk.Walker;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Records tasks of a live target: a full walk of each first, then, whenever a task's generation
 * moved, a walk and its delta. Generations are polled (one TASKS request answers them all for
 * {@code --all}; one GENERATION request per named task otherwise). A walk that stays torn is tried
 * again at the next poll. Runs on the caller's thread until the duration is over or {@link #stop()}.
 */
public final class Recorder {
    /** Told of every record as soon as it is in the file (on the recording thread). */
    public interface Listener {
        void recorded(TimelineRecord.Change change);

        default void gone(String task) {
        }
    }

    private final Target target;
    private final LayoutProfile profile;
    private final List<String> tasks;
    private final RecordingWriter writer;
    private final Listener listener;
    private final Duration poll;
    private final Clock clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Walker walker;
    private final Map<String, Long> recorded = new HashMap<>();

    /** @param tasks the tasks to follow; null follows every task the target lists, as they come and go */
    public Recorder(Target target, LayoutProfile profile, List<String> tasks, RecordingWriter writer,
                    Listener listener, Duration poll, Clock clock) {
        this.target = Objects.requireNonNull(target, "target");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.tasks = tasks == null ? null : List.copyOf(tasks);
        this.writer = Objects.requireNonNull(writer, "writer");
        this.listener = listener == null ? c -> { } : listener;
        this.poll = Objects.requireNonNull(poll, "poll");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.walker = new Walker(target, new GenerationCache());
    }

    /** Records until {@code duration} has passed (null: until {@link #stop()}), then writes the end record. */
    public void run(Duration duration) throws IOException {
        Instant deadline = duration == null ? null : clock.instant().plus(duration);
        try {
            while (true) {
                pollOnce();
                long waitNanos = poll.toNanos();
                if (deadline != null) {
                    long left = Duration.between(clock.instant(), deadline).toNanos();
                    if (left <= 0) {
                        break;
                    }
                    waitNanos = Math.min(waitNanos, left);
                }
                if (stopped.await(waitNanos, TimeUnit.NANOSECONDS)) {
                    pollOnce(); // what changed before the stop still belongs to the recording
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.finish(clock.instant());
    }

    /** Ends {@link #run} after one last look at the target; safe from any thread. */
    public void stop() {
        stopped.countDown();
    }

    private void pollOnce() throws IOException {
        Map<String, Long> now = generations();
        for (Map.Entry<String, Long> e : now.entrySet()) {
            Long last = recorded.get(e.getKey());
            if (last == null || last.longValue() != e.getValue()) {
                walkAndRecord(e.getKey());
            }
        }
        for (String task : new ArrayList<>(recorded.keySet())) {
            if (!now.containsKey(task)) {
                recorded.remove(task);
                writer.gone(task, clock.instant());
                listener.gone(task);
            }
        }
    }

    private Map<String, Long> generations() {
        Map<String, Long> out = new LinkedHashMap<>();
        if (tasks == null) {
            for (TaskInfo t : target.info().tasks()) {
                out.put(t.name(), t.generation());
            }
            return out;
        }
        for (String task : tasks) {
            try {
                out.put(task, target.generation(task));
            } catch (TargetException e) {
                boolean listed = target.info().tasks().stream().anyMatch(t -> t.name().equals(task));
                if (e.code() != TargetException.Code.REJECTED || listed) {
                    throw e;
                }
                // not listed any more: the task is gone
            }
        }
        return out;
    }

    private void walkAndRecord(String task) throws IOException {
        CapSpace space;
        try {
            space = walker.walk(task, profile);
        } catch (TornWalkException e) {
            return; // kept changing during every attempt: the next poll tries again
        }
        Long last = recorded.get(task);
        if (last != null && last == space.generation()) {
            return;
        }
        TimelineRecord.Change c = writer.record(task, space, clock.instant());
        recorded.put(task, space.generation());
        listener.recorded(c);
    }
}
