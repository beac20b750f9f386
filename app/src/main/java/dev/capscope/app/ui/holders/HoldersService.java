package dev.capscope.app.ui.holders;

import dev.capscope.core.holders.Holdings;
import dev.capscope.core.holders.ObjectJoin;
import dev.capscope.core.holders.TaskSpace;
import dev.capscope.core.holders.TogetherWalk;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.target.Target;

import java.util.List;

/** Joins the spaces of every task of a target (walked together, on the worker) or of a single snapshot. */
public final class HoldersService {
    private static final int ROUNDS = 3;

    /** Walks all tasks of a live target; blocks (call on the worker). */
    public Holdings ofTarget(Target target, LayoutProfile profile) {
        return ObjectJoin.join(TogetherWalk.walkAll(target, profile, ROUNDS).tasks());
    }

    /** A snapshot knows only its own task: every object then has holders in that task alone. */
    public Holdings ofSpace(CapSpace space) {
        return ObjectJoin.join(List.of(TaskSpace.live(space.taskName(), space)));
    }
}
