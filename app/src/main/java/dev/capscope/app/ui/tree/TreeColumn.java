package dev.capscope.app.ui.tree;

import dev.capscope.app.ui.model.Row;
import dev.capscope.app.ui.settings.NumberBase;

import java.util.Comparator;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The cap-space tree's columns in display order (what a narrow window must still show first), with what each shows (in the window's number
 * base) and how it sorts. Copy, export and the column chooser use the same texts as the cells.
 * Minimum widths leave room for the header and its sort arrow, so no header is cut.
 */
public enum TreeColumn {
    SELECTOR("colSelector", "Selector", 190, 150, (r, n) -> r.isSelector() ? n.format(r.selector()) : r.title(),
            Comparator.comparingInt(Row::selector)),
    ROLE("colRole", "Role", 170, 76, (r, n) -> r.role(), text(Row::role)),
    KIND("colKind", "Kind", 100, 82, (r, n) -> r.objectKind(), text(Row::objectKind)),
    BADGE("colBadge", "Badge", 112, 102, (r, n) -> n.formatNumbersIn(r.badge()), Comparator.comparingLong(TreeColumn::badgeOrder)),
    MEANING("colMeaning", "Meaning", 380, 110, (r, n) -> r.meaning(), text(Row::meaning)),
    REFS("colRefs", "Refs", 50, 50, (r, n) -> r.refs(), Comparator.comparingInt(r -> number(r.refs()))),
    RIGHTS("colRights", "Rights", 60, 60, (r, n) -> r.rights(), text(Row::rights)),
    STATUS("colStatus", "Status", 72, 66, (r, n) -> r.status().label(), text(r -> r.status().label())),
    KCAP("colKcap", "kcap", 84, 60, (r, n) -> r.kcap(), Comparator.comparingInt(Row::selector)),
    DECIMAL("colDecimal", "Dec", 56, 50, (r, n) -> r.selectorDecimal(), Comparator.comparingInt(Row::selector));

    private final String id;
    private final String title;
    private final double width;
    private final double minWidth;
    private final BiFunction<Row, NumberBase, String> text;
    private final Comparator<Row> order;

    TreeColumn(String id, String title, double width, double minWidth, BiFunction<Row, NumberBase, String> text,
               Comparator<Row> order) {
        this.id = id;
        this.title = title;
        this.width = width;
        this.minWidth = minWidth;
        this.text = text;
        this.order = order;
    }

    public String id() { return id; }
    public String title() { return title; }
    public double width() { return width; }
    public double minWidth() { return minWidth; }

    /** The cell's text for a row. */
    public String text(Row r, NumberBase n) {
        return r == null ? "" : text.apply(r, n);
    }

    /**
     * Sort order of rows under one parent. Groups keep their own order among themselves (the sort
     * is stable) and come before selector rows.
     */
    public Comparator<Row> order() {
        return (a, b) -> {
            if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
            boolean ga = !a.isSelector();
            boolean gb = !b.isSelector();
            if (ga || gb) return ga == gb ? 0 : ga ? -1 : 1;
            return order.compare(a, b);
        };
    }

    public static TreeColumn byId(String id) {
        for (TreeColumn c : values()) {
            if (c.id.equals(id)) return c;
        }
        return null;
    }

    private static Comparator<Row> text(Function<Row, String> f) {
        return Comparator.comparing(r -> f.apply(r).toLowerCase(Locale.ROOT));
    }

    /** Badges by number; "none" and no badge after every number. */
    private static long badgeOrder(Row r) {
        int n = number(r.badge());
        return n >= 0 ? n : Long.MAX_VALUE - (r.badge().isEmpty() ? 0 : 1);
    }

    private static int number(String s) {
        try {
            return s.isEmpty() ? -1 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
