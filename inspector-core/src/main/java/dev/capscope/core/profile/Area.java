package dev.capscope.core.profile;

/** Which part of the space a selector belongs to under a layout profile. */
public enum Area {
    /** Selector 0: Genode treats it as invalid; a valid cap here is an anomaly. */
    INVALID("invalid"),
    /** Core-controlled fixed slots (task, parent, debugger, unused kernel defaults). */
    FIXED("fixed slots"),
    /** Core-controlled per-thread slots (gate, pager, irq [, vcpu, vcpu-irq]). */
    THREADS("thread slots"),
    /** Core-controlled slots between the thread area and USER_BASE_CAP that nothing uses. */
    CORE_RESERVED("core reserved"),
    /** The component-controlled area: the cap map's allocator range USER_BASE_CAP..capMapEntries-1. */
    COMPONENT("component area"),
    /** Past the allocator's last index (0xFFF) up to 4296: any valid cap here is an anomaly. */
    BEYOND_ALLOCATOR("beyond allocator");

    private final String title;

    Area(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
