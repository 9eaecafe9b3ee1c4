package org.sda.engine.bridge;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.jna.Function;
import com.sun.jna.Pointer;

import org.sda.engine.instrument.Instrument;

/**
 * One plugin instance as the native shim sees it. The shim calls these methods through JNI from
 * the host's non-audio threads (never the audio thread), one call at a time per instance:
 * {@link #attach} once, then {@link #prepare}, {@link #start}/{@link #stop} around each
 * activation, state calls at any time, and {@link #close} last.
 *
 * <p>The instrument comes from the factory class named by the system property
 * {@code sda.instrument.factory} (a class with a static, no-argument {@code create()} returning an
 * {@link Instrument}); by default {@code org.sda.engine.instrument.Instruments}.
 */
public final class PluginBridge {

    /** System property naming the instrument factory class. */
    public static final String FACTORY_PROPERTY = "sda.instrument.factory";
    static final String DEFAULT_FACTORY = "org.sda.engine.instrument.Instruments";

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final SharedBlock shared;
    private final Function waitFunction;
    private final Function promoteFunction;
    private final Instrument instrument;
    private final int number;
    private int maxBlock;
    private RenderLoop loop;

    private PluginBridge(SharedBlock shared, Function waitFunction, Function promoteFunction, Instrument instrument) {
        this.shared = shared;
        this.waitFunction = waitFunction;
        this.promoteFunction = promoteFunction;
        this.instrument = instrument;
        this.number = INSTANCES.incrementAndGet();
    }

    /**
     * Called by the shim for a new instance: {@code sharedAddress} is its {@code struct sda_shared},
     * {@code waitFunction} the address of {@code sda_render_wait}, {@code promoteFunction} that of
     * {@code sda_render_thread_promote}. Throws if the instrument cannot be made (the shim reports
     * it and plays silence).
     */
    public static PluginBridge attach(long sharedAddress, long waitFunction, long promoteFunction)
            throws ReflectiveOperationException {
        if (sharedAddress == 0 || waitFunction == 0 || promoteFunction == 0) {
            throw new IllegalArgumentException("null address from the shim");
        }
        SharedBlock block = new SharedBlock(new Pointer(sharedAddress));
        Function wait = Function.getFunction(new Pointer(waitFunction));
        Function promote = Function.getFunction(new Pointer(promoteFunction));
        return new PluginBridge(block, wait, promote, createInstrument());
    }

    static Instrument createInstrument() throws ReflectiveOperationException {
        String name = System.getProperty(FACTORY_PROPERTY, DEFAULT_FACTORY);
        Method create = Class.forName(name).getMethod("create");
        Object made = create.invoke(null);
        if (!(made instanceof Instrument instrument)) {
            throw new IllegalStateException(name + ".create() returned " + made + ", not an Instrument");
        }
        return instrument;
    }

    /** Host's main thread, render thread stopped. Returns the instrument's own latency in samples. */
    public int prepare(double sampleRate, int maxBlockFrames) {
        instrument.prepare(sampleRate, maxBlockFrames);
        this.maxBlock = maxBlockFrames;
        return instrument.latencySamples();
    }

    /** Starts the render thread; the shim has just reset the rings. */
    public void start() {
        stop();
        int block = maxBlock > 0 ? maxBlock : shared.maxBlock();
        loop = new RenderLoop(shared, instrument, waitFunction, promoteFunction, block, "sda-render-" + number);
        loop.start();
    }

    /** Stops the render thread and waits for it; a no-op when it is not running. */
    public void stop() {
        if (loop != null) {
            loop.stop();
            loop = null;
        }
    }

    public byte[] saveState() {
        return instrument.saveState();
    }

    /** Restores a state; {@code null} when everything came back, else what did not. */
    public String restoreState(byte[] state) {
        Instrument.RestoreResult result = instrument.restoreState(state);
        return result.ok() ? null : result.message();
    }

    public double parameter(int id) {
        return instrument.parameter(id);
    }

    public String status() {
        return instrument.status();
    }

    /** Stops rendering and frees the instrument. The object is not used again. */
    public void close() {
        stop();
        instrument.close();
    }
}
