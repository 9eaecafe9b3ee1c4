package org.sda.engine.audio;

import static org.sda.engine.audio.AudioReadException.Kind.CORRUPT;
import static org.sda.engine.audio.AudioReadException.Kind.NOT_AUDIO;
import static org.sda.engine.audio.AudioReadException.Kind.UNREADABLE;
import static org.sda.engine.audio.LibSndfile.*;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reading, probing and writing through libsndfile.
 *
 * <p>Decoding runs in blocks of {@value #BLOCK_FRAMES} frames through one native buffer, so the
 * only large allocation is the result. A file whose header states a length is checked against
 * it after decoding: fewer frames than promised means the file was cut off or damaged, which
 * libsndfile itself reports only as an early end.
 *
 * <p>Threading: opens are serialised (libsndfile reports open failures through a process-wide
 * error slot); decoding and encoding run in parallel, one handle per call.
 */
final class SndfileCodec {

    static final int BLOCK_FRAMES = 8192;
    private static final Object OPEN_LOCK = new Object();

    private SndfileCodec() {}

    static boolean isAvailable() {
        return LibSndfile.instance().isPresent();
    }

    /** The loaded library's version string, for diagnostics. */
    static String version() {
        return library().sf_version_string();
    }

    /** Whether the installed library accepts this encoding, rate and channel count for writing. */
    static boolean canWrite(AudioEncoding encoding, int sampleRate, int channels) {
        SfInfo info = new SfInfo();
        info.samplerate = sampleRate;
        info.channels = channels;
        info.format = formatCode(encoding);
        return library().sf_format_check(info) != SF_FALSE;
    }

    static LibSndfile library() {
        return LibSndfile.instance().orElseThrow(() -> new IllegalStateException(
                "libsndfile1 is not installed (" + LibSndfile.unavailableReason() + ")"));
    }

    /** An open read handle with the header libsndfile found. Close it. */
    private record Opened(Pointer handle, SfInfo info) implements AutoCloseable {
        @Override
        public void close() {
            library().sf_close(handle);
        }
    }

    private static Opened openForRead(Path file) throws AudioReadException {
        LibSndfile sf = library();
        SfInfo info = new SfInfo();
        synchronized (OPEN_LOCK) {
            Pointer handle = sf.sf_open(file.toString(), SFM_READ, info);
            if (handle == null) {
                int error = sf.sf_error(null);
                String reason = message(sf.sf_strerror(null));
                // Trust the bytes over the decoder's error code: libsndfile chooses a decoder partly
                // by extension, so non-audio named .mp3 fails as if it were a damaged MP3.
                boolean recognised = FileSignature.detect(file).isPresent();
                AudioReadException.Kind kind = error == SF_ERR_SYSTEM ? UNREADABLE
                        : error == SF_ERR_UNRECOGNISED_FORMAT || !recognised ? NOT_AUDIO : CORRUPT;
                // libsndfile's own words ("unknown error in flac decoder") do not tell a user what is wrong.
                throw new AudioReadException(file, kind, kind == NOT_AUDIO ? "not a recognised audio format"
                        : kind == CORRUPT ? "corrupt or cut short (the decoder says: " + reason + ")" : reason);
            }
            info.read();
            return new Opened(handle, info);
        }
    }

    static AudioInfo probe(Path file) throws AudioReadException {
        try (Opened opened = openForRead(file)) {
            return describe(opened.info());
        }
    }

    private static AudioInfo describe(SfInfo info) {
        long frames = info.frames == SF_COUNT_MAX || info.frames < 0 ? -1 : info.frames;
        return new AudioInfo(formatName(info.format), encodingName(info.format),
                info.samplerate, info.channels, frames);
    }

    /**
     * Decodes a whole file.
     *
     * @throws AudioReadException {@code CORRUPT} when fewer frames decode than the header states
     *     or libsndfile reports a decoding error; {@code TOO_LONG} past {@code maxSeconds}
     */
    static AudioBuffer read(Path file, double maxSeconds) throws AudioReadException {
        return read(file, maxSeconds, false);
    }

    /**
     * Decodes a file, or with {@code startOnly} just its first {@code maxSeconds} (the rest is
     * never decoded, so a long file costs only what is kept).
     */
    static AudioBuffer read(Path file, double maxSeconds, boolean startOnly) throws AudioReadException {
        LibSndfile sf = library();
        try (Opened opened = openForRead(file)) {
            SfInfo info = opened.info();
            int channelCount = info.channels;
            int rate = info.samplerate;
            if (channelCount <= 0 || rate <= 0) {
                throw new AudioReadException(file, CORRUPT,
                        "header has " + channelCount + " channels at " + rate + " Hz");
            }
            boolean lengthKnown = info.frames != SF_COUNT_MAX && info.frames >= 0;
            long declared = lengthKnown ? info.frames : -1;
            long keep = startOnly ? AudioFiles.maxFrames(rate, maxSeconds) : Long.MAX_VALUE;
            int capacity = lengthKnown
                    ? AudioFiles.checkLength(file, Math.min(declared, keep), rate, channelCount, maxSeconds)
                    : BLOCK_FRAMES;
            float[][] channels = new float[channelCount][capacity];
            Memory block = new Memory((long) BLOCK_FRAMES * channelCount * Float.BYTES);
            float[] interleaved = new float[BLOCK_FRAMES * channelCount];
            int frames = 0;
            while (frames < keep) {
                long got = sf.sf_readf_float(opened.handle(), block, Math.min(BLOCK_FRAMES, keep - frames));
                if (got <= 0) {
                    break;
                }
                int n = (int) got;
                if (frames + n > capacity) {
                    // Lossy decoders may give a few frames more than estimated; grow, but never
                    // past the caller's limit.
                    AudioFiles.checkLength(file, (long) frames + n, rate, channelCount, maxSeconds);
                    capacity = (int) Math.min(AudioFiles.maxFrames(rate, maxSeconds),
                            Math.max((long) frames + n, 2L * capacity));
                    for (int c = 0; c < channelCount; c++) {
                        channels[c] = Arrays.copyOf(channels[c], capacity);
                    }
                }
                block.read(0, interleaved, 0, n * channelCount);
                for (int i = 0, k = 0; i < n; i++) {
                    for (int c = 0; c < channelCount; c++) {
                        channels[c][frames + i] = interleaved[k++];
                    }
                }
                frames += n;
            }
            int error = sf.sf_error(opened.handle());
            String decoderError = error == SF_ERR_NO_ERROR ? "" : message(sf.sf_strerror(opened.handle()));
            if (lengthKnown && frames < declared && frames < keep) {
                // The usual sign of a cut-off file; the decoder's complaint, if any, is a detail.
                AudioReadException cut = AudioFiles.truncated(file, declared, frames);
                throw decoderError.isEmpty() ? cut : new AudioReadException(file, CORRUPT,
                        cut.getMessage().substring(file.toString().length() + 2)
                                + " (decoder: " + decoderError + ")");
            }
            if (error != SF_ERR_NO_ERROR) {
                throw new AudioReadException(file, CORRUPT,
                        "decoding failed after " + frames + " frames: " + decoderError);
            }
            if (frames == 0) {
                throw new AudioReadException(file, CORRUPT, "contains no audio frames");
            }
            if (frames != capacity) {
                for (int c = 0; c < channelCount; c++) {
                    channels[c] = Arrays.copyOf(channels[c], frames);
                }
            }
            return new AudioBuffer(channels, rate);
        }
    }

    /**
     * Encodes {@code audio} into a new file at {@code file} (libsndfile creates or truncates
     * it); error messages name {@code target}, the path the caller asked for. Integer encodings are rounded and clipped here, in Java, so that they match the
     * pure-Java WAV writer exactly; lossy encoders get floats clipped to [-1, 1].
     */
    static void write(Path file, Path target, AudioBuffer audio, AudioEncoding encoding)
            throws IOException {
        write(file, target, audio, encoding.name(), formatCode(encoding),
                encoding.isInteger() ? encoding.bitsPerSample() : 0);
    }

    /**
     * Writes with a raw libsndfile format code; {@code integerBits} is 0 for float and lossy
     * subtypes. Package-private so tests can produce formats this package does not offer.
     */
    static void write(Path file, Path target, AudioBuffer audio, String description, int format,
                      int integerBits) throws IOException {
        LibSndfile sf = library();
        SfInfo info = new SfInfo();
        info.samplerate = audio.sampleRate();
        info.channels = audio.channelCount();
        info.format = format;
        if (sf.sf_format_check(info) == SF_FALSE) {
            throw new IOException(target + ": the installed libsndfile cannot write " + description
                    + " at " + audio.sampleRate() + " Hz with " + audio.channelCount() + " channels");
        }
        Pointer handle;
        synchronized (OPEN_LOCK) {
            handle = sf.sf_open(file.toString(), SFM_WRITE, info);
            if (handle == null) {
                throw new IOException(target + ": the installed libsndfile cannot write "
                        + description + ": " + message(sf.sf_strerror(null)));
            }
        }
        boolean closed = false;
        try {
            // Integer output: pass values already scaled to integer steps, so libsndfile's own
            // float-to-int scale (2^(n-1) - 1) does not differ from the reading scale (2^(n-1)).
            boolean scaled = integerBits > 0;
            sf.sf_command(handle, SFC_SET_NORM_FLOAT, null, scaled ? SF_FALSE : SF_TRUE);
            sf.sf_command(handle, SFC_SET_CLIPPING, null, SF_TRUE);
            int channelCount = audio.channelCount();
            Memory block = new Memory((long) BLOCK_FRAMES * channelCount * Float.BYTES);
            float[] interleaved = new float[BLOCK_FRAMES * channelCount];
            float[][] channels = audio.channels();
            for (int start = 0; start < audio.frameCount(); start += BLOCK_FRAMES) {
                int n = Math.min(BLOCK_FRAMES, audio.frameCount() - start);
                for (int i = 0, k = 0; i < n; i++) {
                    for (int c = 0; c < channelCount; c++) {
                        float v = channels[c][start + i];
                        interleaved[k++] = scaled ? WavCodec.quantise(v, integerBits)
                                : Float.isNaN(v) ? 0f : Math.max(-1f, Math.min(1f, v));
                    }
                }
                block.write(0, interleaved, 0, n * channelCount);
                long written = sf.sf_writef_float(handle, block, n);
                if (written != n) {
                    throw new IOException(target + ": writing " + description + " failed: "
                            + message(sf.sf_strerror(handle)));
                }
            }
            closed = true;
            int error = sf.sf_close(handle);
            if (error != SF_ERR_NO_ERROR) {
                throw new IOException(target + ": finishing " + description + " failed: error " + error);
            }
        } finally {
            if (!closed) {
                sf.sf_close(handle);
            }
        }
    }

    /** libsndfile's text without its "Error : " prefix, which our messages already imply. */
    private static String message(String libsndfileError) {
        if (libsndfileError == null) {
            return "unknown libsndfile error";
        }
        return libsndfileError.startsWith("Error : ")
                ? libsndfileError.substring("Error : ".length()) : libsndfileError;
    }

    static int formatCode(AudioEncoding encoding) {
        return switch (encoding) {
            case WAV_PCM16 -> SF_FORMAT_WAV | SF_FORMAT_PCM_16;
            case WAV_PCM24 -> SF_FORMAT_WAV | SF_FORMAT_PCM_24;
            case WAV_FLOAT32 -> SF_FORMAT_WAV | SF_FORMAT_FLOAT;
            case AIFF_PCM16 -> SF_FORMAT_AIFF | SF_FORMAT_PCM_16;
            case AIFF_PCM24 -> SF_FORMAT_AIFF | SF_FORMAT_PCM_24;
            case FLAC_PCM16 -> SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
            case FLAC_PCM24 -> SF_FORMAT_FLAC | SF_FORMAT_PCM_24;
            case OGG_VORBIS -> SF_FORMAT_OGG | SF_FORMAT_VORBIS;
            case OGG_OPUS -> SF_FORMAT_OGG | SF_FORMAT_OPUS;
            case MP3 -> SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
        };
    }

    static String formatName(int format) {
        return switch (format & SF_FORMAT_TYPEMASK) {
            case SF_FORMAT_WAV, SF_FORMAT_WAVEX -> "WAV";
            case SF_FORMAT_RF64 -> "RF64";
            case SF_FORMAT_W64 -> "W64";
            case SF_FORMAT_AIFF -> "AIFF";
            case SF_FORMAT_AU -> "AU";
            case SF_FORMAT_CAF -> "CAF";
            case SF_FORMAT_FLAC -> "FLAC";
            case SF_FORMAT_OGG -> "OGG";
            case SF_FORMAT_MPEG -> "MP3";
            default -> String.format("libsndfile-0x%06X", format & SF_FORMAT_TYPEMASK);
        };
    }

    static String encodingName(int format) {
        return switch (format & SF_FORMAT_SUBMASK) {
            case SF_FORMAT_PCM_S8 -> "PCM_S8";
            case SF_FORMAT_PCM_U8 -> "PCM_U8";
            case SF_FORMAT_PCM_16 -> "PCM_16";
            case SF_FORMAT_PCM_24 -> "PCM_24";
            case SF_FORMAT_PCM_32 -> "PCM_32";
            case SF_FORMAT_FLOAT -> "FLOAT";
            case SF_FORMAT_DOUBLE -> "DOUBLE";
            case SF_FORMAT_ULAW -> "ULAW";
            case SF_FORMAT_ALAW -> "ALAW";
            case SF_FORMAT_IMA_ADPCM -> "IMA_ADPCM";
            case SF_FORMAT_MS_ADPCM -> "MS_ADPCM";
            case SF_FORMAT_VORBIS -> "VORBIS";
            case SF_FORMAT_OPUS -> "OPUS";
            case SF_FORMAT_MPEG_LAYER_I -> "MPEG_LAYER_I";
            case SF_FORMAT_MPEG_LAYER_II -> "MPEG_LAYER_II";
            case SF_FORMAT_MPEG_LAYER_III -> "MPEG_LAYER_III";
            default -> String.format("libsndfile-0x%04X", format & SF_FORMAT_SUBMASK);
        };
    }
}
