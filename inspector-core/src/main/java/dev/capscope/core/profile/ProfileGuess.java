package dev.capscope.core.profile;

import java.util.List;
import java.util.Objects;

/**
 * The profile a target most likely runs, how sure the guess is (0..1) and why: one line of
 * evidence per observation, readable by a person deciding whether to trust it.
 *
 * @param runnerUp the next best candidate, or null when there was only one
 */
public record ProfileGuess(LayoutProfile profile, double confidence, List<String> evidence, String runnerUp) {
    public ProfileGuess {
        Objects.requireNonNull(profile, "profile");
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence out of 0..1: " + confidence);
        }
        evidence = List.copyOf(evidence);
    }

    /** "genode-foc-19 (confidence 0.92): line; line; ..." */
    public String describe() {
        return profile.name() + String.format(java.util.Locale.ROOT, " (confidence %.2f)", confidence)
                + (evidence.isEmpty() ? "" : ": " + String.join("; ", evidence));
    }
}
