package dev.capscope.core.timeline;

import java.time.Instant;

/**
 * One moment of a recording: a task at a new generation.
 *
 * @param index      position among the recording's moments, from 0
 * @param full       the task's first record (a whole walk) rather than a delta
 * @param summary    one line: what changed
 */
public record Moment(int index, Instant time, String task, long generation, boolean full, String summary,
                     SpaceDelta delta) {
}
