package org.sda.ui.app.train;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import javax.swing.SwingUtilities;

/**
 * Plays one mono sound at a time on the default audio output, on its own thread; a new sound stops
 * the one playing. Problems (no audio device) come back as a message on the EDT.
 */
final class SoundPlayer {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sda-app-player");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stop;
    private Future<?> playing;

    /** Plays {@code samples} (mono, -1..1) at {@code rate}; {@code problem} hears on the EDT why it cannot. */
    void play(float[] samples, int rate, Consumer<String> problem) {
        stop();
        stop = false;
        playing = thread.submit(() -> {
            AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
            try (SourceDataLine line = AudioSystem.getSourceDataLine(format)) {
                line.open(format, rate / 5 * 2);
                line.start();
                byte[] block = new byte[2048];
                for (int i = 0; i < samples.length && !stop; ) {
                    int n = Math.min(block.length / 2, samples.length - i);
                    for (int j = 0; j < n; j++) {
                        int v = Math.round(Math.max(-1f, Math.min(1f, samples[i + j])) * 32767f);
                        block[2 * j] = (byte) v;
                        block[2 * j + 1] = (byte) (v >> 8);
                    }
                    line.write(block, 0, 2 * n);
                    i += n;
                }
                if (!stop) {
                    line.drain();
                }
            } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
                SwingUtilities.invokeLater(() -> problem.accept("cannot play: no audio output is available ("
                        + e.getMessage() + ")"));
            }
        });
    }

    void stop() {
        stop = true;
        if (playing != null) {
            playing.cancel(false);
        }
    }
}
