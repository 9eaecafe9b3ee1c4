package org.sda.engine.audio;

import java.util.Locale;
import java.util.Optional;

/**
 * How {@link AudioFiles#write} encodes a buffer: container plus sample encoding.
 *
 * <p>WAV is written in pure Java and so works everywhere; the other encodings go through
 * libsndfile and fail with an {@link java.io.IOException} naming the missing support when the
 * installed library cannot write them (for example a libsndfile built without LAME for MP3).
 *
 * <p>Integer encodings clip: samples beyond [-1, 1] are limited to full scale and there is no
 * dither. Clipping is chosen over wrapping because wrap-around turns a small overshoot into a
 * full-scale click; dither is left out because 24-bit output (the default below) already puts
 * the rounding error near -144 dBFS, and a caller that wants 16-bit with dither can add it before
 * writing. Lossy encoders receive clipped floats too, since none of them can represent more
 * than full scale once decoded to integers.
 */
public enum AudioEncoding {
    /** 16-bit signed integer WAV. */
    WAV_PCM16("wav", 16, false),
    /** 24-bit signed integer WAV. */
    WAV_PCM24("wav", 24, false),
    /** 32-bit IEEE float WAV: keeps values beyond full scale, nothing is clipped. */
    WAV_FLOAT32("wav", 32, false),
    /** 16-bit AIFF (through libsndfile). */
    AIFF_PCM16("aiff", 16, false),
    /** 24-bit AIFF (through libsndfile). */
    AIFF_PCM24("aiff", 24, false),
    /** 16-bit FLAC (through libsndfile). */
    FLAC_PCM16("flac", 16, false),
    /** 24-bit FLAC (through libsndfile). */
    FLAC_PCM24("flac", 24, false),
    /** Ogg Vorbis, libsndfile's default quality (through libsndfile). */
    OGG_VORBIS("ogg", 0, true),
    /**
     * Opus in Ogg (through libsndfile). Opus only runs at 8, 12, 16, 24 or 48 kHz; resample
     * other rates first with {@link Resampler}.
     */
    OGG_OPUS("opus", 0, true),
    /** MPEG-1/2 Layer III (through libsndfile with LAME). */
    MP3("mp3", 0, true);

    private final String extension;
    private final int bitsPerSample;
    private final boolean lossy;

    AudioEncoding(String extension, int bitsPerSample, boolean lossy) {
        this.extension = extension;
        this.bitsPerSample = bitsPerSample;
        this.lossy = lossy;
    }

    /** The usual file name extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** Bits per stored sample for PCM and float encodings; 0 for lossy ones. */
    public int bitsPerSample() {
        return bitsPerSample;
    }

    /** Whether decoding gives back something other than what was written. */
    public boolean isLossy() {
        return lossy;
    }

    /** Whether this encoding is written by the pure-Java WAV writer, without libsndfile. */
    boolean isPureJava() {
        return this == WAV_PCM16 || this == WAV_PCM24 || this == WAV_FLOAT32;
    }

    /** Integer encodings quantise and therefore clip; float and lossy ones are not integer. */
    boolean isInteger() {
        return bitsPerSample == 16 || bitsPerSample == 24;
    }

    /**
     * The default encoding for a file name's extension (case-insensitive), or empty for an
     * extension this package does not write.
     *
     * <p>{@code .wav}, {@code .flac} and {@code .aif}/{@code .aiff} default to 24-bit: every
     * audio tool reads it, and since writing clips without dithering, 24 bits keep the rounding
     * error far below anything audible where 16 bits would not. {@code .ogg}/{@code .oga} map to
     * Vorbis, {@code .opus} to Opus, {@code .mp3} to MP3.
     */
    public static Optional<AudioEncoding> forFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return switch (fileName.substring(dot + 1).toLowerCase(Locale.ROOT)) {
            case "wav", "wave" -> Optional.of(WAV_PCM24);
            case "flac" -> Optional.of(FLAC_PCM24);
            case "aif", "aiff" -> Optional.of(AIFF_PCM24);
            case "ogg", "oga" -> Optional.of(OGG_VORBIS);
            case "opus" -> Optional.of(OGG_OPUS);
            case "mp3" -> Optional.of(MP3);
            default -> Optional.empty();
        };
    }
}
