package org.sda.ui.standalone;

/**
 * How the standalone host plays: which Java Sound output, at what rate, in blocks of how many
 * frames (the latency: a block is rendered while the line plays the ones before it).
 *
 * @param mixer the Java Sound mixer's name, or {@code null} for the system's default output
 * @param sampleRate frames per second
 * @param bufferFrames frames per rendered block; the line buffers four of them
 */
public record AudioSettings(String mixer, int sampleRate, int bufferFrames) {

    /** What the host starts with. */
    public static final AudioSettings DEFAULT = new AudioSettings(null, 48000, 512);

    /** The rates offered. */
    public static final int[] RATES = {44100, 48000, 88200, 96000};
    /** The block sizes offered. */
    public static final int[] BUFFERS = {128, 256, 512, 1024, 2048};

    public AudioSettings {
        if (sampleRate < 8000 || bufferFrames < 16) {
            throw new IllegalArgumentException("unusable audio settings: " + sampleRate + " Hz, " + bufferFrames + " frames");
        }
    }

    /** The latency of one block, in milliseconds. */
    public double blockMillis() {
        return 1000.0 * bufferFrames / sampleRate;
    }
}
