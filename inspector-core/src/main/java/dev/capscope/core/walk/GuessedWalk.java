package dev.capscope.core.walk;

import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.ProfileGuess;

import java.util.Objects;

/** A walk whose profile was guessed from the target's answers, with the guess and its evidence. */
public record GuessedWalk(CapSpace space, ProfileGuess guess) {
    public GuessedWalk {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(guess, "guess");
    }
}
