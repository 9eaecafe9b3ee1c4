package org.sda.engine.audio;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.List;
import java.util.Optional;

/**
 * A system library bound through JNA, looked up under several names: distributions without the
 * -dev package ship only the versioned name ({@code libsndfile.so.1}), other platforms the plain
 * one. Either the binding or the reason it is missing, for error messages.
 */
record NativeLibrary<T extends Library>(Optional<T> binding, String failure) {

    static <T extends Library> NativeLibrary<T> load(Class<T> type, List<String> names) {
        StringBuilder failures = new StringBuilder();
        for (String name : names) {
            try {
                return new NativeLibrary<>(Optional.of(Native.load(name, type)), "");
            } catch (UnsatisfiedLinkError e) {
                failures.append(name).append(": ").append(e.getMessage()).append("; ");
            }
        }
        return new NativeLibrary<>(Optional.empty(), failures.toString());
    }
}
