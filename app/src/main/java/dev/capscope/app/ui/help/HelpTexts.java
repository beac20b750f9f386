package dev.capscope.app.ui.help;

import java.util.List;
import java.util.Map;

/** The words of the Help windows. */
final class HelpTexts {
    private HelpTexts() {
    }

    /** Term, explanation. */
    static final List<String[]> TERMS = List.of(
            new String[]{"Selector and kcap",
                    "A selector is a slot index in a task's object space (what the tree and the map count). The kernel "
                            + "names the slot by its cap index, the selector shifted left by L4_CAP_SHIFT (12): "
                            + "selector 0x203 is kcap 0x203000. View > Numbers writes selectors, badges and labels in "
                            + "hex, decimal or both; kcaps are always hex."},
            new String[]{"Core-controlled area",
                    "The lower slots are laid out by Genode's core when it creates the component: the task cap at 1, "
                            + "the parent cap at PARENT_CAP, and from THREAD_AREA_BASE each thread's slots (gate, "
                            + "pager, irq, and on newer releases vcpu, vcpu-irq). Slots between the thread area and "
                            + "USER_BASE_CAP are core reserved. The layout profile (tool bar, Profile) says where each "
                            + "constant sits for a Genode release."},
            new String[]{"Component-controlled area (the cap map)",
                    "From USER_BASE_CAP on, the component's own capability registry (the cap map) allocates "
                            + "slots: each entry holds the capability's global id, which is its badge, and a "
                            + "reference count. Capscope shows what each entry means: the RPC interface, the session "
                            + "label and arguments, the serving component. A cap-map entry without a badge waiting "
                            + "for a capability is a receive window."},
            new String[]{"Badge and gate label",
                    "Core gives every RPC object an id (in steps of 4) and creates its IPC gate with that id as the "
                            + "label; the cap map stores the same id. So for a session cap, badge = gate label."},
            new String[]{"Anomalies",
                    "Shown in red: a valid cap at selector 0 or beyond the allocator's last index (0xFFF), and "
                            + "whatever lint finds: valid caps without a cap-map entry (leaks), entries whose slot is "
                            + "empty (dangling), half-filled thread slots, receive windows that are not four slots, "
                            + "duplicate badges. Edit > Next anomaly (F8) walks through them."},
            new String[]{"Live marks and diff marks",
                    "With Live refresh, new rows flash green, changed ones amber, and removed ones stay greyed for a "
                            + "few seconds. In a diff: added, removed, changed (field by field) and rebound (the same "
                            + "meaning with a new identity, e.g. a session re-created after a restore)."});

    /** Legend entry -> what it means. */
    static final Map<String, String> COLOURS = Map.ofEntries(
            Map.entry("Task", "a task capability (the component's own task at selector 1)"),
            Map.entry("Thread", "a thread (each thread's gate slot)"),
            Map.entry("Ipc_gate", "an IPC gate: a session, the parent, an RPC object"),
            Map.entry("Irq", "an IRQ sender or semaphore"),
            Map.entry("other kernel object", "factory, scheduler, log, ICU, VM, …"),
            Map.entry("kind unknown", "valid, but the kernel did not say what it is (no debugger object)"),
            Map.entry("anomaly", "a valid cap where none may be, or a lint finding"),
            Map.entry("receive window (entry, no cap yet)", "a cap-map entry without badge and without a cap"),
            Map.entry("empty: fixed", "an empty core-controlled fixed slot"),
            Map.entry("thread slots", "an empty per-thread slot"),
            Map.entry("core reserved", "an empty slot between the thread area and USER_BASE_CAP"),
            Map.entry("component area", "an empty slot of the cap map's range"),
            Map.entry("beyond allocator", "an empty slot past the allocator's last index"));

    static String about() {
        String fx = System.getProperty("javafx.runtime.version", System.getProperty("javafx.version", "unknown"));
        return "Capscope " + dev.capscope.app.cli.VersionProvider.version() + "\n"
                + "Snapshot format: schema " + dev.capscope.core.model.SnapshotMeta.CURRENT_SCHEMA + "\n"
                + "Agent protocol: version 1\n"
                + "Java: " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")\n"
                + "JavaFX: " + fx + "\n"
                + "OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + "\n"
                + "Installed at: " + System.getProperty("capscope.home", "(run from the build)") + "\n";
    }
}
