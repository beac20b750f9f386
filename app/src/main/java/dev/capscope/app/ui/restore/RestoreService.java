package dev.capscope.app.ui.restore;

import dev.capscope.core.model.Snapshot;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.restore.PreparedRestore;
import dev.capscope.core.restore.RestoreListener;
import dev.capscope.core.restore.RestoreResult;
import dev.capscope.core.restore.RestoreRunner;
import dev.capscope.core.target.Target;

/**
 * The restore's work through the core's {@link RestoreRunner}, on the background worker: the dry
 * run (walk, preflight, plan) and the apply (apply, verify, roll back on failure).
 */
public class RestoreService {
    /** A dry run and the runner that will apply it (the same target and profile). */
    public record Session(RestoreRunner runner, PreparedRestore prepared) {
    }

    public Session prepare(Target target, LayoutProfile profile, Snapshot wanted, String task) {
        RestoreRunner runner = new RestoreRunner(target, profile);
        return new Session(runner, runner.prepare(wanted, task));
    }

    public RestoreResult apply(Session session, RestoreListener listener) {
        return session.runner().apply(session.prepared(), listener);
    }
}
