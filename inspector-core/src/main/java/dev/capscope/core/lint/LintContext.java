package dev.capscope.core.lint;

import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.SelectorLayout;

import java.util.Objects;

/** What a rule looks at: the space and the layout it was walked under. */
public record LintContext(CapSpace space, LayoutProfile profile, SelectorLayout layout) {
    public LintContext {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(layout, "layout");
    }

    public static LintContext of(CapSpace space, LayoutProfile profile) {
        return new LintContext(space, profile, SelectorLayout.of(profile));
    }

    /** "Ipc_gate", "Task", ... or "unknown" for the object a valid selector names. */
    public String kindAt(int selector) {
        var o = space.objectAt(selector);
        return o == null ? "unknown" : o.kind().kernelName();
    }
}
