package dev.capscope.app.cli;

import picocli.CommandLine;

/** Version from the jar manifest, or "dev" when run from classes. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    public static String version() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }

    /** What a snapshot records as the tool that wrote it, from the GUI and the command line alike. */
    public static String toolVersion() {
        return "capscope " + version();
    }

    @Override
    public String[] getVersion() {
        return new String[]{toolVersion()};
    }
}
