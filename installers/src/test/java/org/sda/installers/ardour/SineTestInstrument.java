package org.sda.installers.ardour;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.sda.engine.instrument.Instrument;
import org.sda.engine.instrument.InstrumentConfig;
import org.sda.engine.instrument.InstrumentFactory;
import org.sda.engine.instrument.InstrumentParameter;
import org.sda.engine.instrument.VariationFeed;

/**
 * A test instrument that plays a sine per held key: loaded into the plugin in Ardour (through
 * a service provider in its own jar, which the bridge prefers to the engine's factory) to test the host path on its own —
 * Ardour, the shim, the JVM boot, the bridge's publication of variations and the shim's voice
 * renderer — independently of models and generation. In the plugin its one variation is a sine at
 * middle C (the root note), which the shim's renderer keytracks to each key, with the shortest
 * attack and release, so a note sounds from its offset and stops within a millisecond of its
 * note-off; {@link #render} plays the same notes in Java for front ends that render in Java.
 *
 * <p>Threads as in {@link Instrument}: events and {@code render} on the render thread;
 * {@code parameter} from any thread (the values are plain fields, written only by the render thread).
 */
public final class SineTestInstrument implements Instrument {

    private static final double SINE_SECONDS = 20;
    private volatile VariationFeed.Sound sine;

    private static final int KEYS = 128;

    private final double[] phase = new double[KEYS];
    private final float[] velocity = new float[KEYS];
    private final double[] parameters = new double[InstrumentParameter.values().length];
    // Pending events of the next block, in arrival order: key (negative: note-off of ~key), offset, velocity.
    private int[] eventKey = new int[0];
    private int[] eventOffset = new int[0];
    private float[] eventVelocity = new float[0];
    private int events;
    private double sampleRate = 48000;

    /** What the bridge's service loader finds in the test jar, in place of the engine's own factory. */
    public static final class Factory implements InstrumentFactory {
        @Override
        public Instrument create(InstrumentConfig config) {
            return new SineTestInstrument();
        }
    }

    private SineTestInstrument() {
        for (InstrumentParameter p : InstrumentParameter.values()) {
            parameters[p.id()] = p.defaultNormalized();
        }
        parameters[InstrumentParameter.ATTACK.id()] = 0;
        parameters[InstrumentParameter.RELEASE.id()] = 0;
    }

    /** Middle C at the host rate, for the shim's renderer (the root note is 60: every key keytracks from it). */
    private static VariationFeed.Sound sineAt(int rate) {
        float[] samples = new float[(int) (SINE_SECONDS * rate)];
        double hz = 440 * Math.pow(2, (60 - 69) / 12.0);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.2 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return new VariationFeed.Sound() {
            @Override public float[] octave(int k) { return samples; }
            @Override public int octaveCount() { return 1; }
            @Override public int sampleRate() { return rate; }
            @Override public long index() { return 0; }
            @Override public long epoch() { return 1; }
            @Override public void markPlayed() { }
        };
    }

    @Override
    public Optional<VariationFeed> variationFeed() {
        return Optional.of(new VariationFeed() {
            @Override
            public Snapshot snapshot() {
                VariationFeed.Sound s = sine;
                return s == null ? Snapshot.EMPTY : new Snapshot(1, s, List.of(s), false);
            }

            @Override
            public void setParameter(int id, double normalized) {
                if (id >= 0 && id < parameters.length) {
                    parameters[id] = normalized;
                }
            }
        });
    }

    @Override
    public void prepare(double sampleRate, int maxBlockFrames) {
        this.sampleRate = sampleRate;
        this.sine = sineAt((int) Math.round(sampleRate));
        eventKey = new int[1024];
        eventOffset = new int[1024];
        eventVelocity = new float[1024];
    }

    private void queue(int key, int offset, float vel) {
        if (events < eventKey.length) {
            eventKey[events] = key;
            eventOffset[events] = offset;
            eventVelocity[events] = vel;
            events++;
        }
    }

    @Override
    public void noteOn(int sampleOffset, int key, float velocity) {
        queue(key, sampleOffset, velocity);
    }

    @Override
    public void noteOff(int sampleOffset, int key) {
        queue(~key, sampleOffset, 0);
    }

    @Override
    public void allNotesOff() {
        java.util.Arrays.fill(velocity, 0);
        events = 0;
    }

    @Override
    public void setParameter(int sampleOffset, int id, double normalized) {
        if (id >= 0 && id < parameters.length) {
            parameters[id] = normalized;
        }
    }

    @Override
    public double parameter(int id) {
        return parameters[id];
    }

    @Override
    public boolean render(float[] left, float[] right, int frames) {
        boolean sound = false;
        int next = 0;
        for (int i = 0; i < frames; i++) {
            while (next < events && eventOffset[next] <= i) {
                int key = eventKey[next];
                if (key >= 0) {
                    velocity[key & 127] = eventVelocity[next];
                } else {
                    velocity[~key & 127] = 0;
                }
                next++;
            }
            double sum = 0;
            for (int key = 0; key < KEYS; key++) {
                if (velocity[key] > 0) {
                    double hz = 440 * Math.pow(2, (key - 69) / 12.0);
                    phase[key] += 2 * Math.PI * hz / sampleRate;
                    sum += 0.2 * velocity[key] * Math.sin(phase[key]);
                }
            }
            left[i] = (float) sum;
            right[i] = (float) sum;
            sound |= sum != 0;
        }
        while (next < events) { // offsets past the block: apply at its end
            int key = eventKey[next++];
            velocity[(key >= 0 ? key : ~key) & 127] = key >= 0 ? eventVelocity[next - 1] : 0;
        }
        events = 0;
        return sound;
    }

    @Override
    public int latencySamples() {
        return 0;
    }

    @Override
    public byte[] saveState() {
        return "{\"sine\":true}".getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public RestoreResult restoreState(byte[] state) {
        return new RestoreResult(true, "sine test instrument");
    }

    @Override
    public String status() {
        return "sine test instrument";
    }

    @Override
    public void close() {
    }
}
