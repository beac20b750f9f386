package dev.capscope.app.ui.model;

import java.util.List;

/**
 * A selector row with the groups it sits in (outermost first). Leaves are computed for the whole
 * space, compared across refreshes by key (live marks), filtered, then assembled into a tree.
 */
public record Leaf(Row row, List<GroupRef> path) {
    public Leaf {
        path = List.copyOf(path);
    }

    public Leaf withRow(Row r) {
        return r == row ? this : new Leaf(r, path);
    }

    /** A group on a leaf's path: its row (title gets counts at assembly) and its sort order. */
    public record GroupRef(Row row, long order) {
    }
}
