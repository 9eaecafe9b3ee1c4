package org.sda.ui.standalone;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

import org.jaudiolibs.jnajack.Jack;
import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackException;
import org.jaudiolibs.jnajack.JackMidi;
import org.jaudiolibs.jnajack.JackOptions;
import org.jaudiolibs.jnajack.JackPort;
import org.jaudiolibs.jnajack.JackPortFlags;
import org.jaudiolibs.jnajack.JackPortType;
import org.jaudiolibs.jnajack.JackStatus;
import org.sda.engine.instrument.InstrumentParameter;

/**
 * The standalone host as a JACK client (JNAJack): a stereo output ({@code out_left},
 * {@code out_right}, connected to the system's playback ports when there are any) and a MIDI input
 * ({@code midi_in}) whose events play at their frames in the block. The rate and block size are
 * the server's. A server is never started for us ({@link JackOptions#JackNoStartServer}); which
 * server is the JACK library's choice ({@code JACK_DEFAULT_SERVER}, else "default").
 *
 * <p>The process callback runs on JACK's thread: it reads MIDI, renders through {@link HostVoices}
 * into buffers allocated here, copies them to the ports and into the recorder's ring. It takes no
 * lock and allocates nothing of its own. What JNAJack itself does on that thread each cycle: one
 * JNA call ({@code jack_port_get_buffer}) per port through an interface mapping (an argument array
 * and a boxed int per call, and a new direct buffer view only when JACK moves a port's buffer),
 * and per MIDI event two JNA calls with a structure read back by reflection; JNA's callback
 * dispatch converts the arguments too. Those are small, short-lived allocations.
 *
 * <p>Threads: {@link #open}, {@link #start} and {@link #close} from a control thread, never a
 * thread of JACK's; the shutdown listener is called on a thread of JACK's (it must not call JACK
 * back nor close: the host restarts from a thread of its own, and close waits for JACK's thread
 * to leave the JVM before it leaves the server).
 */
final class JackAudio implements AutoCloseable {

    /** The client's name on the JACK graph. */
    static final String CLIENT_NAME = "sda-host";
    private static final int MIDI_EVENTS = 512;

    private final Jack jack;
    private final JackClient client;
    private final JackClientHandle handle;
    private final String name;
    private final JackPort left;
    private final JackPort right;
    private final JackPort midi;
    private final int sampleRate;
    private final int bufferFrames;
    private String connections = "";

    // Render-thread state, allocated once.
    private HostVoices voices;
    private int maxBlock;
    private float[] leftBlock;
    private float[] rightBlock;
    private final JackMidi.Event event = new JackMidi.Event();
    private final byte[] message = new byte[256];
    private final int[] eventFrames = new int[MIDI_EVENTS];
    private final int[] eventBytes = new int[MIDI_EVENTS];   // status | data1 << 8 | data2 << 16
    private volatile WavRecorder recorder;
    private volatile long blocks;
    private volatile long lastProcessNanos;
    private volatile long maxProcessNanos;
    private volatile String failure;

    private JackAudio(Jack jack, JackClient client, JackPort left, JackPort right, JackPort midi) throws JackException {
        this.jack = jack;
        this.client = client;
        this.name = clientName(left);
        this.handle = new JackClientHandle(client, name);
        this.left = left;
        this.right = right;
        this.midi = midi;
        this.sampleRate = client.getSampleRate();
        this.bufferFrames = client.getBufferSize();
    }

    /**
     * Connects to the running JACK server as {@code name} and registers the ports; nothing plays
     * until {@link #start}.
     *
     * @throws JackException with a message for a person: no JACK library, no server running, ports refused
     */
    static JackAudio open(String name) throws JackException {
        Jack jack;
        try {
            jack = Jack.getInstance();
        } catch (JackException | LinkageError e) {
            throw new JackException("the JACK library (libjack) is not installed");
        }
        EnumSet<JackStatus> status = EnumSet.noneOf(JackStatus.class);
        JackClient client;
        try {
            client = jack.openClient(name, EnumSet.of(JackOptions.JackNoStartServer), status);
        } catch (JackException e) {
            String server = System.getenv("JACK_DEFAULT_SERVER");
            throw new JackException(status.contains(JackStatus.JackServerFailed) || status.contains(JackStatus.JackFailure)
                    ? "no JACK server running" + (server == null ? "" : " (server \"" + server + "\")")
                    : "JACK refused the client: " + status);
        }
        try {
            JackPort l = client.registerPort("out_left", JackPortType.AUDIO, JackPortFlags.JackPortIsOutput);
            JackPort r = client.registerPort("out_right", JackPortType.AUDIO, JackPortFlags.JackPortIsOutput);
            JackPort m = client.registerPort("midi_in", JackPortType.MIDI, JackPortFlags.JackPortIsInput);
            return new JackAudio(jack, client, l, r, m);
        } catch (JackException | RuntimeException e) {
            client.close();
            throw new JackException("JACK refused the host's ports: " + e.getMessage());
        }
    }

    int sampleRate() {
        return sampleRate;
    }

    int bufferFrames() {
        return bufferFrames;
    }

    /** The client's name as the server knows it (it may add a suffix to make it unique). */
    String clientName() {
        return name;
    }

    /** The name of a port's client, from the port's full name ("client:port"). */
    static String clientName(JackPort port) {
        String full = port.getName();
        return full.substring(0, full.lastIndexOf(':'));
    }

    /** The MIDI input port's full name, for connecting to it. */
    String midiPortName() {
        return midi.getName();
    }

