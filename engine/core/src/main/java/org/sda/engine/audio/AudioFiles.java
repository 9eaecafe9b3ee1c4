package org.sda.engine.audio;

import static org.sda.engine.audio.AudioReadException.Kind.CORRUPT;
import static org.sda.engine.audio.AudioReadException.Kind.EMPTY;
import static org.sda.engine.audio.AudioReadException.Kind.NOT_AUDIO;
import static org.sda.engine.audio.AudioReadException.Kind.TOO_LONG;
import static org.sda.engine.audio.AudioReadException.Kind.UNREADABLE;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.sda.engine.io.AtomicFiles;

/**
 * Reading, probing and writing audio files: the one entry point for file I/O in the engine.
 *
 * <p><b>Reading.</b> Everything goes through libsndfile when it is installed (WAV in all its
 * encodings, AIFF, FLAC, Ogg Vorbis, Opus, MP3 and whatever else the installed build knows).
 * Without libsndfile, WAV with integer or float samples still reads through the pure-Java
 * {@link WavCodec}; other formats fail with a message saying libsndfile1 is needed. Failures
 * are classified by {@link AudioReadException.Kind}:
 * <ul>
 *   <li>{@code UNREADABLE}: missing, a directory, or no permission;
 *   <li>{@code EMPTY}: zero bytes;
 *   <li>{@code NOT_AUDIO}: no format recognised (a text file renamed {@code .wav});
 *   <li>{@code CORRUPT}: a known format that is cut short or damaged, for example a WAV or
 *       AIFF whose sound data is shorter than its header says, or a FLAC or MP3 that decodes
 *       fewer frames than its header promises;
 *   <li>{@code TOO_LONG}: decoding would exceed the length limit (by default
 *       {@value #DEFAULT_MAX_SECONDS} s) or the JVM's maximum heap. The check happens before the
 *       samples are allocated, so a huge file costs a header read, not an OutOfMemoryError.
 * </ul>
 *
 * <p><b>Writing</b> is atomic (see {@link org.sda.engine.io.AtomicFiles}): the target is either left as it was
 * or replaced whole. WAV is written in pure Java; other encodings need libsndfile.
 *
 * <p>Threading: all methods are safe to call concurrently. Each read allocates the decoded
 * buffer plus one small transfer block; nothing is cached between calls.
 */
public final class AudioFiles {

    /** The default read limit: 30 minutes, about 660 MiB for stereo at 48 kHz. */
    public static final double DEFAULT_MAX_SECONDS = 30 * 60;

    private AudioFiles() {}

    /** Decodes a whole file, refusing anything longer than {@value #DEFAULT_MAX_SECONDS} s. */
    public static AudioBuffer read(Path file) throws AudioReadException {
        return read(file, DEFAULT_MAX_SECONDS);
    }

    /**
     * Decodes a whole file.
     *
     * @param maxSeconds longest audio to accept; longer files fail with {@code TOO_LONG}
     */
    public static AudioBuffer read(Path file, double maxSeconds) throws AudioReadException {
        return read(file, maxSeconds, false);
    }

    /**
     * Decodes only the first {@code seconds} of a file (all of it if shorter): what cropping a
     * long recording needs, at the cost of what is kept. A file damaged after that point reads
     * fine; one damaged before it fails as {@link #read} would.
     */
    public static AudioBuffer readStart(Path file, double seconds) throws AudioReadException {
        return read(file, seconds, true);
    }

