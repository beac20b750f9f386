package dev.capscope.app.ui.model;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * The filter field's language: a number ({@code 515}, {@code 0x203}) matches that selector, kcap
 * or badge; {@code obj:680} matches every selector holding kernel object 680; any other text
 * matches case-insensitively in role, kind, badge, interface, label, server, status and lint
 * findings ("LOG", "Ipc_gate", "log_client", "leak").
 */
public final class RowFilter implements Predicate<Row> {
    public static final RowFilter ALL = new RowFilter("");

    /** Prefix of "the holders of this kernel object" ({@code obj:680}). */
    public static final String OBJECT_PREFIX = "obj:";
    private final String text;
    private final Long number;
    private final Long object;

    private RowFilter(String raw) {
        this.text = raw.trim().toLowerCase(Locale.ROOT);
        this.object = text.startsWith(OBJECT_PREFIX) ? parseNumber(text.substring(OBJECT_PREFIX.length()).trim()) : null;
        this.number = object == null ? parseNumber(text) : null;
    }

    public static RowFilter of(String raw) {
        return raw == null || raw.isBlank() ? ALL : new RowFilter(raw);
    }

    public boolean isAll() {
        return text.isEmpty();
    }

    private static Long parseNumber(String t) {
        try {
            if (t.startsWith("0x") && t.length() > 2) {
                return Long.parseLong(t.substring(2), 16);
            }
            if (!t.isEmpty() && t.chars().allMatch(Character::isDigit) && t.length() < 12) {
                return Long.parseLong(t);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    @Override
    public boolean test(Row r) {
        if (text.isEmpty()) {
            return true;
        }
        if (object != null) {
            return r.objectId() == object;
        }
        if (number != null) {
            long n = number;
            if (r.selector() == n || ((long) r.selector() << 12) == n && n != 0) {
                return true;
            }
            return !r.badge().isEmpty() && r.badge().equals(Long.toString(n));
        }
        return contains(r.role()) || contains(r.objectKind()) || contains(r.badge()) || contains(r.meaning())
                || contains(r.status().label()) || r.lint().stream().anyMatch(this::contains);
    }

    private boolean contains(String s) {
        return s != null && !s.isEmpty() && s.toLowerCase(Locale.ROOT).contains(text);
    }
}
