package dev.capscope.bridge.driver;

/**
 * Counters of one connection: {@code writes} is how often the client sent requests and then waited
 * for the target (a round trip each), {@code frames} the requests sent, {@code answers} the answers
 * read, {@code discarded} the announced answers nobody asked for in the end.
 */
public record WireStats(long writes, long frames, long answers, long discarded) {
    /** What happened between {@code earlier} and this. */
    public WireStats since(WireStats earlier) {
        return new WireStats(writes - earlier.writes, frames - earlier.frames, answers - earlier.answers,
                discarded - earlier.discarded);
    }
}
