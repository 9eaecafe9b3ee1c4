package org.sda.engine.bridge;

import java.nio.file.Path;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The plugin's voice renderer for Java callers: libsda-voices.so as voices_api.c exports it (JNA). */
public interface VoicesLibrary extends Library {

    /** The library this module's build made. */
    static VoicesLibrary load() {
        Path library = Path.of(System.getProperty("shim.target", "target"), "libsda-voices.so").toAbsolutePath();
        return Native.load(library.toString(), VoicesLibrary.class);
    }

    Pointer sda_voices_api_new(double sampleRate, int maxSpan);

    void sda_voices_api_free(Pointer handle);

    int sda_voices_api_add(Pointer handle, float[] samples, int[] frames, int octaves, long index);

    int sda_voices_api_render(Pointer handle, float[] left, float[] right, int frames, int[] offsets, int[] kinds,
                              int[] indexes, double[] values, int count);

    long sda_voices_api_notes_without_sound(Pointer handle);

    Pointer sda_voices_api_shared(Pointer handle);

    int sda_voices_api_active(Pointer handle);

    int sda_voices_api_voice(Pointer handle, int i, double[] out);

    int sda_voices_api_engine(Pointer handle, double[] out);
}
