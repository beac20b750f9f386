package dev.capscope.core.testing;

import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;

/** Small ready-made spaces for tests. */
public final class Spaces {
    private Spaces() {
    }

    public static LayoutProfile profile(String name) {
        return ProfileRegistry.builtin().get(name);
    }

    /** A component with the given threads, a few sessions, dataspaces, a signal context and a receive window. */
    public static GenodeSpaceBuilder typical(String profileName, String task, int threads) {
        GenodeSpaceBuilder b = new GenodeSpaceBuilder(profile(profileName), task, 42, 0x1000);
        b.thread("main", "running");
        for (int i = 1; i < threads; i++) {
            b.thread("worker-" + i, "blocked");
        }
        b.session("PD", task, "ram_quota=64K, cap_quota=20", "core", 65536L);
        b.session("CPU", task, "ram_quota=32K", "core", 32768L);
        b.session("LOG", task, "ram_quota=8K", "log_server", 8192L);
        b.receiveWindow();
        b.dataspace("heap", 16384, "core");
        b.signalContext("timeout");
        return b;
    }
}
