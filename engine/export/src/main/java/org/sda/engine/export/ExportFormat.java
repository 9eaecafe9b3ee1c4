package org.sda.engine.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.sda.engine.audio.AudioEncoding;

/**
 * The formats a sound can be exported in, with the names the command line and the app use.
 *
 * <p>Opus only runs at 48 kHz here (the rate every Opus decoder plays back at), so an export to
 * Opus is resampled to 48 kHz whatever rate was asked for in general; an explicit other rate is
 * refused.
 */
public enum ExportFormat {
    WAV16("wav16", "WAV 16-bit", AudioEncoding.WAV_PCM16),
    WAV24("wav24", "WAV 24-bit", AudioEncoding.WAV_PCM24),
    WAV32F("wav32f", "WAV 32-bit float", AudioEncoding.WAV_FLOAT32),
    FLAC("flac", "FLAC 24-bit", AudioEncoding.FLAC_PCM24),
    OGG("ogg", "Ogg Vorbis", AudioEncoding.OGG_VORBIS),
    MP3("mp3", "MP3", AudioEncoding.MP3),
    OPUS("opus", "Opus", AudioEncoding.OGG_OPUS);

    /** The one rate Opus is exported at. */
    public static final int OPUS_RATE = 48_000;

    private final String id;
    private final String label;
    private final AudioEncoding encoding;

    ExportFormat(String id, String label, AudioEncoding encoding) {
        this.id = id;
        this.label = label;
        this.encoding = encoding;
    }

    /** The name on the command line ({@code wav24}, {@code mp3}...). */
    public String id() {
        return id;
    }

    /** The name people read ("WAV 24-bit"). */
    public String label() {
        return label;
    }

    public AudioEncoding encoding() {
        return encoding;
    }

    /** The file name extension, without the dot. */
    public String extension() {
        return encoding.extension();
    }

    /** Whether decoding gives back something other than what was written. */
    public boolean isLossy() {
        return encoding.isLossy();
    }

    /** The rate this format forces, or 0 when any rate the encoder takes will do. */
    public int fixedRate() {
        return this == OPUS ? OPUS_RATE : 0;
    }

    /**
     * The format for a command-line name, case-insensitive; {@code wav} is 24-bit WAV (as
     * {@code .wav} files are by default).
     */
    public static Optional<ExportFormat> forId(String id) {
        String key = id.trim().toLowerCase(Locale.ROOT);
        if (key.equals("wav")) {
            return Optional.of(WAV24);
        }
        return Arrays.stream(values()).filter(f -> f.id.equals(key)).findFirst();
    }

    /** The format a file name's extension implies ({@code .wav} is 24-bit), if any. */
    public static Optional<ExportFormat> forFileName(String fileName) {
        return AudioEncoding.forFileName(fileName).flatMap(e -> Arrays.stream(values())
                .filter(f -> f.encoding == e).findFirst());
    }

    /** Every name {@link #forId} accepts, for help texts: "wav, wav16, wav24, ...". */
    public static String ids() {
        return "wav, " + Arrays.stream(values()).map(ExportFormat::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label;
    }
}
