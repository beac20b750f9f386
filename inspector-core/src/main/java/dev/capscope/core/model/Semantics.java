package dev.capscope.core.model;

import dev.capscope.core.text.TerminalText;

/**
 * What the target runtime knows about a cap-map entry (Norman Feske: knowing a cap is "a RAM
 * session" is not enough to restore it). Any field may be null when the runtime does not know.
 *
 * @param rpcInterface RPC interface, e.g. "LOG", "ROM", "RM", "CPU", "PD", "RAM", "Dataspace",
 *                     "Signal_context", "Parent"
 * @param label        session label, e.g. "init -> log_client"
 * @param args         session arguments as Genode writes them, e.g. "ram_quota=8K, cap_quota=4"
 * @param server       serving component, e.g. "core" or "log_server"
 * @param quota        RAM quota in bytes donated with the session or the dataspace size
 */
public record Semantics(String rpcInterface, String label, String args, String server, Long quota) {
    public static final Semantics NONE = new Semantics(null, null, null, null, null);

    /**
     * Interfaces of RPC objects that a session hands out (a thread of a CPU session, a dataspace of a
     * PD or ROM session, a signal context, a region map) or that core creates with the component
     * (its parent cap, its threads): none of them is opened as a session, so none can be re-opened.
     */
    private static final java.util.Set<String> NOT_SESSIONS = java.util.Set.of("Cpu_thread", "Dataspace",
            "Signal_context", "Signal_source", "Region_map", "Thread", "Parent");

    /** True when the entry is a session a parent can open again with these arguments. */
    public boolean reopenable() {
        return rpcInterface != null && !NOT_SESSIONS.contains(rpcInterface);
    }

    /** "LOG session 'init -> log' (server log_server)": one line for tables and lint messages, control characters escaped. */
    public String describe() {
        if (rpcInterface == null && label == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        b.append(rpcInterface == null ? "?" : TerminalText.escape(rpcInterface));
        if (label != null && !label.isEmpty()) {
            b.append(" '").append(TerminalText.escape(label)).append('\'');
        }
        if (server != null && !server.isEmpty()) {
            b.append(" @").append(TerminalText.escape(server));
        }
        return b.toString();
    }
}
