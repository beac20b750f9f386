package dev.capscope.core.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The layout profiles Capscope knows: the built-in ones (shipped as JSON from samples/profiles)
 * plus any a user adds from their own files. Immutable; the {@code with...} methods return a new
 * registry.
 */
public final class ProfileRegistry {
    /** Built-in profile files, shipped on the classpath by inspector-core's pom. */
    static final List<String> BUILTIN_FILES = List.of("genode-foc-16.json", "genode-foc-17.json", "genode-foc-19.json",
            "genode-foc-25.json", "l4re.json");
    private static final String BUILTIN_DIR = "/dev/capscope/core/profile/builtin/";
    private static final ProfileRegistry BUILTIN = loadBuiltin();

    private final Map<String, LayoutProfile> profiles;
    private final Map<String, String> origins;

    private ProfileRegistry(Map<String, LayoutProfile> profiles, Map<String, String> origins) {
        this.profiles = Collections.unmodifiableMap(new TreeMap<>(profiles));
        this.origins = Collections.unmodifiableMap(new TreeMap<>(origins));
    }

    /** The built-in profiles genode-foc-16, genode-foc-17, genode-foc-19, genode-foc-25 and l4re. */
    public static ProfileRegistry builtin() {
        return BUILTIN;
    }

    /** Reads one profile file; errors name the file, line, column and field. */
    public static LayoutProfile load(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ProfileFormatException(file.toString(), 1, 1, "", "cannot read the profile file: " + e,
                    "Check that the file exists and is readable", e);
        }
        return ProfileReader.read(file.toString(), content);
    }

    /** The profile with this name; the error lists every known name. */
    public LayoutProfile get(String name) {
        LayoutProfile p = profiles.get(name);
        if (p == null) {
            throw new UnknownProfileException("unknown layout profile '" + name + "'; known profiles: "
                    + String.join(", ", names()) + ". Add your own with a JSON file like samples/profiles/*.json");
        }
        return p;
    }

    public Optional<LayoutProfile> find(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    public SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(profiles.keySet()));
    }

    public List<LayoutProfile> all() {
        return List.copyOf(profiles.values());
    }

    /** Where a profile came from: "built-in" or the file path. */
    public String origin(String name) {
        get(name);
        return origins.get(name);
    }

    /** A registry with one more profile; a name that is already taken is refused. */
    public ProfileRegistry with(LayoutProfile profile, String origin) {
        String existing = origins.get(profile.name());
        if (existing != null) {
            throw new IllegalArgumentException("layout profile '" + profile.name() + "' from " + origin
                    + " is already defined by " + existing + "; give your profile another name");
        }
        Map<String, LayoutProfile> p = new TreeMap<>(profiles);
        Map<String, String> o = new TreeMap<>(origins);
        p.put(profile.name(), profile);
        o.put(profile.name(), origin);
        return new ProfileRegistry(p, o);
    }

    /**
     * This registry plus every {@code *.json} profile in {@code directory} (in name order). A
     * missing directory adds nothing, so callers can pass a default location unconditionally.
     */
    public ProfileRegistry withUserDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            return this;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory, "*.json")) {
            ds.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list profile directory " + directory, e);
        }
        Collections.sort(files);
        ProfileRegistry r = this;
        for (Path f : files) {
            LayoutProfile p = load(f);
            if (r.profiles.containsKey(p.name())) {
                throw new ProfileFormatException(f.toString(), 1, 1, "name", "profile name '" + p.name()
                        + "' is already defined by " + r.origins.get(p.name()), "Give your profile another name", null);
            }
            r = r.with(p, f.toString());
        }
        return r;
    }

    private static ProfileRegistry loadBuiltin() {
        Map<String, LayoutProfile> p = new TreeMap<>();
        Map<String, String> o = new TreeMap<>();
        for (String file : BUILTIN_FILES) {
            String resource = BUILTIN_DIR + file;
            try (InputStream in = ProfileRegistry.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("built-in profile " + resource
                            + " is missing from the classpath; rebuild inspector-core");
                }
                LayoutProfile profile = ProfileReader.read(resource, in.readAllBytes());
                p.put(profile.name(), profile);
                o.put(profile.name(), "built-in");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read built-in profile " + resource, e);
            }
        }
        return new ProfileRegistry(p, o);
    }
}
