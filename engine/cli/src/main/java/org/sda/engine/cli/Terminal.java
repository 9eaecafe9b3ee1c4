package org.sda.engine.cli;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** Whether standard error is an interactive terminal, so progress bars are drawn only there. */
final class Terminal {

    private interface C extends Library {
        int isatty(int fd);
    }

    private static final boolean STDERR_IS_TERMINAL = detect();

    private Terminal() {
    }

    static boolean stderrIsInteractive() {
        return STDERR_IS_TERMINAL;
    }

    private static boolean detect() {
        if (System.getenv("SDA_PROGRESS") != null) {
            return !"0".equals(System.getenv("SDA_PROGRESS"));
        }
        try {
            return Native.load("c", C.class).isatty(2) == 1;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // No libc through JNA (unusual platform): fall back to the JDK's weaker check.
            return System.console() != null;
        }
    }
}
