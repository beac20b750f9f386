package dev.capscope.core.text;

/**
 * The one escaping rule for text that came from a snapshot file or a target and is shown to a
 * person: control characters (C0, DEL, C1, so ESC/CSI/OSC sequences, CR and LF), bidi overrides,
 * zero-width and other invisible format characters, and line/paragraph separators are written
 * visibly as {@code \x1b} or {@code \u202e}. A name can then neither move the cursor, retitle the
 * window, overwrite a line nor forge a row; everything else (accents, CJK, emoji) stays as it is.
 */
public final class TerminalText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TerminalText() {
    }

    /** True for a code point that must not reach a terminal raw. */
    public static boolean unsafe(int cp) {
        if (cp < 0x20 || cp >= 0x7f && cp <= 0x9f) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.CONTROL || type == Character.SURROGATE;
    }

    /** {@code s} on one line with every unsafe character escaped; null stays null. */
    public static String escape(String s) {
        return s == null || clean(s, false) ? s : escape(s, false);
    }

    /**
     * Text that is already laid out in lines (a report, an error sentence list): unsafe characters
     * escaped except the line feeds that separate its lines.
     */
    public static String escapeKeepingLines(String s) {
        return s == null || clean(s, true) ? s : escape(s, true);
    }

    /**
     * A JSON document with every unsafe character inside its strings written as a JSON
     * {@code \\uXXXX} escape: the same JSON value, still valid, and harmless on a terminal. Line
     * feeds outside strings (indentation) stay; JSON writers already escape control characters
     * inside strings, so the ones left raw here can only be formatting.
     */
    public static String json(String json) {
        if (clean(json, true)) {
            return json;
        }
        StringBuilder b = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t' || !unsafeChar(json, i)) {
                b.append(c);
            } else {
                b.append("\\u").append(HEX[c >> 12 & 15]).append(HEX[c >> 8 & 15]).append(HEX[c >> 4 & 15])
                        .append(HEX[c & 15]);
            }
        }
        return b.toString();
    }

    private static boolean clean(String s, boolean keepLines) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                continue;
            }
            if (keepLines && c == '\n') {
                continue;
            }
            if (unsafeChar(s, i)) {
                return false;
            }
        }
        return true;
    }

    /** Whole surrogate pairs are judged by their code point; a lone surrogate is unsafe. */
    private static boolean unsafeChar(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            return unsafe(Character.toCodePoint(c, s.charAt(i + 1)));
        }
        if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1))) {
            return unsafe(Character.toCodePoint(s.charAt(i - 1), c));
        }
        return unsafe(c);
    }

    private static String escape(String s, boolean keepLines) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (keepLines && cp == '\n' || !unsafe(cp)) {
                b.appendCodePoint(cp);
            } else if (cp <= 0xff) {
                b.append("\\x").append(HEX[cp >> 4]).append(HEX[cp & 15]);
            } else if (cp <= 0xffff) {
                b.append("\\u").append(HEX[cp >> 12 & 15]).append(HEX[cp >> 8 & 15]).append(HEX[cp >> 4 & 15])
                        .append(HEX[cp & 15]);
            } else {
                b.append("\\U").append(String.format("%08x", cp));
            }
        }
        return b.toString();
    }
}
