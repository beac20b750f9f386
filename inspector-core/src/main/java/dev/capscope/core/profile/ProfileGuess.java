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

    /**
     * This guess, naming {@code named} instead when the space cannot tell the two apart (a
     * same-layout twin the guesser found as good a fit, e.g. genode-foc-25 for genode-foc-19):
     * what the target or the snapshot says then decides. Otherwise (null, another layout, or a
     * twin the space rules out) this guess unchanged.
     */
    public ProfileGuess preferring(LayoutProfile named) {
        if (named == null || named.name().equals(profile.name()) || !named.sameSelectorLayout(profile)
                || evidence.stream().noneMatch(e -> e.startsWith(named.name() + " lays out selectors like "))) {
            return this;
        }
        List<String> why = new java.util.ArrayList<>(evidence);
        why.add("named " + named.name() + " by the source; the space fits it as well");
        return new ProfileGuess(named, confidence, why, runnerUp);
    }

    /** "genode-foc-19 (confidence 0.92): line; line; ..." */
    public String describe() {
        return profile.name() + String.format(java.util.Locale.ROOT, " (confidence %.2f)", confidence)
                + (evidence.isEmpty() ? "" : ": " + String.join("; ", evidence));
    }
}
