package dev.capscope.app.ui.service;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/** Recently used endpoints and snapshot files (most recent first, at most 8 each). */
public interface RecentStore {
    int MAX = 8;

    List<String> endpoints();

    void rememberEndpoint(String endpoint);

    List<String> files();

    void rememberFile(String file);

    /** Backed by java.util.prefs under dev/capscope/app. */
    static RecentStore preferences() {
        Preferences p = Preferences.userRoot().node("dev/capscope/app");
        return new RecentStore() {
            public List<String> endpoints() { return read("endpoints"); }
            public void rememberEndpoint(String e) { write("endpoints", e); }
            public List<String> files() { return read("files"); }
            public void rememberFile(String f) { write("files", f); }

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
        };
    }
}
