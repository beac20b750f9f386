package dev.capscope.core.walk;

import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.SelectorLayout;
import dev.capscope.core.target.TargetException;

/**
 * The task's generation moved during every attempt of a walk: what was read is not one state of the
 * task. {@link #lastAttempt()} is the last attempt's answers (null if even they contradicted each
 * other), for a caller the user allowed to keep a torn view.
 */
public final class TornWalkException extends TargetException {
    private final transient RawWalk lastAttempt;

    public TornWalkException(String task, int attempts, RawWalk lastAttempt) {
        super(Code.TORN, "task '" + task + "' kept changing while it was read (" + attempts + " attempts, its"
                + " generation moved during each); stop the churn or retry");
        this.lastAttempt = lastAttempt;
    }

    public RawWalk lastAttempt() {
        return lastAttempt;
    }

    /**
     * The last attempt as a space under the profile, for a caller that keeps torn views on request.
     *
     * @throws TargetException PROTOCOL when even the last attempt contradicts itself (or there is none)
     */
    public CapSpace lastAttemptAs(LayoutProfile profile) {
        if (lastAttempt == null) {
            throw new TargetException(Code.PROTOCOL, getMessage() + "; the last attempt contradicted itself, so there"
                    + " is nothing to keep");
        }
        return CapSpaceAssembler.assemble(lastAttempt, SelectorLayout.of(profile));
    }
}
