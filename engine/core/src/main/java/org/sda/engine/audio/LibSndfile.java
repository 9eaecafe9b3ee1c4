package org.sda.engine.audio;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import java.util.List;
import java.util.Optional;

/**
 * The part of libsndfile's C API that this package uses, mapped through JNA, plus the lazy
 * loader that finds the library.
 *
 * <p>Only the declarations live here; {@link SndfileCodec} holds the logic. The constants are
 * copied from {@code sndfile.h} (they are part of libsndfile's stable ABI).
 *
 * <p>Threading: libsndfile is safe to use from several threads as long as each {@code SNDFILE}
 * handle stays with one thread at a time. The one exception is the error state of a failed
 * {@code sf_open}, which libsndfile keeps in a process-wide variable; {@link SndfileCodec}
 * serialises opens for that reason.
 */
interface LibSndfile extends Library {

    int SFM_READ = 0x10;
    int SFM_WRITE = 0x20;

    int SF_FALSE = 0;
    int SF_TRUE = 1;

    int SF_FORMAT_WAV = 0x010000;
    int SF_FORMAT_AIFF = 0x020000;
    int SF_FORMAT_AU = 0x030000;
    int SF_FORMAT_RAW = 0x040000;
    int SF_FORMAT_W64 = 0x0B0000;
    int SF_FORMAT_WAVEX = 0x130000;
    int SF_FORMAT_FLAC = 0x170000;
    int SF_FORMAT_CAF = 0x180000;
    int SF_FORMAT_OGG = 0x200000;
    int SF_FORMAT_RF64 = 0x220000;
    int SF_FORMAT_MPEG = 0x230000;

    int SF_FORMAT_PCM_S8 = 0x0001;
    int SF_FORMAT_PCM_16 = 0x0002;
    int SF_FORMAT_PCM_24 = 0x0003;
    int SF_FORMAT_PCM_32 = 0x0004;
    int SF_FORMAT_PCM_U8 = 0x0005;
    int SF_FORMAT_FLOAT = 0x0006;
    int SF_FORMAT_DOUBLE = 0x0007;
    int SF_FORMAT_ULAW = 0x0010;
    int SF_FORMAT_ALAW = 0x0011;
    int SF_FORMAT_IMA_ADPCM = 0x0012;
    int SF_FORMAT_MS_ADPCM = 0x0013;
    int SF_FORMAT_VORBIS = 0x0060;
    int SF_FORMAT_OPUS = 0x0064;
    int SF_FORMAT_MPEG_LAYER_I = 0x0080;
    int SF_FORMAT_MPEG_LAYER_II = 0x0081;
    int SF_FORMAT_MPEG_LAYER_III = 0x0082;

    int SF_FORMAT_SUBMASK = 0x0000FFFF;
    int SF_FORMAT_TYPEMASK = 0x0FFF0000;

    int SFC_SET_NORM_FLOAT = 0x1013;
    int SFC_SET_CLIPPING = 0x10C0;
    int SFC_SET_VBR_ENCODING_QUALITY = 0x1300;
    int SFC_SET_COMPRESSION_LEVEL = 0x1301;

    int SF_ERR_NO_ERROR = 0;
    int SF_ERR_UNRECOGNISED_FORMAT = 1;
    int SF_ERR_SYSTEM = 2;
    int SF_ERR_MALFORMED_FILE = 3;
    int SF_ERR_UNSUPPORTED_ENCODING = 4;

    /** sf_count_t is 64 bits on every platform libsndfile supports. */
    long SF_COUNT_MAX = Long.MAX_VALUE;

    /** {@code SF_INFO}: filled by sf_open when reading, supplied by the caller when writing. */
    @FieldOrder({"frames", "samplerate", "channels", "format", "sections", "seekable"})
    final class SfInfo extends Structure {
        public long frames;
        public int samplerate;
        public int channels;
        public int format;
        public int sections;
        public int seekable;
    }

    Pointer sf_open(String path, int mode, SfInfo info);

    int sf_close(Pointer sndfile);

    long sf_readf_float(Pointer sndfile, Pointer buffer, long frames);

    long sf_writef_float(Pointer sndfile, Pointer buffer, long frames);

    int sf_error(Pointer sndfile);

    String sf_strerror(Pointer sndfile);

    int sf_format_check(SfInfo info);

    int sf_command(Pointer sndfile, int command, Pointer data, int datasize);

    String sf_version_string();

    /** The loaded library, or empty if none could be found. Looked up once, on first use. */
    static Optional<LibSndfile> instance() {
        return Holder.LIBRARY.binding();
    }

    /** Why the library is absent, for error messages; empty when it loaded. */
    static String unavailableReason() {
        return Holder.LIBRARY.failure();
    }

    /** Initialisation-on-demand: the library is only looked for when first needed. */
    final class Holder {
        static final NativeLibrary<LibSndfile> LIBRARY = NativeLibrary.load(LibSndfile.class, List.of("libsndfile.so.1", "sndfile", "libsndfile-1"));

        private Holder() {}
    }
}
