package dev.capscope.app.ui.holders;

/**
 * One holder of the object shown in the holders window.
 *
 * @param role "server", "creator (D)", "client", or "holder"
 */
public record HolderRow(String task, int selector, String selectorText, String rights, String role, boolean present) {
}
