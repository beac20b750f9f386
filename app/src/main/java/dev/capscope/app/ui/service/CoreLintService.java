package dev.capscope.app.ui.service;

import dev.capscope.core.lint.Finding;
import dev.capscope.core.lint.Linter;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Lint through the core's {@link Linter}: each finding is listed under every selector it names. */
public final class CoreLintService implements LintService {
    @Override
    public Map<Integer, List<String>> findings(CapSpace space, LayoutProfile profile) {
        Map<Integer, List<String>> out = new TreeMap<>();
        for (Finding f : Linter.lint(space, profile)) {
            String text = f.severity() + " " + f.ruleId() + ": " + f.message();
            for (int sel : f.selectors()) {
                out.computeIfAbsent(sel, k -> new ArrayList<>()).add(text);
            }
        }
        return out;
    }
}
