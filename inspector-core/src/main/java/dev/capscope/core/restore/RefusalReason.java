package dev.capscope.core.restore;

/**
 * Why a restore will not run. The names are stable codes: the CLI prints them and scripts key on
 * them, so never rename one. Declared from the most fundamental to the most specific; a plan's
 * {@linkplain RestorePlan#primaryRefusal() primary refusal} is the first in this order.
 */
public enum RefusalReason {
    /** The snapshot, the live space, the target or the chosen profile name different layout profiles. */
    PROFILE_MISMATCH,
    /** The target's or the snapshot's kernel is not the kernel family the profile describes. */
    KERNEL_INCOMPATIBLE,
    /** The snapshot's task is not the task being restored, or the target does not offer it. */
    TASK_MISMATCH,
    /** The target does not serve mutations (capsim without --allow-restore). */
    TARGET_READ_ONLY,
    /** The snapshot contradicts itself (task/profile fields, gate label vs badge, entries past the allocator). */
    SNAPSHOT_INCONSISTENT,
    /** Restore would have to invent or remove something in the core-controlled area (fixed or thread slots). */
    CORE_AREA_DIFFERS,
    /** Threads differ (index, name or state): restore cannot create, end or rename threads. */
    THREADS_DIFFER,
    /** A session cap's recorded rights cannot be produced from what the live task holds (more rights than live). */
    RIGHTS_NOT_PRODUCIBLE,
    /** A missing cap-map entry with a badge whose semantics are unknown cannot be re-created. */
    UNKNOWN_SEMANTICS,
    /** A missing entry is an RPC object a session hands out (thread, dataspace, signal context), not a session. */
    NOT_A_SESSION,
    /** A missing cap without a cap-map entry is of a kind the target cannot create (or of unknown kind). */
    OBJECT_NOT_CREATABLE,
    /** The target changed between planning and applying; plan again. */
    TARGET_CHANGED,
    /** Another client holds the target's restore lease: a restore is running elsewhere. */
    RESTORE_IN_PROGRESS,
    /**
     * Nothing was planned, yet a fresh walk differs from the snapshot: the difference is one restore
     * cannot produce (the preflight names most such cases; this is the verification's safety net).
     */
    NOT_RESTORABLE
}
