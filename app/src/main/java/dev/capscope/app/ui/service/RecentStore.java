package dev.capscope.app.ui.service;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/**
 * What the window remembers between runs: recently used endpoints and snapshot files (most recent
 * first, at most 8 each) and view preferences (number base, theme, map zoom, hidden columns).
 */
public interface RecentStore {
    int MAX = 8;

    List<String> endpoints();

    void rememberEndpoint(String endpoint);

    List<String> files();

    void rememberFile(String file);

    /** A remembered preference, or {@code otherwise}. */
    String preference(String key, String otherwise);

    void rememberPreference(String key, String value);

    /** Backed by java.util.prefs under dev/capscope/app. */
    static RecentStore preferences() {
        Preferences p = Preferences.userRoot().node("dev/capscope/app");
        return new RecentStore() {
            public List<String> endpoints() { return read("endpoints"); }
            public void rememberEndpoint(String e) { write("endpoints", e); }
            public List<String> files() { return read("files"); }
            public void rememberFile(String f) { write("files", f); }
            public String preference(String key, String otherwise) { return p.get("pref." + key, otherwise); }
            public void rememberPreference(String key, String value) { p.put("pref." + key, value); }

            private List<String> read(String key) {
                String v = p.get(key, "");
                List<String> l = new ArrayList<>();
                for (String s : v.split("\n")) {
                    if (!s.isBlank()) l.add(s);
                }
                return l;
            }

            private void write(String key, String value) {
                List<String> l = read(key);
                l.remove(value);
                l.add(0, value);
                p.put(key, String.join("\n", l.subList(0, Math.min(MAX, l.size()))));
            }
        };
    }

    static RecentStore inMemory() {
        return new RecentStore() {
            private final List<String> endpoints = new ArrayList<>();
            private final List<String> files = new ArrayList<>();
            public List<String> endpoints() { return List.copyOf(endpoints); }
            public void rememberEndpoint(String e) { endpoints.remove(e); endpoints.add(0, e); }
            public List<String> files() { return List.copyOf(files); }
            public void rememberFile(String f) { files.remove(f); files.add(0, f); }
            private final java.util.Map<String, String> prefs = new java.util.HashMap<>();
            public String preference(String key, String otherwise) { return prefs.getOrDefault(key, otherwise); }
            public void rememberPreference(String key, String value) { prefs.put(key, value); }
        };
    }
}
