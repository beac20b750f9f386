package dev.capscope.core.restore;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.SnapshotMeta;
import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.model.TaskInfo;
import dev.capscope.core.profile.Area;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.SelectorLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The checks that decide whether a restore may run at all, before any operation is planned. Each
 * check adds refusals with its stable reason code; all checks run so the user sees every problem.
 */
final class Preflight {
    private final Snapshot wanted;
    private final CapSpace live;
    private final TargetInfo target;
    private final LayoutProfile profile;
    private final RestoreOptions options;
    private final SelectorLayout layout;
    private final List<Refusal> out = new ArrayList<>();

    private Preflight(Snapshot wanted, CapSpace live, TargetInfo target, LayoutProfile profile,
                      RestoreOptions options) {
        this.wanted = wanted;
        this.live = live;
        this.target = target;
        this.profile = profile;
        this.options = options;
        this.layout = SelectorLayout.of(profile);
    }

    static List<Refusal> check(Snapshot wanted, CapSpace live, TargetInfo target, LayoutProfile profile,
                               RestoreOptions options) {
        Preflight p = new Preflight(wanted, live, target, profile, options);
        p.profiles();
        p.kernels();
        p.task();
        p.writable();
        p.snapshotConsistency();
        p.coreAreaAndThreads();
        return p.out;
    }

    /** Core-controlled selectors: restore never invents or removes anything there. */
    static boolean isCoreArea(Area area) {
        return area != Area.COMPONENT && area != Area.BEYOND_ALLOCATOR;
    }

    /** Messages quote names from the snapshot and the target: one line, control characters escaped. */
    private void refuse(RefusalReason reason, String message, Integer... selectors) {
        out.add(Refusal.of(reason, dev.capscope.core.text.TerminalText.escape(message), selectors));
    }

    private void profiles() {
        SnapshotMeta meta = wanted.meta();
        if (!profile.name().equals(meta.profile())) {
            refuse(RefusalReason.PROFILE_MISMATCH, "the snapshot was taken under profile '" + meta.profile()
                    + "' but the restore uses '" + profile.name() + "'");
        }
        if (live.profile() != null && !profile.name().equals(live.profile())) {
            refuse(RefusalReason.PROFILE_MISMATCH, "the live task was walked under profile '" + live.profile()
                    + "' but the restore uses '" + profile.name() + "'");
        }
        if (target.profile() != null && !profile.name().equals(target.profile())) {
            refuse(RefusalReason.PROFILE_MISMATCH, "the target runs profile '" + target.profile()
                    + "' but the restore uses '" + profile.name() + "'");
        }
    }

    private void kernels() {
        if (profile.kernel() == null) {
            return;
        }
        String family = profile.kernel().toLowerCase(Locale.ROOT);
        if (!target.kernel().toLowerCase(Locale.ROOT).contains(family)) {
            refuse(RefusalReason.KERNEL_INCOMPATIBLE, "the target's kernel '" + target.kernel()
                    + "' is not " + profile.kernel() + " as profile '" + profile.name() + "' requires");
        }
        String snapKernel = wanted.meta().kernel();
        if (snapKernel != null && !snapKernel.toLowerCase(Locale.ROOT).contains(family)) {
            refuse(RefusalReason.KERNEL_INCOMPATIBLE, "the snapshot was taken on kernel '" + snapKernel
                    + "', not " + profile.kernel());
        }
    }

    private void task() {
        String task = wanted.meta().task();
        if (!task.equals(live.taskName()) && !options.allowTaskMismatch()) {
            refuse(RefusalReason.TASK_MISMATCH, "the snapshot is of task '" + task + "' but the live task is '"
                    + live.taskName() + "'");
        }
        if (!target.tasks().isEmpty() && target.tasks().stream().map(TaskInfo::name).noneMatch(live.taskName()::equals)) {
            refuse(RefusalReason.TASK_MISMATCH, "the target at " + target.endpoint() + " offers no task '"
                    + live.taskName() + "'");
        }
    }

    private void writable() {
        if (!target.restoreAllowed()) {
            refuse(RefusalReason.TARGET_READ_ONLY, "the target at " + target.endpoint()
                    + " is read-only; start it with --allow-restore to restore onto it");
        }
    }

    private void snapshotConsistency() {
        CapSpace space = wanted.space();
        SnapshotMeta meta = wanted.meta();
        if (meta.torn()) {
            refuse(RefusalReason.SNAPSHOT_INCONSISTENT, "the snapshot is torn: task '" + meta.task() + "' kept changing"
                    + " while it was read, so it is not one state of the task; take it again with the task quiet");
        }
        if (!meta.task().equals(space.taskName())) {
            refuse(RefusalReason.SNAPSHOT_INCONSISTENT, "the snapshot's metadata names task '" + meta.task()
                    + "' but its space is of task '" + space.taskName() + "'");
        }
        if (space.profile() != null && !space.profile().equals(meta.profile())) {
            refuse(RefusalReason.SNAPSHOT_INCONSISTENT, "the snapshot's metadata names profile '" + meta.profile()
                    + "' but its space says '" + space.profile() + "'");
        }
        for (CapMapEntry e : space.capMap()) {
            if (e.index() > profile.lastAllocatorIndex()) {
                refuse(RefusalReason.SNAPSHOT_INCONSISTENT, "the snapshot has a cap-map entry at "
                        + Selectors.format(e.index()) + ", past the allocator's last index "
                        + Selectors.format(profile.lastAllocatorIndex()), e.index());
                continue;
            }
            KernelObject o = space.objectAt(e.index());
            if (e.hasBadge() && o != null && o.kind() == ObjectKind.IPC_GATE && o.label() != null
                    && o.label() != e.rawId()) {
                refuse(RefusalReason.SNAPSHOT_INCONSISTENT, "at " + Selectors.format(e.index()) + " the snapshot's "
                        + "cap-map entry has badge " + e.rawId() + " but the IPC gate's label is " + o.label(), e.index());
            }
        }
    }

    /**
     * Core-controlled selectors and threads: restore never creates, removes, rebinds or re-rights a
     * core slot, and never creates, ends or renames a thread, so any such difference refuses.
     */
    private void coreAreaAndThreads() {
        StateComparison cmp = StateComparison.of(wanted.space(), live, profile, options.migration());
        for (StateComparison.Mismatch m : cmp.mismatches()) {
            if (m.restorable()) {
                continue;
            }
            if (m.scope() == StateComparison.Scope.THREADS) {
                refuse(RefusalReason.THREADS_DIFFER, m.where() + ": " + m.what() + "; restore cannot create, end or"
                        + " rename threads: restart the component into the recorded threads, or take a new snapshot");
            } else {
                String role = layout.roleOf(m.selector()).role();
                refuse(RefusalReason.CORE_AREA_DIFFERS, m.where() + " (" + role + "): " + m.what() + "; core owns that"
                        + " slot, so restore cannot change it" + (options.migration() ? ""
                        : " (if the component was restarted since the snapshot, restore it as a migration)"),
                        m.selector());
            }
        }
    }
}
