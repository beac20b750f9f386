package dev.capscope.app.cli;

import dev.capscope.bridge.BridgeTarget;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.SnapshotMeta;
import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.walk.GenerationCache;
import dev.capscope.core.walk.TornWalkException;
import dev.capscope.core.walk.Walker;

import java.time.Instant;

/** Walking a live task into a space or a snapshot, with the profile the target (or the user) names. */
final class LiveWalk {
    /** Walks of a task whose generation has not moved (on the same connection) cost one GENERATION request. */
    private static final GenerationCache WALKS = new GenerationCache();

    private LiveWalk() {
    }

    static LayoutProfile profile(ProfileOptions options, BridgeTarget target) {
        String named = target.hello().profile();
        return options.resolve(named.isEmpty() ? null : named);
    }

    static CapSpace space(BridgeTarget target, String task, LayoutProfile profile) {
        return new Walker(target, WALKS).walk(task, profile);
    }

    static Snapshot snapshot(BridgeTarget target, String task, LayoutProfile profile, String name) {
        return snapshot(target, task, profile, name, false);
    }

    /**
     * With {@code allowTorn}, a walk that never came out consistent is kept from its last attempt and
     * marked torn; without it (and when even the last attempt contradicts itself) it throws.
     */
    static Snapshot snapshot(BridgeTarget target, String task, LayoutProfile profile, String name, boolean allowTorn) {
        TargetInfo info = target.info();
        CapSpace space;
        boolean torn = false;
        try {
            space = space(target, task, profile);
        } catch (TornWalkException e) {
            if (!allowTorn) {
                throw e;
            }
            space = e.lastAttemptAs(profile);
            torn = true;
        }
        Instant now = Instant.now();
        return new Snapshot(SnapshotMeta.taken(name != null ? name : task + " at " + now, now, info.endpoint(), task,
                info.kernel(), profile.name(), VersionProvider.toolVersion(), torn), space);
    }
}
