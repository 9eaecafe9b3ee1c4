package org.sda.ui.standalone;

/**
 * Renders the host's voices block by block into 16-bit little-endian stereo bytes for a Java
 * Sound line, and hands each block to the recorder when one is running. The same path serves the
 * Java Sound line's thread, the silent clock and an offline render (no sound device needed).
 * Render thread only; buffers are allocated once.
 */
final class BlockRenderer {

    private final HostVoices voices;
    private final int frames;
    private final float[] left;
    private final float[] right;
    private final byte[] bytes;
    private volatile WavRecorder recorder;

    BlockRenderer(HostVoices voices, int frames) {
        this.voices = voices;
        this.frames = frames;
        this.left = new float[frames];
        this.right = new float[frames];
        this.bytes = new byte[frames * 4];
    }

    int frames() {
        return frames;
    }

    /** Where blocks are recorded from now on; {@code null} stops recording. Any thread. */
    void setRecorder(WavRecorder r) {
        recorder = r;
    }

    /** Renders the next block; returns the bytes (the same array every time). */
    byte[] next() {
        voices.render(left, right, frames);
        WavRecorder r = recorder;
        if (r != null) {
            r.accept(left, right, frames);
        }
        for (int i = 0; i < frames; i++) {
            put(i * 4, left[i]);
            put(i * 4 + 2, right[i]);
        }
        return bytes;
    }

    private void put(int at, float v) {
        int s = (int) Math.round(Math.max(-1f, Math.min(1f, v)) * 32767.0);
        bytes[at] = (byte) s;
        bytes[at + 1] = (byte) (s >> 8);
    }
}
