package dev.capscope.bridge.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The integer constants a C header defines: {@code #define NAME expr} and enum entries, with
 * expressions of literals, earlier names, parentheses and + - * / << >> | &amp; evaluated.
 * Anything else (strings, casts, function-like macros) is left out. Enough for the protocol
 * headers, which are written to be read this way.
 */
final class CHeader {
    private static final Pattern DEFINE = Pattern.compile("(?m)^\\s*#\\s*define\\s+([A-Za-z_]\\w*)[ \\t]+(.+)$");
    private static final Pattern ENUM = Pattern.compile("enum\\s*\\w*\\s*\\{([^}]*)}");
    private static final Pattern TOKEN = Pattern.compile("\\s*(0[xX][0-9a-fA-F]+|\\d+)[uUlL]*|\\s*([A-Za-z_]\\w*)|\\s*(<<|>>|[-+*/|&()~])");

    private final Map<String, Long> values = new LinkedHashMap<>();

    /** Reads the headers in order; a later one may use the names of an earlier one. */
    static CHeader read(Path... headers) throws IOException {
        CHeader h = new CHeader();
        for (Path p : headers) {
            h.add(Files.readString(p).replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", ""));
        }
        return h;
    }

    Map<String, Long> values() {
        return values;
    }

    private void add(String text) {
        // Defines and enums in the order they appear, so that names resolve as the compiler sees them.
        Matcher d = DEFINE.matcher(text);
        Matcher e = ENUM.matcher(text);
        int at = 0;
        boolean moreD = d.find(at), moreE = e.find(at);
        while (moreD || moreE) {
            if (moreD && (!moreE || d.start() < e.start())) {
                put(d.group(1), d.group(2).trim());
                moreD = d.find();
            } else {
                long next = 0;
                for (String entry : e.group(1).split(",")) {
                    String[] kv = entry.split("=", 2);
                    String name = kv[0].trim();
                    if (name.isEmpty()) {
                        continue;
                    }
                    Long v = kv.length == 2 ? eval(kv[1].trim()) : Long.valueOf(next);
                    if (v != null) {
                        values.put(name, v);
                        next = v + 1;
                    }
                }
                moreE = e.find();
            }
        }
    }

    private void put(String name, String expr) {
        Long v = eval(expr);
        if (v != null) {
            values.put(name, v);
        }
    }

    /** The value of expr, or null if it is not an integer expression of known names. */
    private Long eval(String expr) {
        try {
            Parser p = new Parser(expr);
            long v = p.or();
            return p.atEnd() ? v : null;
        } catch (IllegalArgumentException notAnInteger) {
            return null;
        }
    }

    private final class Parser {
        private final Matcher m;
        private final String s;
        private int pos;
        private String number, name, op;

        Parser(String s) {
            this.s = s;
            this.m = TOKEN.matcher(s);
            advance();
        }

        boolean atEnd() {
            return number == null && name == null && op == null && s.substring(pos).isBlank();
        }

        private void advance() {
            number = name = op = null;
            if (m.find(pos) && m.start() == pos) {
                number = m.group(1);
                name = m.group(2);
                op = m.group(3);
                pos = m.end();
            } else if (!s.substring(pos).isBlank()) {
                throw new IllegalArgumentException(s);
            }
        }

        private boolean take(String o) {
            if (o.equals(op)) {
                advance();
                return true;
            }
            return false;
        }

        long or() {
            long v = and();
            while (take("|")) {
                v |= and();
            }
            return v;
        }

        long and() {
            long v = shift();
            while (take("&")) {
                v &= shift();
            }
            return v;
        }

        long shift() {
            long v = sum();
            for (;;) {
                if (take("<<")) {
                    v <<= sum();
                } else if (take(">>")) {
                    v >>= sum();
                } else {
                    return v;
                }
            }
        }

        long sum() {
            long v = product();
            for (;;) {
                if (take("+")) {
                    v += product();
                } else if (take("-")) {
                    v -= product();
                } else {
                    return v;
                }
            }
        }

        long product() {
            long v = unary();
            for (;;) {
                if (take("*")) {
                    v *= unary();
                } else if (take("/")) {
                    v /= unary();
                } else {
                    return v;
                }
            }
        }

        long unary() {
            if (take("-")) {
                return -unary();
            }
            if (take("(")) {
                long v = or();
                if (!take(")")) {
                    throw new IllegalArgumentException(s);
                }
                return v;
            }
            if (number != null) {
                String n = number;
                advance();
                return n.startsWith("0x") || n.startsWith("0X") ? Long.parseLong(n.substring(2), 16) : Long.parseLong(n);
            }
            if (name != null && values.containsKey(name)) {
                long v = values.get(name);
                advance();
                return v;
            }
            throw new IllegalArgumentException(s);
        }
    }
}
