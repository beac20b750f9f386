package dev.capscope.core.timeline;

import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.testing.GenodeSpaceBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A component's space under seeded churn: sessions, dataspaces and threads come and go, one change per generation. */
final class Churn {
    private final GenodeSpaceBuilder b;
    private final Random random;
    private final List<Integer> open = new ArrayList<>();
    private final List<Integer> threads = new ArrayList<>();
    private long generation = 1;

    Churn(String task, long seed, int initialSessions) {
        b = new GenodeSpaceBuilder(ProfileRegistry.builtin().get("genode-foc-19"), task, seed, 1000);
        random = new Random(seed);
        b.thread("main", "running");
        for (int i = 0; i < initialSessions; i++) {
            open.add(b.dataspace("buffer " + i, 4096, "core"));
        }
    }

    CapSpace space() {
        return b.generation(generation).build();
    }

    /** One event, then the space at the next generation. */
    CapSpace step() {
        int what = random.nextInt(5);
        if (what == 0 && !open.isEmpty()) {
            b.release(open.remove(random.nextInt(open.size())));
        } else if (what == 1 && threads.size() < 20) {
            threads.add(b.thread("worker " + generation, "running"));
        } else if (what == 2 && !threads.isEmpty()) {
            b.exitThread(threads.remove(threads.size() - 1)); // the builder numbers threads by count
        } else if (what == 3) {
            open.add(b.dataspace("ds " + generation, 4096L * (1 + random.nextInt(16)), "core"));
        } else {
            open.add(b.session("LOG", "app -> log " + generation, "ram_quota=8K", "log_server", 8192L));
        }
        generation++;
        return space();
    }
}
