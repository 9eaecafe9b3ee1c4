package org.sda.ui.standalone;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import javax.sound.sampled.LineUnavailableException;
import org.jaudiolibs.jnajack.JackException;
import org.sda.engine.bridge.NativeVoices;
import org.sda.engine.instrument.Instrument;
import org.sda.ui.editor.ParameterEditor;
import org.sda.ui.editor.PlayedInstrument;

/**
 * The standalone host's engine, free of Swing: the instrument, the voices it plays through, its
 * audio output, MIDI in and the recorder.
 *
 * <p>Voices: the plugin's C renderer (libsda-voices.so through JNA, fed with variations the way
 * the plugin is), so the host and the plugin play the same real-time code; where that library is
 * missing, the Java voice engine, and the status says why. Audio: a JACK client (audio out, MIDI
 * in, the server's rate and block) when a JACK server runs; else Java Sound at the chosen device,
 * rate and block; where no output can be opened, a clock thread renders the same blocks in real
 * time without playing them, so the keyboard, MIDI and recording still work. If the JACK server
 * stops while playing, the host moves to Java Sound by itself and says why.
 *
 * <p>Threads: the public methods are for a control thread (the window's event thread, or a thread
 * it starts for slow work such as {@link #start}); rendering runs on the audio (JACK, line or
 * clock) thread. The status listener is called on any thread.
 */
public final class StandaloneHost implements AutoCloseable {

    /** Which audio system the host plays through. */
    public enum Backend { JACK, JAVA_SOUND }

    private final PlayedInstrument played;
    private final VoiceRoute route;
    private final HostVoices.Java javaVoices;
    private final MidiInput midi;
    private String jackClientName = JackAudio.CLIENT_NAME;
    private AudioSettings settings;
    private HostVoices voices;
    private NativeVoices nativeVoices;
    private String voicesNote = "";
    private BlockRenderer blocks;
    private AudioOutput output;
    private JackAudio jack;
    private Thread clock;
    private volatile boolean clockRunning;
    private WavRecorder recorder;
    private volatile String audioStatus = "Audio stopped";
    private volatile Backend backend;
    private volatile Consumer<String> statusListener = s -> { };

    public StandaloneHost(Instrument instrument) {
        this.javaVoices = new HostVoices.Java(instrument, "not started");
        this.route = new VoiceRoute(javaVoices);
        this.played = new PlayedInstrument(instrument, route);
        this.midi = new MidiInput(route);
    }

    /** The instrument and the way the window's keyboard notes reach the voices. */
    public PlayedInstrument played() {
        return played;
    }

    /** Where the window's knob edits go (the voices and the instrument). */
    public ParameterEditor edits() {
        return route;
    }

    MidiInput midi() {
        return midi;
    }

    /** The Java Sound settings last used (or, with JACK, the server's rate and block). */
    public AudioSettings settings() {
        return settings;
    }

    /** Which audio system plays now; {@code null} before the first start and offline. */
    public Backend backend() {
        return backend;
    }

    /** One line: what the audio does ("JACK: sda-host, 48000 Hz, 256 frames (5.3 ms) to system:… · voices: …"). */
    public String audioStatus() {
        return audioStatus;
    }

    /** Called with the new status line when the audio changes by itself (the JACK server stopped). Any thread. */
    public void setStatusListener(Consumer<String> listener) {
        statusListener = listener == null ? s -> { } : listener;
    }

    /** The JACK client's name (before {@link #startAudio}); tests run several hosts on one server. */
    void setJackClientName(String name) {
        jackClientName = name;
    }

    JackAudio jack() {
        return jack;
    }

    /** The plugin's renderer when the host plays through it, else {@code null}. */
    NativeVoices nativeVoices() {
        return nativeVoices;
    }

    /**
     * Starts the audio the way a musician expects: through JACK when a JACK server runs (its rate
     * and block), else through Java Sound with {@code fallback}; the status says which and why.
     */
    public synchronized void startAudio(AudioSettings fallback) {
        stopAudio();
        String why;
        try {
            JackAudio j = JackAudio.open(jackClientName);
            try {
                int rate = j.sampleRate();
                int block = j.bufferFrames();
                prepareVoices(rate, block);
                settings = new AudioSettings(fallback.mixer(), rate, Math.max(16, block));
                jack = j;
                j.setRecorder(recorder);
                j.start(voices, block, this::jackStopped);
                backend = Backend.JACK;
                audioStatus = String.format(Locale.ROOT, "JACK: %s, %d Hz, %d frames (%.1f ms), outputs %s · %s",
                        j.clientName(), rate, block, 1000.0 * block / rate, j.connections(), voicesNote);
                return;
            } catch (JackException | RuntimeException e) {
                jack = null;
                j.close();
                why = "JACK failed: " + e.getMessage();
            }
        } catch (JackException e) {
            why = e.getMessage();
        }
        start(fallback, true, why);
    }

