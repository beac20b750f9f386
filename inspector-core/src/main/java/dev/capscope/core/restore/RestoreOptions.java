package dev.capscope.core.restore;

/**
 * What the user allowed for one restore.
 *
 * @param allowTaskMismatch restore a snapshot of one task onto a task with another name (the user said
 *                          so explicitly); without it such a restore is refused with TASK_MISMATCH
 * @param migration         the snapshot comes from another target (or another task): its badges mean
 *                          nothing here, so the planner never takes a live cap for a wanted one because
 *                          their badges happen to be equal while their meanings differ; wanted sessions
 *                          are matched by meaning or re-created, and their badges translated
 */
public record RestoreOptions(boolean allowTaskMismatch, boolean migration) {
    /** Same target, same task: the plain restore. */
    public static final RestoreOptions DEFAULT = new RestoreOptions(false, false);

    public RestoreOptions withAllowTaskMismatch(boolean allow) {
        return new RestoreOptions(allow, migration);
    }

    public RestoreOptions withMigration(boolean isMigration) {
        return new RestoreOptions(allowTaskMismatch, isMigration);
    }
}
