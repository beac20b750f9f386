package dev.capscope.core.diff;

/** How many rows of a group (a kind, an area, all slots) have each status. */
public record StatusCounts(int added, int removed, int changed, int rebound, int unchanged) {
    public static final StatusCounts ZERO = new StatusCounts(0, 0, 0, 0, 0);

    static StatusCounts of(int[] byStatusOrdinal) {
        return new StatusCounts(byStatusOrdinal[DiffStatus.ADDED.ordinal()],
                byStatusOrdinal[DiffStatus.REMOVED.ordinal()], byStatusOrdinal[DiffStatus.CHANGED.ordinal()],
                byStatusOrdinal[DiffStatus.REBOUND.ordinal()], byStatusOrdinal[DiffStatus.UNCHANGED.ordinal()]);
    }

    public int get(DiffStatus status) {
        return switch (status) {
            case ADDED -> added;
            case REMOVED -> removed;
            case CHANGED -> changed;
            case REBOUND -> rebound;
            case UNCHANGED -> unchanged;
        };
    }

    public int total() {
        return added + removed + changed + rebound + unchanged;
    }

    /** Rows that are differences under the given match key. */
    public int differences(MatchKey key) {
        return added + removed + changed + (key.identitySensitive() ? rebound : 0);
    }

    @Override
    public String toString() {
        return "+" + added + " -" + removed + " ~" + changed + " rebound " + rebound + " =" + unchanged;
    }
}
