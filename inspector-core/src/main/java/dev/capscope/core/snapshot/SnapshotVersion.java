package dev.capscope.core.snapshot;

import dev.capscope.core.json.LocatedNode;
import dev.capscope.core.json.SchemaVersions;
import dev.capscope.core.json.StrictObject;

/** The version check of a snapshot file, before any other field is read. */
final class SnapshotVersion {
    private SnapshotVersion() {
    }

    /**
     * The top-level "schemaVersion" ("1.1"; absent in files of format 1.0). A newer major is refused
     * before anything else is read, since its fields may mean something else; returns whether the
     * file is a newer minor (its extra fields then need a newer Capscope, which the hint says).
     */
    static boolean check(StrictObject root) {
        LocatedNode node = root.optional(SchemaVersions.FIELD);
        if (node == null) {
            return false;
        }
        if (node.type() != LocatedNode.Type.STRING) {
            throw refuse(node, "schemaVersion is " + node.type().description() + ", not a version"
                    + " string like \"" + SchemaVersions.SNAPSHOT + "\"", "Correct it to \"" + SchemaVersions.SNAPSHOT
                    + "\" if the file was written by this Capscope, or take the snapshot again");
        }
        String text = node.asString();
        int major = SchemaVersions.major(text);
        int ours = SchemaVersions.major(SchemaVersions.SNAPSHOT);
        if (major < 0) {
            throw refuse(node, "schemaVersion \"" + text + "\" is not a version like \""
                    + SchemaVersions.SNAPSHOT + "\"", "Correct it to \"" + SchemaVersions.SNAPSHOT
                    + "\" if the file was written by this Capscope, or take the snapshot again");
        }
        if (major > ours) {
            throw refuse(node, "snapshot format " + text + " is newer than the format " + ours
                    + ".x this Capscope reads", "Open it with a newer Capscope (one that reads format " + major
                    + "), or take the snapshot again with this one");
        }
        if (major < ours) {
            throw refuse(node, "snapshot format " + text + " does not exist (formats start at "
                    + ours + ".0)", "The file was not written by Capscope; take the snapshot again");
        }
        return SchemaVersions.minor(text) > SchemaVersions.minor(SchemaVersions.SNAPSHOT);
    }

    private static SnapshotReader.SchemaException refuse(LocatedNode node, String problem, String hint) {
        return new SnapshotReader.SchemaException(node, problem, hint);
    }
}