    private static AudioBuffer read(Path file, double maxSeconds, boolean startOnly) throws AudioReadException {
        Objects.requireNonNull(file, "file");
        if (!(maxSeconds > 0)) {
            throw new IllegalArgumentException("maxSeconds must be positive: " + maxSeconds);
        }
        checkReadable(file);
        boolean wav = WavCodec.looksLikeWav(file);
        try {
            if (SndfileCodec.isAvailable()) {
                if (wav) {
                    rejectTruncatedWav(file, startOnly ? maxSeconds : Double.POSITIVE_INFINITY);
                }
                AudioBuffer audio = SndfileCodec.read(file, maxSeconds, startOnly);
                // libsndfile shortens a cut-off AIFF silently, as it does WAV.
                long declared = AiffHeader.declaredFrames(file).orElse(-1);
                boolean wholeFileWanted = !startOnly
                        || declared <= maxFrames(audio.sampleRate(), maxSeconds);
                if (wholeFileWanted && audio.frameCount() < declared) {
                    throw truncated(file, declared, audio.frameCount());
                }
                return audio;
            }
            if (wav) {
                return WavCodec.read(file, maxSeconds, startOnly);
            }
            throw withoutLibsndfile(file, "reading");
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Reads the header only: format, encoding, rate, channels and length. Cheap even for long
     * files. For MP3 without a length tag the frame count is libsndfile's estimate.
     */
    public static AudioInfo probe(Path file) throws AudioReadException {
        Objects.requireNonNull(file, "file");
        checkReadable(file);
        try {
            if (SndfileCodec.isAvailable()) {
                return SndfileCodec.probe(file);
            }
            if (WavCodec.looksLikeWav(file)) {
                WavCodec.Header header = WavCodec.readHeader(file);
                String encoding = header.isFloat() ? (header.bitsPerSample() == 64 ? "DOUBLE" : "FLOAT")
                        : header.bitsPerSample() == 8 ? "PCM_U8" : "PCM_" + header.bitsPerSample();
                return new AudioInfo("WAV", encoding, header.sampleRate(), header.channels(),
                        header.declaredFrames());
            }
            throw withoutLibsndfile(file, "probing");
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Writes {@code audio} to {@code file}, replacing any existing file atomically.
     *
     * <p>Integer encodings round and clip at full scale (no dither; see {@link AudioEncoding}).
     *
     * @throws IOException if the file cannot be written, or the encoding needs libsndfile and
     *     it is missing, or the installed libsndfile cannot write that encoding at this rate and
     *     channel count (the message says which)
     */
    public static void write(Path file, AudioBuffer audio, AudioEncoding encoding) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(encoding, "encoding");
        if (encoding.isPureJava()) {
            AtomicFiles.replace(file, temporary -> WavCodec.write(temporary, file, audio, encoding));
            return;
        }
        if (!SndfileCodec.isAvailable()) {
            throw new IOException(file + ": writing " + encoding
                    + " needs libsndfile1, which is not installed");
        }
        AtomicFiles.replace(file, temporary -> SndfileCodec.write(temporary, file, audio, encoding));
    }

    /** Writes with the default encoding for the file name's extension. */
    public static void write(Path file, AudioBuffer audio) throws IOException {
        AudioEncoding encoding = AudioEncoding.forFileName(file.getFileName().toString())
                .orElseThrow(() -> new IOException(file + ": unknown audio file extension; "
                        + "use .wav, .flac, .aiff, .ogg, .opus or .mp3"));
        write(file, audio, encoding);
    }

    /**
     * Whether {@link #write} can encode {@code encoding} at this rate and channel count: always
     * for WAV (pure Java); for the others, whether libsndfile is installed and accepts the
     * combination (a libsndfile built without LAME, for example, cannot write MP3).
     */
    public static boolean canWrite(AudioEncoding encoding, int sampleRate, int channels) {
        if (encoding.isPureJava()) {
            return true;
        }
        return SndfileCodec.isAvailable() && SndfileCodec.canWrite(encoding, sampleRate, channels);
    }

    /** The installed libsndfile's version ("libsndfile-1.2.0"), or empty when it is missing. */
    public static java.util.Optional<String> nativeCodecVersion() {
        return SndfileCodec.isAvailable() ? java.util.Optional.of(SndfileCodec.version()) : java.util.Optional.empty();
    }

    /** Whether libsndfile was found, that is whether formats other than WAV are available. */
    public static boolean nativeCodecsAvailable() {
        return SndfileCodec.isAvailable();
    }

    private static void checkReadable(Path file) throws AudioReadException {
        if (Files.isDirectory(file)) {
            throw new AudioReadException(file, UNREADABLE, "is a directory, not a file");
        }
        if (!Files.exists(file)) {
            throw new AudioReadException(file, UNREADABLE, "file does not exist");
        }
        if (!Files.isReadable(file)) {
            throw new AudioReadException(file, UNREADABLE, "permission denied");
        }
        try {
            if (Files.size(file) == 0) {
                throw new AudioReadException(file, EMPTY, "file is empty (0 bytes)");
            }
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * libsndfile quietly shortens a WAV whose data chunk claims more bytes than the file holds,
     * so that case is caught from the header before decoding.
     */
    /** Fails if the WAV's data ends before the first {@code wantedSeconds} (or before its declared end). */
    private static void rejectTruncatedWav(Path file, double wantedSeconds) throws AudioReadException, IOException {
        WavCodec.Header header;
        try {
            header = WavCodec.readHeader(file);
        } catch (AudioReadException e) {
            return; // An encoding WavCodec does not know: libsndfile judges it.
        }
        long wanted = Double.isInfinite(wantedSeconds) ? header.declaredFrames()
                : Math.min(header.declaredFrames(), maxFrames(header.sampleRate(), wantedSeconds));
        if (header.isTruncated() && header.availableFrames() < wanted) {
            throw truncated(file, header.declaredFrames(), header.availableFrames());
        }
    }

    private static AudioReadException withoutLibsndfile(Path file, String action) {
        return FileSignature.detect(file)
                .map(format -> new AudioReadException(file, NOT_AUDIO, "a " + format + " file; "
                        + action + " " + format + " needs libsndfile1, which is not installed"))
                .orElseGet(() -> new AudioReadException(file, NOT_AUDIO, "not a WAV file, and "
                        + action + " other formats needs libsndfile1, which is not installed"));
    }

    private static AudioReadException unreadable(Path file, IOException e) {
        String why = e instanceof NoSuchFileException ? "file does not exist"
                : e instanceof AccessDeniedException ? "permission denied"
                : "cannot be read: " + e.getMessage();
        return new AudioReadException(file, UNREADABLE, why, e);
    }

    static AudioReadException truncated(Path file, long declaredFrames, long decodedFrames) {
        return new AudioReadException(file, CORRUPT, "truncated: header says " + declaredFrames
                + " frames, only " + decodedFrames + " could be decoded");
    }

    /** The most frames per channel that one read may return at this rate. */
    static long maxFrames(int sampleRate, double maxSeconds) {
        return Math.min((long) Math.floor(maxSeconds * sampleRate), Integer.MAX_VALUE - 8L);
    }

    /**
     * Returns {@code frames} as an int if a buffer of that length is allowed, else throws
     * {@code TOO_LONG}: over {@code maxSeconds}, over Java's array limit, or over the heap.
     */
    static int checkLength(Path file, long frames, int sampleRate, int channels, double maxSeconds)
            throws AudioReadException {
        double seconds = (double) frames / sampleRate;
        double mebibytes = frames * (double) channels * Float.BYTES / (1 << 20);
        String size = String.format(Locale.ROOT, "%.1f s (%d channels at %d Hz, %.0f MiB decoded)",
                seconds, channels, sampleRate, mebibytes);
        if (frames > maxFrames(sampleRate, maxSeconds)) {
            throw new AudioReadException(file, TOO_LONG, String.format(Locale.ROOT,
                    "too long to load: %s; the limit is %.1f s", size, maxSeconds));
        }
        if (mebibytes * (1 << 20) > Runtime.getRuntime().maxMemory()) {
            throw new AudioReadException(file, TOO_LONG, String.format(Locale.ROOT,
                    "too large to load: %s is more than the maximum heap of %d MiB", size,
                    Runtime.getRuntime().maxMemory() >> 20));
        }
        return (int) frames;
    }
}
