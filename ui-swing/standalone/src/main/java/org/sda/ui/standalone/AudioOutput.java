package org.sda.ui.standalone;

import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;

/**
 * The standalone host's sound: a Java Sound {@link SourceDataLine} fed by a render thread that
 * pulls blocks from a {@link BlockRenderer} (JACK is not used in this version). The line's
 * {@code write} blocks while its buffer is full, which paces the render thread.
 */
final class AudioOutput implements AutoCloseable {

    private final SourceDataLine line;
    private final BlockRenderer blocks;
    private final Thread thread;
    private volatile boolean running = true;

    private AudioOutput(SourceDataLine line, BlockRenderer blocks) {
        this.line = line;
        this.blocks = blocks;
        this.thread = new Thread(this::run, "sda-host-audio");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
    }

    /** The format the host plays: 16-bit little-endian stereo at {@code rate}. */
    static AudioFormat format(int rate) {
        return new AudioFormat(rate, 16, 2, true, false);
    }

    /** The names of the outputs that can play the host's format at {@code rate}. */
    static List<String> outputs(int rate) {
        List<String> names = new ArrayList<>();
        DataLine.Info info = new DataLine.Info(SourceDataLine.class, format(rate));
        for (Mixer.Info m : AudioSystem.getMixerInfo()) {
            try {
                if (AudioSystem.getMixer(m).isLineSupported(info)) {
                    names.add(m.getName());
                }
            } catch (RuntimeException e) {
                // A mixer that cannot even answer is not offered.
            }
        }
        return names;
    }

    /**
     * Opens the output and starts playing.
     *
     * @throws LineUnavailableException when there is no such output, or it is busy (the message says which)
     */
    static AudioOutput start(AudioSettings settings, BlockRenderer blocks) throws LineUnavailableException {
        AudioFormat format = format(settings.sampleRate());
        DataLine.Info info = new DataLine.Info(SourceDataLine.class, format);
        SourceDataLine line;
        try {
            if (settings.mixer() == null) {
                line = (SourceDataLine) AudioSystem.getLine(info);
            } else {
                Mixer.Info chosen = null;
                for (Mixer.Info m : AudioSystem.getMixerInfo()) {
                    if (m.getName().equals(settings.mixer())) {
                        chosen = m;
                    }
                }
                if (chosen == null) {
                    throw new LineUnavailableException("no audio output called " + settings.mixer());
                }
                line = (SourceDataLine) AudioSystem.getMixer(chosen).getLine(info);
            }
        } catch (IllegalArgumentException e) {
            throw new LineUnavailableException("no sound device found for " + rate(settings) + " stereo");
        }
        line.open(format, settings.bufferFrames() * 4 * 4);
        line.start();
        AudioOutput out = new AudioOutput(line, blocks);
        out.thread.start();
        return out;
    }

    private static String rate(AudioSettings s) {
        return s.sampleRate() % 1000 == 0 ? s.sampleRate() / 1000 + " kHz" : s.sampleRate() / 1000.0 + " kHz";
    }

    private void run() {
        while (running) {
            byte[] b = blocks.next();
            line.write(b, 0, blocks.frames() * 4);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        line.stop();
        line.close();
    }
}
