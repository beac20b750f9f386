package dev.capscope.app.ui.holders;

import dev.capscope.core.text.TerminalText;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The holders graph as SVG, written from the graph as it is laid out on screen: a box per task
 * (dashed for servers outside the walked tasks), an arrow from server to holder stopping at the
 * holder's box, and the number of objects on each arrow. Text is escaped for XML, and control
 * characters in task names are written visibly first, so no name can break the file.
 */
final class HoldersSvg {
    /** A node as laid out: its name, top-left corner and size in pixels. */
    record Box(String name, double x, double y, double width, double height, boolean outside) {
        double cx() { return x + width / 2; }
        double cy() { return y + height / 2; }
    }

    /** An edge between two boxes by name, with the number of objects it stands for. */
    record Arrow(String server, String holder, int count) {
    }

    private static final double MARGIN = 8;
    /** How far an arrow moves to its right when the two tasks serve each other (screen and SVG alike). */
    static final double TWO_WAY_GAP = 6;

    /** True when the holder also serves the server, so two arrows would lie on one line. */
    static boolean twoWay(List<dev.capscope.core.holders.HoldersGraph.Edge> edges, String server, String holder) {
        return edges.stream().anyMatch(x -> x.server().equals(holder) && x.holder().equals(server));
    }

    /** Where along the arrow (0 server, 1 holder) its count sits: off the middle for two-way pairs. */
    static double countAt(boolean twoWay) {
        return twoWay ? 0.35 : 0.5;
    }

    private HoldersSvg() {
    }

    static String render(List<Box> boxes, List<Arrow> arrows, double width, double height) {
        Map<String, Box> byName = new HashMap<>();
        boxes.forEach(b -> byName.put(b.name(), b));
        StringBuilder s = new StringBuilder(4096);
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(n(width + 2 * MARGIN))
                .append("\" height=\"").append(n(height + 2 * MARGIN)).append("\" viewBox=\"").append(n(-MARGIN))
                .append(' ').append(n(-MARGIN)).append(' ').append(n(width + 2 * MARGIN)).append(' ')
                .append(n(height + 2 * MARGIN)).append("\" font-family=\"sans-serif\" font-size=\"12\">\n")
                .append("  <title>Capscope holders graph: who serves whom</title>\n")
                .append("  <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\""
                        + " markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\""
                        + " fill=\"#0969da\"/></marker></defs>\n")
                .append("  <rect x=\"").append(n(-MARGIN)).append("\" y=\"").append(n(-MARGIN)).append("\" width=\"")
                .append(n(width + 2 * MARGIN)).append("\" height=\"").append(n(height + 2 * MARGIN))
                .append("\" fill=\"#ffffff\"/>\n");
        s.append("  <g class=\"edges\" stroke=\"#0969da\" stroke-width=\"1.5\">\n");
        for (Arrow a : arrows) {
            Box from = byName.get(a.server());
            Box to = byName.get(a.holder());
            if (from == null || to == null || from == to) {
                continue;
            }
            double[] p = border(from, to.cx(), to.cy());
            double[] q = border(to, from.cx(), from.cy());
            double[] d = shift(arrows, a, from, to);
            p[0] += d[0];
            p[1] += d[1];
            q[0] += d[0];
            q[1] += d[1];
            s.append("    <line class=\"edge\" data-server=\"").append(xml(a.server())).append("\" data-holder=\"")
                    .append(xml(a.holder())).append("\" x1=\"").append(n(p[0])).append("\" y1=\"").append(n(p[1]))
                    .append("\" x2=\"").append(n(q[0])).append("\" y2=\"").append(n(q[1]))
                    .append("\" marker-end=\"url(#arrow)\"/>\n");
        }
        s.append("  </g>\n  <g class=\"nodes\">\n");
        for (Box b : boxes) {
            s.append("    <g class=\"node").append(b.outside() ? " outside" : " task").append("\">\n")
                    .append("      <rect x=\"").append(n(b.x())).append("\" y=\"").append(n(b.y()))
                    .append("\" width=\"").append(n(b.width())).append("\" height=\"").append(n(b.height()))
                    .append("\" rx=\"4\" fill=\"#f6f8fa\" stroke=\"#57606a\"")
                    .append(b.outside() ? " stroke-dasharray=\"4 3\"" : "").append("/>\n")
                    .append("      <text x=\"").append(n(b.cx())).append("\" y=\"").append(n(b.cy()))
                    .append("\" text-anchor=\"middle\" dominant-baseline=\"central\" fill=\"#1f2328\">")
                    .append(xml(b.name())).append("</text>\n    </g>\n");
        }
        s.append("  </g>\n  <g class=\"counts\" text-anchor=\"middle\" dominant-baseline=\"central\">\n");
        for (Arrow a : arrows) {
            Box from = byName.get(a.server());
            Box to = byName.get(a.holder());
            if (from == null || to == null || from == to) {
                continue;
            }
            double[] d = shift(arrows, a, from, to);
            double k = countAt(d[0] != 0 || d[1] != 0);
            double mx = from.cx() + (to.cx() - from.cx()) * k + d[0];
            double my = from.cy() + (to.cy() - from.cy()) * k + d[1];
            String label = Integer.toString(a.count());
            double w = 7 * label.length() + 6;
            s.append("    <rect x=\"").append(n(mx - w / 2)).append("\" y=\"").append(n(my - 8)).append("\" width=\"")
                    .append(n(w)).append("\" height=\"16\" fill=\"#ffffff\"/>")
                    .append("<text x=\"").append(n(mx)).append("\" y=\"").append(n(my)).append("\" fill=\"#1f2328\">")
                    .append(label).append("</text>\n");
        }
        return s.append("  </g>\n</svg>\n").toString();
    }

    /** The offset of an arrow whose reverse is drawn too (to its right), else none. */
    private static double[] shift(List<Arrow> arrows, Arrow a, Box from, Box to) {
        boolean twoWay = arrows.stream().anyMatch(x -> x.server().equals(a.holder()) && x.holder().equals(a.server()));
        double dx = to.cx() - from.cx();
        double dy = to.cy() - from.cy();
        double len = Math.hypot(dx, dy);
        if (!twoWay || len == 0) {
            return new double[]{0, 0};
        }
        return new double[]{-dy / len * TWO_WAY_GAP, dx / len * TWO_WAY_GAP};
    }

    /** Where the line from a box's centre towards (tx, ty) leaves the box. */
    private static double[] border(Box b, double tx, double ty) {
        double dx = tx - b.cx();
        double dy = ty - b.cy();
        double sx = dx == 0 ? Double.MAX_VALUE : (b.width() / 2) / Math.abs(dx);
        double sy = dy == 0 ? Double.MAX_VALUE : (b.height() / 2) / Math.abs(dy);
        double k = Math.min(1, Math.min(sx, sy));
        return new double[]{b.cx() + dx * k, b.cy() + dy * k};
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Text for XML: visible escapes for control characters, then the five XML entities. */
    static String xml(String text) {
        String safe = TerminalText.escape(text);
        StringBuilder b = new StringBuilder(safe.length() + 8);
        for (int i = 0; i < safe.length(); i++) {
            char c = safe.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < safe.length() && Character.isLowSurrogate(safe.charAt(i + 1))) {
                        b.append(c).append(safe.charAt(++i));
                    } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF'
                            || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                        b.append('\uFFFD'); // not allowed in XML 1.0 at all
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
