package org.sda.engine.audio;

import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import java.util.List;
import java.util.Optional;

/**
 * The part of libsoxr's C API that {@link Resampler} uses, mapped through JNA, plus the lazy
 * loader. Constants and struct layouts are copied from {@code soxr.h}.
 *
 * <p>{@code soxr_oneshot} keeps no state between calls and is safe to call from several threads.
 */
interface LibSoxr extends Library {

    /** Recipe: 20-bit precision, the library's "high quality". */
    int SOXR_HQ = 4;
    /** Recipe: 28-bit precision, "very high quality". */
    int SOXR_VHQ = 6;
    /** soxr_datatype_t: 32-bit float, channels interleaved. */
    int SOXR_FLOAT32_I = 0;

    /** C {@code size_t}: pointer-sized on every platform JNA supports. */
    final class SizeT extends IntegerType {
        public SizeT() {
            this(0);
        }

        public SizeT(long value) {
            super(Native.SIZE_T_SIZE, value, true);
        }
    }

    /** {@code soxr_quality_spec_t}, returned by value from {@link #soxr_quality_spec}. */
    @FieldOrder({"precision", "phase_response", "passband_end", "stopband_begin", "e", "flags"})
    class QualitySpec extends Structure {
        public double precision;
        public double phase_response;
        public double passband_end;
        public double stopband_begin;
        public Pointer e;
        public NativeLong flags;

        /** The by-value flavour JNA needs for a struct returned from a function. */
        public static final class ByValue extends QualitySpec implements Structure.ByValue {}
    }

    /** {@code soxr_io_spec_t}, returned by value from {@link #soxr_io_spec}. */
    @FieldOrder({"itype", "otype", "scale", "e", "flags"})
    class IoSpec extends Structure {
        public int itype;
        public int otype;
        public double scale;
        public Pointer e;
        public NativeLong flags;

        public static final class ByValue extends IoSpec implements Structure.ByValue {}
    }

    QualitySpec.ByValue soxr_quality_spec(NativeLong recipe, NativeLong flags);

    IoSpec.ByValue soxr_io_spec(int inputType, int outputType);

    /**
     * Resamples a whole signal in one call. Returns {@code null} on success, otherwise an error
     * text owned by libsoxr. The spec pointers are {@code const} in C; JNA passes them by
     * reference.
     */
    String soxr_oneshot(double inputRate, double outputRate, int channels,
                        Pointer in, SizeT inputFrames, Pointer inputDone,
                        Pointer out, SizeT outputFrames, Pointer outputDone,
                        IoSpec ioSpec, QualitySpec qualitySpec, Pointer runtimeSpec);

    String soxr_version();

    /** The loaded library, or empty if none could be found. Looked up once, on first use. */
    static Optional<LibSoxr> instance() {
        return Holder.LIBRARY.binding();
    }

    /** Why the library is absent, for error messages; empty when it loaded. */
    static String unavailableReason() {
        return Holder.LIBRARY.failure();
    }

    /** Initialisation-on-demand: the library is only looked for when first needed. */
    final class Holder {
        static final NativeLibrary<LibSoxr> LIBRARY = NativeLibrary.load(LibSoxr.class, List.of("libsoxr.so.0", "soxr"));

        private Holder() {}
    }
}
