package dev.capscope.core.snapshot;

/** Field names of snapshot format v1, shared by writer and reader so the two cannot drift. */
final class SnapshotFields {
    static final int SCHEMA = 1;

    static final String CAP_MAP = "capMap";
    static final String META = "meta";
    static final String OBJECTS = "objects";
    static final String SLOTS = "slots";
    static final String THREADS = "threads";

    static final String ENDPOINT = "endpoint";
    static final String GENERATION = "generation";
    static final String KERNEL = "kernel";
    static final String NAME = "name";
    static final String PROFILE = "profile";
    static final String SCHEMA_FIELD = "schema";
    static final String TAKEN_AT = "takenAt";
    static final String TASK = "task";
    static final String TOOL_VERSION = "toolVersion";
    static final String TORN = "torn";

    static final String ID = "id";
    static final String KIND = "kind";
    static final String LABEL = "label";

    static final String OBJECT_ID = "objectId";
    static final String RIGHTS = "rights";
    static final String ROLE = "role";
    static final String SELECTOR = "selector";

    static final String INDEX = "index";
    static final String STATE = "state";

    static final String RAW_ID = "rawId";
    static final String REF_COUNT = "refCount";
    static final String SEMANTICS = "semantics";
    static final String ARGS = "args";
    static final String QUOTA = "quota";
    static final String RPC_INTERFACE = "rpcInterface";
    static final String SERVER = "server";

    /** Raw ids are 16 bits in Genode up to 2023 and 28 bits at HEAD. */
    static final long MAX_RAW_ID = (1L << 28) - 1;

    private SnapshotFields() {
    }
}
