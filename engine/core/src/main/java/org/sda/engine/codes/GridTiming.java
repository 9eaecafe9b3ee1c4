package org.sda.engine.codes;

/**
 * How a grid's code frames map to audio at the model rate: one code frame covers
 * {@code downsample} STFT frames of {@code hop} samples.
 *
 * @param sampleRate the model's rate in Hz
 * @param hop STFT hop in samples
 * @param downsample STFT frames per code frame
 */
public record GridTiming(int sampleRate, int hop, int downsample) {

    public GridTiming {
        if (sampleRate <= 0 || hop <= 0 || downsample <= 0) {
            throw new IllegalArgumentException("timing out of range: " + sampleRate + " Hz, hop " + hop
                    + ", downsample " + downsample);
        }
    }

    /** Code frames per second. */
    public double frameRate() {
        return sampleRate / (double) samplesPerFrame();
    }

    /** Samples one code frame advances by: {@code hop * downsample}. */
    public int samplesPerFrame() {
        return hop * downsample;
    }

    /** Centred STFT frames of a sound of {@code samples} samples: {@code 1 + samples / hop}. */
    public int stftFrames(int samples) {
        return 1 + samples / hop;
    }

    /** Code frames of a sound of {@code samples} samples: {@code ceil(stftFrames / downsample)}. */
    public int codeFrames(int samples) {
        return (stftFrames(samples) + downsample - 1) / downsample;
    }

    /** The first sample a code frame's audio is centred on: {@code frame * hop * downsample}. */
    public int sampleAt(int frame) {
        return frame * samplesPerFrame();
    }
}
