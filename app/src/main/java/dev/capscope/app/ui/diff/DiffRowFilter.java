package dev.capscope.app.ui.diff;

import dev.capscope.app.ui.model.RowFilter;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.KernelObject;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * The diff window's filter, in the main window's language: a number ({@code 771}, {@code 0x303})
 * matches that selector, kcap or badge (before or after); {@code obj:680} matches every row whose
 * slot holds kernel object 680 on either side; other text matches case-insensitively in status,
 * kind, badge, meaning and the changes ("added", "Ipc_gate", "log_client", "badge").
 */
public final class DiffRowFilter implements Predicate<DiffRow> {
    public static final DiffRowFilter ALL = new DiffRowFilter("");
    private final String text;
    private final Long number;
    private final Long object;

    private DiffRowFilter(String raw) {
        text = raw.trim().toLowerCase(Locale.ROOT);
        object = text.startsWith(RowFilter.OBJECT_PREFIX)
                ? number(text.substring(RowFilter.OBJECT_PREFIX.length()).trim()) : null;
        number = object == null ? number(text) : null;
    }

    public static DiffRowFilter of(String raw) {
        return raw == null || raw.isBlank() ? ALL : new DiffRowFilter(raw);
    }

    public boolean isAll() {
        return text.isEmpty();
    }

    @Override
    public boolean test(DiffRow r) {
        if (text.isEmpty()) return true;
        if (r.isGroup()) return false;
        if (object != null) {
            return r.slot() != null && (id(r.slot().beforeObject()) == object || id(r.slot().afterObject()) == object);
        }
        if (number != null) {
            long n = number;
            if (r.selector() == n || ((long) r.selector() << 12) == n && n != 0) return true;
            return r.entry() != null && (badge(r.entry().before()) == n || badge(r.entry().after()) == n);
        }
        return contains(r.statusLabel()) || contains(r.kind()) || contains(r.badge()) || contains(r.meaning())
                || contains(r.changes());
    }

    /** The kernel object a row's slot holds (after side first), or -1. */
    static long objectOf(DiffRow r) {
        if (r == null || r.slot() == null) return -1;
        long after = id(r.slot().afterObject());
        return after >= 0 ? after : id(r.slot().beforeObject());
    }

    private static long id(KernelObject o) {
        return o == null ? -1 : o.id();
    }

    private static long badge(CapMapEntry e) {
        return e == null || !e.hasBadge() ? -1 : e.rawId();
    }

    private boolean contains(String s) {
        return s != null && !s.isEmpty() && s.toLowerCase(Locale.ROOT).contains(text);
    }

    private static Long number(String t) {
        try {
            if (t.startsWith("0x") && t.length() > 2) return Long.parseLong(t.substring(2), 16);
            if (!t.isEmpty() && t.length() < 12 && t.chars().allMatch(Character::isDigit)) return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }
}
