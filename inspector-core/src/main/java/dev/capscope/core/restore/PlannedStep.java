package dev.capscope.core.restore;

import dev.capscope.core.target.RestoreOperation;

import java.util.Objects;

/** One operation of a plan with the phase it belongs to. */
public record PlannedStep(Phase phase, RestoreOperation operation) {
    public PlannedStep {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(operation, "operation");
    }
}