    /** JACK's thread: the server went away. The host moves to Java Sound on a thread of its own. */
    private void jackStopped(String why) {
        Thread t = new Thread(() -> {
            synchronized (this) {
                if (jack == null) {
                    return;
                }
                AudioSettings s = settings == null ? AudioSettings.DEFAULT : settings;
                stopAudio();
                start(s, true, why);
            }
            statusListener.accept(audioStatus);
        }, "sda-host-jack-stopped");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Plays through Java Sound with {@code s} from now on: stops the audio, prepares the voices for
     * the rate and block, starts the audio again. With {@code openDevice} false, or when no output
     * opens, the clock renders instead.
     */
    public synchronized void start(AudioSettings s, boolean openDevice) {
        start(s, openDevice, null);
    }

    private void start(AudioSettings s, boolean openDevice, String whyNotJack) {
        stopAudio();
        settings = s;
        prepareVoices(s.sampleRate(), s.bufferFrames());
        blocks = new BlockRenderer(voices, s.bufferFrames());
        blocks.setRecorder(recorder);
        backend = Backend.JAVA_SOUND;
        String where = s.mixer() == null ? "default output" : s.mixer();
        String shape = String.format(Locale.ROOT, "%d Hz, %d frames (%.1f ms)", s.sampleRate(),
                s.bufferFrames(), s.blockMillis());
        String because = whyNotJack == null ? "" : " (" + whyNotJack + ")";
        if (openDevice) {
            try {
                output = AudioOutput.start(s, blocks);
                audioStatus = "Java Sound: " + where + ", " + shape + because + " · " + voicesNote;
                return;
            } catch (LineUnavailableException | RuntimeException e) {
                audioStatus = "No sound: " + e.getMessage() + because + "; playing silently in time, recording works; "
                        + shape + " · " + voicesNote;
            }
        } else {
            audioStatus = "Silent clock (no sound device used), " + shape + " · " + voicesNote;
        }
        startClock(s);
    }

    /** Prepares the instrument and opens the plugin's renderer for the rate, or falls back to Java's. */
    private void prepareVoices(int rate, int block) {
        played.instrument().prepare(rate, block);
        closeNative();
        try {
            nativeVoices = NativeVoices.open(played.instrument(), rate, block);
            voices = new HostVoices.Native(nativeVoices);
            voicesNote = "voices: the plugin's renderer";
        } catch (IllegalStateException e) {
            voices = new HostVoices.Java(played.instrument(), e.getMessage());
            voicesNote = "voices: Java engine, because " + e.getMessage();
        }
        route.use(voices);
    }

    private void closeNative() {
        if (nativeVoices != null) {
            route.use(javaVoices);
            nativeVoices.close();
            nativeVoices = null;
        }
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
        if (jack != null) {
            jack.close();
            jack = null;
        }
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
        blocks = null;
    }

    /**
     * Offline: stops the audio, prepares for {@code s} and renders {@code count} blocks on the
     * calling thread, recording them if a recording runs. For a machine without sound, and tests.
     */
    public synchronized void renderOffline(AudioSettings s, int count) {
        if (settings == null || !settings.equals(s) || blocks == null || output != null || clock != null || jack != null) {
            stopAudio();
            settings = s;
            prepareVoices(s.sampleRate(), s.bufferFrames());
            blocks = new BlockRenderer(voices, s.bufferFrames());
            blocks.setRecorder(recorder);
            backend = null;
            audioStatus = "Offline render · " + voicesNote;
        }
        for (int i = 0; i < count; i++) {
            if (nativeVoices != null) {
                // Faster than real time: let the publisher hand over what the pool holds, as it has
                // a block's time to do when playing.
                nativeVoices.awaitPublished();
            }
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
        if (jack != null) {
            jack.setRecorder(recorder);
        }
    }

    /** Xruns in the running recording (cycles JACK ran without the host), recorded as silence. */
    synchronized long recordingGaps() {
        return recorder == null ? 0 : recorder.gaps();
    }

    /** The audio clock's frame (JACK's frame time) where the running recording began; -1 when unknown. */
    synchronized long recordingStartFrame() {
        return recorder == null ? -1 : recorder.startFrame();
    }

    /**
     * Stops recording and finishes the file; returns it, or {@code null} when none ran.
     *
     * @throws IOException naming the file when it could not be written (disk full…)
     */
    public synchronized Path stopRecording() throws IOException {
        WavRecorder r = recorder;
        if (r == null) {
            return null;
        }
        recorder = null;
        if (blocks != null) {
            blocks.setRecorder(null);
        }
        if (jack != null) {
            jack.setRecorder(null);
        }
        // The render thread may hold the recorder for the block in progress: let it finish.
        LockSupport.parkNanos(settings == null ? 0 : (long) (2e9 * settings.bufferFrames() / settings.sampleRate()));
        r.close();
        return r.file();
    }

    public synchronized boolean recording() {
        return recorder != null;
    }

    /** Why the running recording stopped writing (disk full…), or {@code null}. */
    public synchronized String recordingProblem() {
        return recorder == null || recorder.failure() == null ? null
                : "recording to " + recorder.file() + " failed: " + recorder.failure().getMessage();
    }

    /** Stops everything; the instrument is closed too. */
    @Override
    public synchronized void close() {
        try {
            stopRecording();
        } catch (IOException e) {
            // Closing anyway; the failure was the recording's own.
        }
        stopAudio();
        closeNative();
        midi.close();
        played.instrument().close();
    }
}
