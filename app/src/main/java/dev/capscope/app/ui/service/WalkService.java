package dev.capscope.app.ui.service;

import dev.capscope.app.ui.task.BackgroundTask;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileGuess;
import dev.capscope.core.profile.ProfileGuesser;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.target.Target;
import dev.capscope.core.walk.GuessedWalk;
import dev.capscope.core.walk.WalkListener;
import dev.capscope.core.walk.Walker;

import java.util.List;
import java.util.Map;

/**
 * Walks a task through the core's {@link Walker} (on the background worker): guesses the profile
 * on the first walk of a task unless one is chosen, and lints the result.
 */
public final class WalkService {
    private static final System.Logger LOG = System.getLogger(WalkService.class.getName());
    private final ProfileRegistry profiles;
    private final ProfileGuesser guesser;
    private final LintService lint;
    private final dev.capscope.core.walk.GenerationCache walked = new dev.capscope.core.walk.GenerationCache();

    public WalkService(ProfileRegistry profiles, LintService lint) {
        this.profiles = profiles;
        this.guesser = new ProfileGuesser(profiles.all());
        this.lint = lint;
    }

    /** The result of one walk: the space, its profile (and the guess when it was guessed), lint, time taken. */
    public record WalkResult(CapSpace space, LayoutProfile profile, ProfileGuess guess,
                             Map<Integer, List<String>> lint, long millis) {
    }

    /**
     * @param chosen the profile the user chose, or null to use the target's or guess one
     * @param targetProfile the profile name the target reports, or null
     */
    public WalkResult walk(Target target, String task, LayoutProfile chosen, String targetProfile,
                           BackgroundTask.Progress progress) {
        long t0 = System.nanoTime();
        Walker walker = new Walker(target, walked);
        WalkListener listener = (phase, f) -> progress.update(f, phase.description());
        LayoutProfile profile = chosen;
        if (profile == null && targetProfile != null) {
            profile = profiles.find(targetProfile).orElse(null);
        }
        CapSpace space;
        ProfileGuess guess;
        if (profile == null) { // nobody named one: the core guesses it from the answers
            GuessedWalk walk = walker.walkGuessingProfile(task, guesser, listener, progress.cancellation());
            space = walk.space();
            guess = walk.guess();
            profile = guess.profile();
        } else { // named: walk under it; the guess is shown beside it
            space = walker.walk(task, profile, listener, progress.cancellation());
            guess = guesser.guess(space).preferring(profile);
        }
        Map<Integer, List<String>> findings = lint(space, profile);
        return new WalkResult(space, profile, guess, findings, (System.nanoTime() - t0) / 1_000_000);
    }

    /** The core's snapshot operation on a target, sharing this service's remembered walks. */
    public dev.capscope.core.snapshot.SnapshotCapture capture(Target target, java.time.Clock clock) {
        return new dev.capscope.core.snapshot.SnapshotCapture(target, walked, clock);
    }

    public LayoutProfile defaultProfile() {
        return profiles.find("genode-foc-19").orElse(profiles.all().get(0));
    }

    public ProfileRegistry profiles() {
        return profiles;
    }

    /** Lint findings by selector; a failing rule never hides the space (no findings then). */
    public Map<Integer, List<String>> lint(CapSpace space, LayoutProfile profile) {
        try {
            return lint.findings(space, profile);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "lint failed; the space is shown without findings", e);
            return Map.of();
        }
    }

    public ProfileGuess guess(CapSpace space) {
        return guesser.guess(space);
    }

    /** The guess, naming {@code named} when the space fits it as well as the guessed twin. */
    public ProfileGuess guess(CapSpace space, LayoutProfile named) {
        return guesser.guess(space).preferring(named);
    }
}
