package dev.capscope.core.lint;

/** How bad a finding is. ERROR: the space contradicts Genode's invariants; WARNING: suspicious. */
public enum Severity {
    ERROR,
    WARNING
}
