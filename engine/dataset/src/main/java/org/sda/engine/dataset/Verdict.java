package org.sda.engine.dataset;

/** What the import decided about one file. Every file gets exactly one. */
public enum Verdict {
    OK("ok"),
    NOT_AUDIO("not audio"),
    CORRUPT("corrupt or truncated"),
    EMPTY("empty file"),
    SILENT("silent"),
    TOO_SHORT("too short"),
    TOO_LONG("too long"),
    UNREADABLE("unreadable");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** Short human label, as shown in the inspect table. */
    public String label() {
        return label;
    }

    public boolean usable() {
        return this == OK;
    }
}
