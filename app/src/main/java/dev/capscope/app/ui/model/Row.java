package dev.capscope.app.ui.model;

import dev.capscope.core.profile.Area;

import java.util.List;

/**
 * One row of the cap-space tree: immutable, keyed. Selector rows are keyed by selector
 * ({@code "s:515"}), groups by what they group ({@code "area:COMPONENT"}, {@code "thread:0"},
 * {@code "grp:LOG"}); the tree update reuses rows by key and only touches what changed.
 *
 * @param selector -1 for group rows
 * @param title    group title, e.g. "thread slots (4 threads)"; for selector rows the hex selector
 * @param lint     lint findings concerning this selector (empty for none)
 * @param empty    true for an empty slot shown on demand
 * @param anomaly  true for a valid cap where none may be (selector 0, beyond the allocator) or a lint finding
 * @param objectId the kernel object the slot names, -1 for none (groups, empty slots, dangling entries)
 */
public record Row(String key, RowKind kind, Area area, int selector, String title, String role, String objectKind,
                  long objectId, String badge, String refs, String rights, String meaning, RowStatus status,
                  List<String> lint, boolean empty, boolean anomaly) {

    public Row {
        lint = List.copyOf(lint);
    }

    /** Identity first, then the fields that differ most often; strings last (rows are compared per refresh). */
    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Row r)) return false;
        return selector == r.selector && status == r.status && empty == r.empty && anomaly == r.anomaly
                && objectId == r.objectId
                && kind == r.kind && area == r.area && badge.equals(r.badge) && refs.equals(r.refs)
                && rights.equals(r.rights) && objectKind.equals(r.objectKind) && key.equals(r.key)
                && title.equals(r.title) && role.equals(r.role) && meaning.equals(r.meaning) && lint.equals(r.lint);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + status.hashCode();
    }

    public static Row group(String key, RowKind kind, Area area, String title, String meaning) {
        return new Row(key, kind, area, -1, title, "", "", -1, "", "", "", meaning, RowStatus.NORMAL, List.of(), false,
                false);
    }

    public static String selectorKey(int selector) {
        return "s:" + selector;
    }

    public boolean isSelector() {
        return kind == RowKind.SELECTOR;
    }

    public Row withStatus(RowStatus s) {
        return s == status ? this : new Row(key, kind, area, selector, title, role, objectKind, objectId, badge, refs,
                rights, meaning, s, lint, empty, anomaly);
    }

    public Row withTitle(String t) {
        return t.equals(title) ? this : new Row(key, kind, area, selector, t, role, objectKind, objectId, badge, refs,
                rights, meaning, status, lint, empty, anomaly);
    }

    /** Decimal selector column ("" for groups). */
    public String selectorDecimal() {
        return selector < 0 ? "" : Integer.toString(selector);
    }

    /** kcap column: selector << 12 in hex ("" for groups). */
    public String kcap() {
        return selector < 0 ? "" : "0x" + Long.toHexString(((long) selector) << 12);
    }
}
