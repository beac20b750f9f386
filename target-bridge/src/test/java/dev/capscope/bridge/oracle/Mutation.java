package dev.capscope.bridge.oracle;

/**
 * One random change to the restored task between snapshot and restore. Selectors are picked at run
 * time ({@code pick} modulo the current candidates), so every generated sequence runs whatever the
 * state it meets.
 */
public sealed interface Mutation {
    /** stdin: open-session TASK IFACE LABEL [SERVER]. */
    record OpenSession(String iface, String label, String server) implements Mutation {
    }

    /** stdin: close-session TASK SEL, SEL the pick-th session entry. */
    record CloseSession(int pick) implements Mutation {
    }

    /** stdin: alloc-dataspace TASK SIZE. */
    record AllocDataspace(String size) implements Mutation {
    }

    /** stdin: start-thread TASK NAME. */
    record StartThread(String name) implements Mutation {
    }

    /** stdin: exit-thread TASK I, I the pick-th thread but the first. */
    record ExitThread(int pick) implements Mutation {
    }

    /** stdin: rename-thread TASK I NAME, I the pick-th thread (the main thread included). */
    record RenameThread(int pick, String name) implements Mutation {
    }

    /** stdin: free-dataspace TASK SEL, SEL the pick-th dataspace entry (the object is deleted). */
    record FreeDataspace(int pick) implements Mutation {
    }

    /** stdin: churn-step (the whole system changes a little). */
    record ChurnStep() implements Mutation {
    }

    /** protocol UNMAP of the pick-th valid selector (core area included). */
    record Unmap(int pick) implements Mutation {
    }

    /** protocol MAP_COPY (grant = false) or grant of the pick-th valid selector to {@code to}. */
    record Map(int pick, int to, int rights, boolean grant) implements Mutation {
    }
}
