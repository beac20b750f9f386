package dev.capscope.core.holders;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who serves whom: tasks (and servers that are not walked, like core) as nodes, one edge from a
 * server to each task holding one of its objects, weighted by how many objects. Rendered as
 * Graphviz DOT, so any Graphviz tool draws it.
 */
public final class HoldersGraph {
    /** One edge: {@code server} serves {@code count} objects that {@code holder} holds. */
    public record Edge(String server, String holder, int count) {
    }

    private final TreeSet<String> tasks = new TreeSet<>();
    private final TreeSet<String> outside = new TreeSet<>();
    private final List<Edge> edges;

    public HoldersGraph(Holdings h, boolean includeCore) {
        h.tasks().forEach(t -> tasks.add(t.task()));
        Map<String, Integer> counts = new TreeMap<>();
        for (HeldObject o : h.objects()) {
            if (o.server() == null || (!includeCore && !o.serverWalked())) {
                continue;
            }
            for (String client : o.clients()) {
                counts.merge(o.server() + "\u0000" + client, 1, Integer::sum);
            }
            if (!o.serverWalked() && !o.clients().isEmpty()) {
                outside.add(o.server());
            }
        }
        edges = counts.entrySet().stream().map(e -> {
            String[] p = e.getKey().split("\u0000", 2);
            return new Edge(p[0], p[1], e.getValue());
        }).toList();
    }

    public List<String> tasks() {
        return List.copyOf(tasks);
    }

    /** Servers named by the runtimes that are not among the joined tasks (e.g. core). */
    public List<String> outsideServers() {
        return List.copyOf(outside);
    }

    public List<Edge> edges() {
        return edges;
    }

    public String toDot() {
        StringBuilder b = new StringBuilder("digraph holders {\n  rankdir=LR;\n  node [shape=box];\n");
        Map<String, String> ids = new LinkedHashMap<>();
        for (String t : tasks) {
            ids.put(t, "t" + ids.size());
            b.append("  ").append(ids.get(t)).append(" [label=").append(quote(t)).append("];\n");
        }
        for (String s : outside) {
            ids.put(s, "t" + ids.size());
            b.append("  ").append(ids.get(s)).append(" [label=").append(quote(s)).append(", style=dashed];\n");
        }
        for (Edge e : edges) {
            b.append("  ").append(ids.get(e.server())).append(" -> ").append(ids.get(e.holder()))
                    .append(" [label=").append(quote(e.count() + (e.count() == 1 ? " object" : " objects")))
                    .append("];\n");
        }
        return b.append("}\n").toString();
    }

    private static String quote(String s) {
        // control characters written visibly first, so a task name cannot break the file or a terminal
        String safe = dev.capscope.core.text.TerminalText.escape(s);
        return '"' + safe.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
