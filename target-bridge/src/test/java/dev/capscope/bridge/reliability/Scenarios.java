package dev.capscope.bridge.reliability;

import dev.capscope.bridge.BridgeTarget;
import dev.capscope.bridge.CapsimProcess;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;

import java.nio.file.Path;

/** Shared setup of the reliability tests. */
final class Scenarios {
    private Scenarios() {
    }

    static Path scenario(String name) {
        return Path.of(System.getProperty("capscope.samples.dir", "../samples"), "scenarios", name + ".scn");
    }

    static CapsimProcess.Options options(String name) {
        return CapsimProcess.Options.of(scenario(name));
    }

    static LayoutProfile profile(BridgeTarget target) {
        return ProfileRegistry.builtin().find(target.hello().profile())
                .orElse(ProfileRegistry.builtin().get("genode-foc-19"));
    }
}
