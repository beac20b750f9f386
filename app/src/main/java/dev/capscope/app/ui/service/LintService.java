package dev.capscope.app.ui.service;

import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;

import java.util.List;
import java.util.Map;

/** Lint findings of a space, by selector: one readable sentence each. */
@FunctionalInterface
public interface LintService {
    Map<Integer, List<String>> findings(CapSpace space, LayoutProfile profile);

    LintService NONE = (s, p) -> Map.of();
}
