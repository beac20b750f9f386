package dev.capscope.app.ui.testing;

import dev.capscope.app.ui.task.UiTimer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link UiTimer} driven by the test: {@link #advance} moves time and runs the ticks that fell due. */
public final class ManualTimer implements UiTimer {
    private final class Job implements Handle {
        final long period;
        final Runnable tick;
        long next;
        boolean cancelled;

        Job(long period, Runnable tick) {
            this.period = period;
            this.tick = tick;
            this.next = now + period;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final List<Job> jobs = new ArrayList<>();
    private long now = 1_000_000;

    @Override
    public synchronized Handle every(Duration period, Runnable tick) {
        Job j = new Job(period.toMillis(), tick);
        jobs.add(j);
        return j;
    }

    @Override
    public synchronized long nowMillis() {
        return now;
    }

    /** Moves the clock forward and runs every tick that falls due (call it on the UI thread in UI tests). */
    public void advance(long millis) {
        long end;
        synchronized (this) {
            end = now + millis;
        }
        while (true) {
            Job due = null;
            synchronized (this) {
                jobs.removeIf(j -> j.cancelled);
                for (Job j : jobs) {
                    if (j.next <= end && (due == null || j.next < due.next)) due = j;
                }
                if (due == null) {
                    now = end;
                    return;
                }
                now = Math.max(now, due.next);
                due.next += due.period;
            }
            due.tick.run();
        }
    }
}
