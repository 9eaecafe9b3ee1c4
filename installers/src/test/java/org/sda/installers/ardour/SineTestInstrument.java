package org.sda.installers.ardour;

import java.nio.charset.StandardCharsets;
import org.sda.engine.instrument.Instrument;
import org.sda.engine.instrument.InstrumentConfig;
import org.sda.engine.instrument.InstrumentFactory;
import org.sda.engine.instrument.InstrumentParameter;

/**
 * A test instrument that plays a sine per held key: loaded into the plugin in Ardour (through
 * a service provider in its own jar, which the bridge prefers to the engine's factory) to test the host path on its own —
 * Ardour, the shim, the JVM boot, the rings, the bridge and back — independently of models and
 * generation. Notes take effect at their sample offsets, as the interface asks.
 *
 * <p>Threads as in {@link Instrument}: events and {@code render} on the render thread;
 * {@code parameter} from any thread (the values are plain fields, written only by the render thread).
 */
public final class SineTestInstrument implements Instrument {

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
    }

    @Override
    public void prepare(double sampleRate, int maxBlockFrames) {
        this.sampleRate = sampleRate;
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
