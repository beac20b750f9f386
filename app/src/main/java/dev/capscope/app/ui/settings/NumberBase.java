package dev.capscope.app.ui.settings;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the window writes selectors, badges, gate labels, ids and profile constants: hex
 * ({@code 0x40}), decimal ({@code 64}) or both ({@code 0x40 (64)}). One setting for every view.
 * kcaps stay hex: they are addresses (selector << 12).
 */
public enum NumberBase {
    HEX("hex"),
    DEC("decimal"),
    BOTH("hex and decimal");

    /** A decimal number standing alone (not part of "0x303", "v1", "3.5" or a word). */
    private static final Pattern DECIMAL = Pattern.compile("(?<![\\w.])\\d+(?![\\w.])");

    private final String title;

    NumberBase(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public String format(long n) {
        return switch (this) {
            case HEX -> "0x" + Long.toHexString(n);
            case DEC -> Long.toString(n);
            case BOTH -> "0x" + Long.toHexString(n) + " (" + n + ")";
        };
    }

    /** Rewrites every decimal number standing alone in a text ("12 → 14", "60") in this base. */
    public String formatNumbersIn(String text) {
        if (this == DEC || text == null || text.isEmpty()) {
            return text;
        }
        Matcher m = DECIMAL.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String digits = m.group();
            String repl = digits.length() > 18 ? digits : format(Long.parseLong(digits));
            m.appendReplacement(b, Matcher.quoteReplacement(repl));
        }
        m.appendTail(b);
        return b.toString();
    }

    @Override
    public String toString() {
        return title;
    }
}