    /** The output ports' full names. */
    List<String> outputPortNames() {
        return List.of(left.getName(), right.getName());
    }

    /** What the outputs were connected to, for the status line. */
    String connections() {
        return connections;
    }

    /** A problem the process callback met (reported once), or {@code null}. */
    String failure() {
        return failure;
    }

    long blocks() {
        return blocks;
    }

    /** The longest process() call so far, and the last, in nanoseconds: for the benchmark figures. */
    long maxProcessNanos() {
        return maxProcessNanos;
    }

    long lastProcessNanos() {
        return lastProcessNanos;
    }

    void setRecorder(WavRecorder r) {
        recorder = r;
    }

    /**
     * Starts processing: renders through {@code v} in blocks of up to {@code maxFrames} (the
     * server's block; longer blocks are split), calls {@code onShutdown} if the server goes away,
     * and connects the outputs to the first two physical playback ports.
     */
    void start(HostVoices v, int maxFrames, Consumer<String> onShutdown) throws JackException {
        voices = v;
        maxBlock = maxFrames;
        leftBlock = new float[maxFrames];
        rightBlock = new float[maxFrames];
        handle.start(this::process, () -> onShutdown.accept("the JACK server stopped"));
        connections = connectOutputs();
    }

    private String connectOutputs() {
        String[] playback;
        try {
            playback = jack.getPorts(client, null, JackPortType.AUDIO,
                    EnumSet.of(JackPortFlags.JackPortIsInput, JackPortFlags.JackPortIsPhysical));
        } catch (JackException e) {
            return "outputs not connected: " + e.getMessage();
        }
        if (playback == null || playback.length == 0) {
            return "no system playback ports: connect the outputs yourself";
        }
        List<String> done = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> ours = outputPortNames();
        for (int i = 0; i < 2; i++) {
            String to = playback[Math.min(i, playback.length - 1)];
            try {
                jack.connect(client, ours.get(i), to);
                done.add(to);
            } catch (JackException e) {
                failed.add(to);
            }
        }
        return failed.isEmpty() ? "to " + String.join(", ", done)
                : "could not connect to " + String.join(", ", failed) + ": connect the outputs yourself";
    }

    /** JACK's process thread: MIDI in, render, out. */
    private boolean process(JackClient c, int nframes) {
        long began = System.nanoTime();
        try {
            int count = readMidi();
            long clockFrame = c.getLastFrameTime();
            java.nio.FloatBuffer outL = left.getFloatBuffer();
            java.nio.FloatBuffer outR = right.getFloatBuffer();
            WavRecorder r = recorder;
            int e = 0;
            for (int start = 0; start < nframes; start += maxBlock) {
                int n = Math.min(maxBlock, nframes - start);
                for (; e < count && eventFrames[e] < start + n; e++) {
                    apply(eventFrames[e] - start, eventBytes[e]);
                }
                voices.render(leftBlock, rightBlock, n);
                outL.put(leftBlock, 0, n);
                outR.put(rightBlock, 0, n);
                if (r != null) {
                    r.accept(leftBlock, rightBlock, n, clockFrame + start);
                }
            }
            blocks++;
        } catch (JackException | RuntimeException ex) {
            if (failure == null) {
                failure = "JACK processing failed: " + ex;
            }
        }
        long took = System.nanoTime() - began;
        lastProcessNanos = took;
        if (took > maxProcessNanos) {
            maxProcessNanos = took;
        }
        return true;
    }

    /** Reads the block's MIDI (note on/off, pitch bend, mod wheel, all notes off) into the arrays; returns how many. */
    private int readMidi() throws JackException {
        int available = JackMidi.getEventCount(midi);
        int count = 0;
        for (int i = 0; i < available && count < MIDI_EVENTS; i++) {
            JackMidi.eventGet(event, midi, i);
            int size = event.size();
            if (size < 2 || size > 3) {
                continue;                 // sysex and the like
            }
            event.read(message);
            eventFrames[count] = event.time();
            eventBytes[count] = (message[0] & 0xff) | (message[1] & 0x7f) << 8 | (size > 2 ? (message[2] & 0x7f) << 16 : 0);
            count++;
        }
        return count;
    }

    private void apply(int offset, int bytes) {
        int status = bytes & 0xf0;
        int data1 = (bytes >> 8) & 0x7f;
        int data2 = (bytes >> 16) & 0x7f;
        switch (status) {
            case 0x90 -> {
                if (data2 == 0) {
                    voices.noteOff(offset, data1);
                } else {
                    voices.noteOn(offset, data1, data2 / 127f);
                }
            }
            case 0x80 -> voices.noteOff(offset, data1);
            case 0xe0 -> voices.parameterAt(offset, InstrumentParameter.PITCH_BEND.id(), (data2 << 7 | data1) / 16383.0);
            case 0xb0 -> {
                if (data1 == 1) {
                    voices.parameterAt(offset, InstrumentParameter.MOD_WHEEL.id(), data2 / 127.0);
                } else if (data1 == 123 || data1 == 120) {
                    voices.allNotesOff();
                }
            }
            default -> {
            }
        }
    }

    /** Whether the client has left the server (after {@link #close}). */
    boolean closed() {
        return handle.closed();
    }

    /**
     * Stops processing and leaves the server, after a shutdown too; once. Not on a JACK thread: it
     * waits until JACK's threads are out of the JVM (see {@link JackClientHandle}), at most
     * {@value JackClientHandle#STOP_MILLIS} ms.
     */
    @Override
    public void close() {
        handle.close();
    }
}
