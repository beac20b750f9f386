package dev.capscope.app.cli;

import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --profile} / {@code --profile-dir}: which layout profile draws the areas. */
final class ProfileOptions {
    @Option(names = "--profile", paramLabel = "NAME",
            description = "Layout profile (default: the one the snapshot or target names)")
    String profile;

    @Option(names = "--profile-dir", paramLabel = "DIR",
            description = "Directory with your own profile JSON files (added to the built-in ones)")
    Path profileDir;

    /** The profile asked for, else {@code recorded} (from the snapshot or target), resolved in the registry. */
    LayoutProfile resolve(String recorded) {
        ProfileRegistry registry = ProfileRegistry.builtin();
        if (profileDir != null) {
            registry = registry.withUserDirectory(profileDir);
        }
        String name = profile != null ? profile : recorded;
        if (name == null) {
            throw new IllegalArgumentException("no layout profile named; pass --profile (one of "
                    + registry.names() + ")");
        }
        return registry.get(name);
    }
}
