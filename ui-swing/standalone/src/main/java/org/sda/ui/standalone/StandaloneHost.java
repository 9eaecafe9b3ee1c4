package org.sda.ui.standalone;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import javax.sound.sampled.LineUnavailableException;
import org.sda.engine.instrument.Instrument;
import org.sda.ui.editor.PlayedInstrument;

/**
 * The standalone host's engine, free of Swing: the instrument, its audio output, MIDI in and the
 * recorder. Audio goes out through Java Sound; where no output can be opened (a machine without a
 * sound device), a clock thread renders the same blocks in real time without playing them, so
 * the keyboard, MIDI and recording still work and the status says why nothing is heard.
 *
 * <p>Threads: the methods are for one control thread (the window's event thread); rendering runs on
 * the host's audio (or clock) thread.
 */
public final class StandaloneHost implements AutoCloseable {

    private final PlayedInstrument played;
    private final MidiInput midi;
    private AudioSettings settings;
    private BlockRenderer blocks;
    private AudioOutput output;
    private Thread clock;
    private volatile boolean clockRunning;
    private WavRecorder recorder;
    private String audioStatus = "Audio stopped";

    public StandaloneHost(Instrument instrument) {
        this.played = new PlayedInstrument(instrument);
        this.midi = new MidiInput(played);
    }

    public PlayedInstrument played() {
        return played;
    }

    MidiInput midi() {
        return midi;
    }

    public AudioSettings settings() {
        return settings;
    }

    /** One line: what the audio does ("Java Sound: default output, 48000 Hz, 512 frames (10.7 ms)"). */
    public String audioStatus() {
        return audioStatus;
    }

    /**
     * Plays with {@code s} from now on: stops the audio, prepares the instrument for the rate and
     * block, starts the audio again. With {@code openDevice} false, or when no output opens, the
     * clock renders instead.
     */
    public synchronized void start(AudioSettings s, boolean openDevice) {
        stopAudio();
        settings = s;
        played.instrument().prepare(s.sampleRate(), s.bufferFrames());
        blocks = new BlockRenderer(played, s.bufferFrames());
        if (recorder != null) {
            blocks.setRecorder(recorder);
        }
        String where = s.mixer() == null ? "default output" : s.mixer();
        String shape = String.format(java.util.Locale.ROOT, "%d Hz, %d frames (%.1f ms)", s.sampleRate(),
                s.bufferFrames(), s.blockMillis());
        if (openDevice) {
            try {
                output = AudioOutput.start(s, blocks);
                audioStatus = "Java Sound: " + where + ", " + shape;
                return;
            } catch (LineUnavailableException | RuntimeException e) {
                audioStatus = "No sound: " + e.getMessage() + "; playing silently in time, recording works; " + shape;
            }
        } else {
            audioStatus = "Silent clock (no sound device used), " + shape;
        }
        startClock(s);
    }

    private void startClock(AudioSettings s) {
        BlockRenderer b = blocks;
        long blockNanos = (long) (1e9 * s.bufferFrames() / s.sampleRate());
        clockRunning = true;
        clock = new Thread(() -> {
            long next = System.nanoTime();
            while (clockRunning) {
                b.next();
                next += blockNanos;
                LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
            }
        }, "sda-host-clock");
        clock.setDaemon(true);
        clock.start();
    }

    private void stopAudio() {
        if (output != null) {
            output.close();
            output = null;
        }
        if (clock != null) {
            clockRunning = false;
            try {
                clock.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            clock = null;
        }
    }

    /**
     * Offline: stops the audio, prepares for {@code s} and renders {@code count} blocks on the
     * calling thread, recording them if a recording runs. For a machine without sound, and tests.
     */
    public synchronized void renderOffline(AudioSettings s, int count) {
        if (settings == null || !settings.equals(s) || output != null || clock != null) {
            stopAudio();
            settings = s;
            played.instrument().prepare(s.sampleRate(), s.bufferFrames());
            blocks = new BlockRenderer(played, s.bufferFrames());
            blocks.setRecorder(recorder);
            audioStatus = "Offline render";
        }
        for (int i = 0; i < count; i++) {
            blocks.next();
        }
    }

    /** Starts recording what plays to {@code file} (a WAV, 32-bit float stereo). */
    public synchronized void startRecording(Path file) throws IOException {
        stopRecording();
        if (settings == null) {
            throw new IOException("the audio has not started");
        }
        recorder = new WavRecorder(file, settings.sampleRate());
        if (blocks != null) {
            blocks.setRecorder(recorder);
        }
    }

    /** Stops recording and finishes the file; returns it, or {@code null} when none ran. */
    public synchronized Path stopRecording() throws IOException {
        WavRecorder r = recorder;
        if (r == null) {
            return null;
        }
        recorder = null;
        if (blocks != null) {
            blocks.setRecorder(null);
        }
        // The render thread may hold the recorder for the block in progress: let it finish.
        LockSupport.parkNanos(settings == null ? 0 : (long) (2e9 * settings.bufferFrames() / settings.sampleRate()));
        r.close();
        return r.file();
    }

    public synchronized boolean recording() {
        return recorder != null;
    }

    /** Stops everything; the instrument is closed too. */
    @Override
    public synchronized void close() {
        try {
            stopRecording();
        } catch (IOException e) {
            // Closing anyway; the partial file stays with its .part name.
        }
        stopAudio();
        midi.close();
        played.instrument().close();
    }
}
