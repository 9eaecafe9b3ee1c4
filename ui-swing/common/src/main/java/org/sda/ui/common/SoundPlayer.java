package org.sda.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import javax.swing.SwingUtilities;
import org.sda.engine.audio.AudioBuffer;

/**
 * Plays sounds on the system's default audio output, one at a time, on its own thread.
 *
 * <p>A machine without audio output (a server, CI under Xvfb) does not fail: {@link #play}
 * reports "no audio output" to the status listener and returns. Listeners are called on the EDT.
 */
public final class SoundPlayer {

    /** A stream of frames: a sound, or an {@link AbSource}. Read on the playing thread. */
    public interface Source {
        int sampleRate();

        int channels();

        int frames();

        int position();

        /** Fills {@code block[channel][0..count)}; returns frames written, 0 at the end. */
        int read(float[][] block, int count);
    }

    /** A plain sound as a {@link Source}. */
    public static Source of(AudioBuffer audio) {
        return new Source() {
            private int position;

            @Override
            public int sampleRate() {
                return audio.sampleRate();
            }

            @Override
            public int channels() {
                return audio.channelCount();
            }

            @Override
            public int frames() {
                return audio.frameCount();
            }

            @Override
            public int position() {
                return position;
            }

            @Override
            public int read(float[][] block, int count) {
                int n = Math.min(count, audio.frameCount() - position);
                for (int c = 0; c < block.length; c++) {
                    System.arraycopy(audio.channels()[c], position, block[c], 0, Math.max(0, n));
                }
                position += Math.max(0, n);
                return Math.max(0, n);
            }
        };
    }

    private static final int BLOCK = 1024;
    private final List<Consumer<String>> statusListeners = new ArrayList<>();
    private final List<Consumer<Double>> progressListeners = new ArrayList<>();
    private volatile Thread thread;
    private volatile Source current;
    private volatile long firstSoundNanos;

    public void addStatusListener(Consumer<String> listener) {
        statusListeners.add(listener);
    }

    /** Hears where playback is, 0…1, and -1 when it stops. */
    public void addProgressListener(Consumer<Double> listener) {
        progressListeners.add(listener);
    }

    public void play(AudioBuffer audio) {
        play(of(audio));
    }

    /** Stops what plays and starts {@code source}. */
    public synchronized void play(Source source) {
        stop();
        current = source;
        firstSoundNanos = 0;
        Thread t = new Thread(() -> run(source), "sda-playback");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** What plays now, or null. */
    public Source current() {
        return current;
    }

    /** When the first block of the current sound reached the output line ({@link System#nanoTime}), or 0. */
    public long firstSoundNanos() {
        return firstSoundNanos;
    }

    public synchronized void stop() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run(Source source) {
        int channels = Math.min(2, source.channels());
        AudioFormat format = new AudioFormat(source.sampleRate(), 16, channels, true, false);
        SourceDataLine line;
        try {
            line = AudioSystem.getSourceDataLine(format);
            line.open(format, BLOCK * 8 * channels);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            status("No audio output on this machine (" + e.getMessage() + "); nothing can be heard");
            SwingUtilities.invokeLater(() -> progressListeners.forEach(l -> l.accept(-1.0))); // it has stopped
            return;
        }
        float[][] block = new float[source.channels()][BLOCK];
        byte[] bytes = new byte[BLOCK * channels * 2];
        try {
            line.start();
            int n;
            while (thread == Thread.currentThread() && (n = source.read(block, BLOCK)) > 0) {
                int k = 0;
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < channels; c++) {
                        int v = Math.round(Math.max(-1f, Math.min(1f, block[c][i])) * 32767);
                        bytes[k++] = (byte) v;
                        bytes[k++] = (byte) (v >> 8);
                    }
                }
                line.write(bytes, 0, k);
                if (firstSoundNanos == 0) {
                    firstSoundNanos = System.nanoTime();
                }
                double fraction = (double) source.position() / Math.max(1, source.frames());
                SwingUtilities.invokeLater(() -> progressListeners.forEach(l -> l.accept(fraction)));
            }
            if (thread == Thread.currentThread()) {
                line.drain();
            }
        } finally {
            line.close();
            SwingUtilities.invokeLater(() -> progressListeners.forEach(l -> l.accept(-1.0)));
        }
    }

    private void status(String message) {
        SwingUtilities.invokeLater(() -> statusListeners.forEach(l -> l.accept(message)));
    }
}
