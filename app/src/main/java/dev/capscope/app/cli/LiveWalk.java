package dev.capscope.app.cli;

import dev.capscope.bridge.BridgeTarget;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.snapshot.SnapshotCapture;
import dev.capscope.core.walk.CancellationToken;
import dev.capscope.core.walk.GenerationCache;
import dev.capscope.core.walk.WalkListener;
import dev.capscope.core.walk.Walker;

import java.time.Clock;

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
        return capture(target).take(request(task, profile, name, allowTorn), WalkListener.NONE, CancellationToken.none());
    }

    /** The core's snapshot operation on this connection, sharing the command's remembered walks. */
    static SnapshotCapture capture(BridgeTarget target) {
        return new SnapshotCapture(target, WALKS, Clock.systemUTC());
    }

    static SnapshotCapture.Request request(String task, LayoutProfile profile, String name, boolean allowTorn) {
        return new SnapshotCapture.Request(task, profile, name, allowTorn, VersionProvider.toolVersion());
    }
}
