package dev.capscope.app.ui.profile;

import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileGuess;
import dev.capscope.core.profile.ProfileRegistry;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Locale;

/**
 * The layout profile: "auto" (the guess, or what the source says) or one chosen by the user.
 * {@link #effectiveProperty()} is what the tree and map are drawn with; the label says which
 * profile and, when guessed, how sure the guess is.
 */
public final class ProfileViewModel {
    public static final String AUTO = "auto-detect";

    private final ProfileRegistry registry;
    private final ObservableList<String> choices = FXCollections.observableArrayList();
    private final ObjectProperty<String> choice = new SimpleObjectProperty<>(AUTO);
    private final ReadOnlyObjectWrapper<LayoutProfile> effective = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper label = new ReadOnlyStringWrapper("");
    private LayoutProfile sourceProfile;
    private ProfileGuess guess;

    public ProfileViewModel(ProfileRegistry registry) {
        this.registry = registry;
        choices.add(AUTO);
        choices.addAll(registry.names());
        choice.addListener((o, a, b) -> update());
    }

    /** What the shown source says (walk result or snapshot): its profile and the guess, if any. */
    public void sourceProfile(LayoutProfile p, ProfileGuess g) {
        this.sourceProfile = p;
        this.guess = g;
        update();
    }

    /** The user's choice as a profile, or null for auto. */
    public LayoutProfile chosen() {
        String c = choice.get();
        return c == null || AUTO.equals(c) ? null : registry.find(c).orElse(null);
    }

    private void update() {
        LayoutProfile c = chosen();
        LayoutProfile e = c != null ? c : sourceProfile;
        if (e == null) {
            label.set("");
        } else if (c != null) {
            label.set("chosen: " + c.name() + (guess == null ? "" : guessText(" · detected ")));
        } else if (guess != null && guess.profile().name().equals(e.name())) {
            label.set(guessText("auto: "));
        } else {
            label.set("from source: " + e.name() + (guess == null ? "" : guessText(" · detected ")));
        }
        effective.set(e);
    }

    private String guessText(String prefix) {
        return prefix + guess.profile().name()
                + String.format(Locale.ROOT, " (%.0f %% sure)", guess.confidence() * 100);
    }

    public ProfileGuess guess() { return guess; }
    public ObservableList<String> choices() { return choices; }
    public ObjectProperty<String> choiceProperty() { return choice; }
    public ReadOnlyObjectProperty<LayoutProfile> effectiveProperty() { return effective.getReadOnlyProperty(); }
    public ReadOnlyStringProperty labelProperty() { return label.getReadOnlyProperty(); }
    public ProfileRegistry registry() { return registry; }
}
