package dev.capscope.app.ui.model;

import java.util.List;

/** A row with its children: the desired shape of the tree, handed to the view to reconcile. */
public record RowNode(Row row, List<RowNode> children) {
    public RowNode {
        children = List.copyOf(children);
    }

    /** Selector rows below this node (recursively). */
    public int leafCount() {
        if (children.isEmpty()) {
            return row.isSelector() ? 1 : 0;
        }
        int n = 0;
        for (RowNode c : children) {
            n += c.leafCount();
        }
        return n;
    }
}
