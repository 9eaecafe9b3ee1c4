package org.sda.engine.instrument.preset;

import java.io.IOException;
import java.nio.file.Path;

/** A preset file that cannot be used; the message names the file and says what is wrong. */
public final class PresetException extends IOException {
    private static final long serialVersionUID = 1L;

    PresetException(Path file, String what) {
        super((file == null ? "preset" : file.toString()) + ": " + what);
    }
}
