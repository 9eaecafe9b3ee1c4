package org.sda.engine.dataset;

/** Which part of training a usable file belongs to; {@link #NONE} for skipped files. */
public enum Split {
    TRAIN,
    VALIDATION,
    NONE
}
