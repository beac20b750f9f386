package dev.capscope.app.ui.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * System Informer's handle-list rule for the live view: rows are keyed by selector; after a
 * refresh, new rows are marked {@link RowStatus#NEW} and changed ones {@link RowStatus#CHANGED}
 * for {@code flashMillis}; removed rows stay as greyed {@link RowStatus#REMOVED} ghosts for
 * {@code lingerMillis}, then go. The first load of a source marks nothing.
 *
 * <p>Thread-safe (every method locks the instance): a fresh walk is marked on the background
 * worker in a {@link #copy()} that the UI thread then adopts, while the UI thread's timer expires
 * marks of the copy on screen.
 */
public final class LiveMarks {
    public static final long DEFAULT_FLASH_MILLIS = 4000;
    public static final long DEFAULT_LINGER_MILLIS = 4000;

    private record Mark(RowStatus status, long until) {
    }

    private record Ghost(Leaf leaf, long until) {
    }

    private final long flashMillis;
    private final long lingerMillis;
    private Map<String, Row> previous;
    private final Map<String, Mark> marks = new HashMap<>();
    private final Map<String, Ghost> ghosts = new LinkedHashMap<>();

    public LiveMarks(long flashMillis, long lingerMillis) {
        this.flashMillis = flashMillis;
        this.lingerMillis = lingerMillis;
    }

    public LiveMarks() {
        this(DEFAULT_FLASH_MILLIS, DEFAULT_LINGER_MILLIS);
    }

    /**
     * A copy to mark the next walk in without touching this one (the maps of the last walk are
     * never modified after an update, so they are shared; marks and ghosts are copied).
     */
    public synchronized LiveMarks copy() {
        LiveMarks c = new LiveMarks(flashMillis, lingerMillis);
        c.previous = previous;
        c.lastLeaves = lastLeaves;
        c.marks.putAll(marks);
        c.ghosts.putAll(ghosts);
        return c;
    }

    /** An empty instance with the same timings (the first load of a source). */
    public LiveMarks fresh() {
        return new LiveMarks(flashMillis, lingerMillis);
    }

    /** Forget everything: the next {@link #update} is a first load. */
    public synchronized void reset() {
        previous = null;
        marks.clear();
        ghosts.clear();
    }

    /** Records a freshly walked space's leaves and marks what differs from the previous walk. */
    public synchronized void update(List<Leaf> fresh, long now) {
        Map<String, Row> current = new HashMap<>(fresh.size() * 2);
        for (Leaf l : fresh) {
            if (!l.row().empty()) {
                current.put(l.row().key(), l.row());
            }
        }
        if (previous != null) {
            for (Leaf l : fresh) {
                Row r = l.row();
                if (r.empty()) {
                    continue;
                }
                Row before = previous.get(r.key());
                if (before == null) {
                    marks.put(r.key(), new Mark(RowStatus.NEW, now + flashMillis));
                    ghosts.remove(r.key());
                } else if (!before.equals(r)) {
                    marks.put(r.key(), new Mark(RowStatus.CHANGED, now + flashMillis));
                }
            }
            for (Map.Entry<String, Row> e : previous.entrySet()) {
                if (!current.containsKey(e.getKey())) {
                    Leaf gone = lastLeaves.get(e.getKey());
                    if (gone != null) {
                        ghosts.put(e.getKey(), new Ghost(gone.withRow(gone.row().withStatus(RowStatus.REMOVED)),
                                now + lingerMillis));
                    }
                    marks.remove(e.getKey());
                }
            }
        }
        previous = current;
        lastLeaves = new HashMap<>(fresh.size() * 2);
        for (Leaf l : fresh) {
            lastLeaves.put(l.row().key(), l);
        }
    }

    private Map<String, Leaf> lastLeaves = Map.of();

    /** The leaves with their live status, plus the ghosts of removed rows that still linger. */
    public synchronized List<Leaf> decorate(List<Leaf> fresh) {
        if (marks.isEmpty() && ghosts.isEmpty()) {
            return fresh;
        }
        List<Leaf> out = new ArrayList<>(fresh.size() + ghosts.size());
        for (Leaf l : fresh) {
            Mark m = marks.get(l.row().key());
            out.add(m == null ? l : l.withRow(l.row().withStatus(m.status())));
        }
        for (Ghost g : ghosts.values()) {
            if (!lastLeaves.containsKey(g.leaf().row().key()) || lastLeaves.get(g.leaf().row().key()).row().empty()) {
                out.add(g.leaf());
            }
        }
        return out;
    }

    /** Drops marks and ghosts whose time is up; true when anything changed (the tree needs a rebuild). */
    public synchronized boolean expire(long now) {
        boolean changed = marks.values().removeIf(m -> m.until() <= now);
        for (Iterator<Ghost> it = ghosts.values().iterator(); it.hasNext(); ) {
            if (it.next().until() <= now) {
                it.remove();
                changed = true;
            }
        }
        return changed;
    }

    public synchronized boolean isEmpty() {
        return marks.isEmpty() && ghosts.isEmpty();
    }

    /** Live status of a key right now (NORMAL when unmarked). */
    public synchronized RowStatus statusOf(String key) {
        if (ghosts.containsKey(key)) {
            return RowStatus.REMOVED;
        }
        Mark m = marks.get(key);
        return m == null ? RowStatus.NORMAL : m.status();
    }
}
