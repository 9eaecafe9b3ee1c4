package org.sda.engine.export;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What an export makes: format, sample rate, level and channel layout, plus the head model for
 * binaural output. Immutable; the {@code with…} methods return changed copies.
 *
 * @param format the file format
 * @param sampleRate the rate to write, or 0 for the sound's own rate (Opus is always 48 kHz)
 * @param normalization how the level is set
 * @param spatial mono, stereo or binaural
 * @param hrtfFile a SOFA file for binaural output, or null for the bundled head model
 */
public record ExportSettings(ExportFormat format, int sampleRate, Normalization normalization,
                             Spatial spatial, Path hrtfFile) {

    /** Rates a user may ask for: the usual ones from 8 to 192 kHz. */
    public static final int[] RATES = {8000, 16000, 22050, 24000, 32000, 44100, 48000, 88200, 96000, 176400, 192000};

    /** 24-bit WAV at the sound's rate, level unchanged, mono. */
    public static final ExportSettings DEFAULT = new ExportSettings(ExportFormat.WAV24, 0, Normalization.NONE, Spatial.MONO, null);

    public ExportSettings {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(spatial, "spatial");
        if (sampleRate != 0 && (sampleRate < 8000 || sampleRate > 384_000)) {
            throw new IllegalArgumentException("sample rate must be between 8000 and 384000 Hz, not " + sampleRate);
        }
        if (format.fixedRate() != 0 && sampleRate != 0 && sampleRate != format.fixedRate()) {
            throw new IllegalArgumentException(format.label() + " is exported at " + format.fixedRate()
                    + " Hz only, not " + sampleRate + " Hz; leave the rate out or choose another format");
        }
    }

    public ExportSettings withFormat(ExportFormat f) {
        return new ExportSettings(f, f.fixedRate() != 0 && sampleRate != f.fixedRate() ? 0 : sampleRate,
                normalization, spatial, hrtfFile);
    }

    public ExportSettings withSampleRate(int rate) {
        return new ExportSettings(format, rate, normalization, spatial, hrtfFile);
    }

    public ExportSettings withNormalization(Normalization n) {
        return new ExportSettings(format, sampleRate, n, spatial, hrtfFile);
    }

    public ExportSettings withSpatial(Spatial s) {
        return new ExportSettings(format, sampleRate, normalization, s, hrtfFile);
    }

    public ExportSettings withHrtfFile(Path file) {
        return new ExportSettings(format, sampleRate, normalization, spatial, file);
    }

    /** The rate the file gets for a sound at {@code sourceRate}. */
    public int outputRate(int sourceRate) {
        return format.fixedRate() != 0 ? format.fixedRate() : sampleRate != 0 ? sampleRate : sourceRate;
    }
}
