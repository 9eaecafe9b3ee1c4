package org.sda.engine.bridge;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The plugin's voice renderer for Java callers: {@code libsda-voices.so} as plugin-shim's
 * {@code voices_api.c} exports it (JNA interface mapping). The parity tests call it with arrays;
 * the standalone host's render path goes through {@link NativeVoices}, which maps the render call
 * directly (no argument arrays or boxing per call).
 *
 * <p>Where the library is found: the file the system property {@value #LIBRARY_PROPERTY} names,
 * else JNA's search for {@code sda-voices} ({@code jna.library.path}, the system's library path,
 * then the class path's {@code linux-x86-64/libsda-voices.so}, which this module's build compiles from
 * plugin-shim's sources and its jar carries).
 */
public interface VoicesLibrary extends Library {

    /** A system property naming the library file, ahead of the usual search. */
    String LIBRARY_PROPERTY = "sda.voices.library";

    /** The library's name for JNA's search. */
    String NAME = "sda-voices";

    /**
     * Loads the library.
     *
     * @throws UnsatisfiedLinkError when it is not found (the plugin-shim module was not built)
     */
    static VoicesLibrary load() {
        return Native.load(location(), VoicesLibrary.class);
    }

    /** What JNA is asked to load: the file {@value #LIBRARY_PROPERTY} names, else {@value #NAME}. */
    static String location() {
        String file = System.getProperty(LIBRARY_PROPERTY);
        return file != null && !file.isBlank() ? file : NAME;
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
