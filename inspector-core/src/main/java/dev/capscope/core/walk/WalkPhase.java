package dev.capscope.core.walk;

/** The steps of a walk, in order, as reported to a {@link WalkListener}. */
public enum WalkPhase {
    VALIDITY("checking validity of 0..4296"),
    CAP_INFOS("reading cap infos"),
    THREADS("reading threads"),
    CAP_MAP("reading the cap map"),
    ASSEMBLE("building the cap space"),
    DONE("done");

    private final String description;

    WalkPhase(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
