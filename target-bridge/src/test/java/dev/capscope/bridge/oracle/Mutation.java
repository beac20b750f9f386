package dev.capscope.bridge.oracle;

/**
 * One random change to the restored task between snapshot and restore. Selectors are picked at run
 * time ({@code pick} modulo the current candidates), so every generated sequence runs whatever the
 * state it meets. Shown in jqwik's report in the capsim command syntax where there is one.
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
