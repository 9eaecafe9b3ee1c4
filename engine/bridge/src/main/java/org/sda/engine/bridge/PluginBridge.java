package org.sda.engine.bridge;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.sun.jna.Function;
import com.sun.jna.Pointer;

import org.sda.engine.instrument.Instrument;
import org.sda.engine.instrument.InstrumentConfig;
import org.sda.engine.instrument.InstrumentFactory;

/**
 * One plugin instance as the native shim sees it. The shim calls these methods through JNI from
 * the host's non-audio threads (never the audio thread), one call at a time per instance:
 * {@link #attach} once, then {@link #prepare}, {@link #start}/{@link #stop} around each
 * activation, state calls at any time, and {@link #close} last.
 *
 * <p>The instrument is configured from the bundle the shim was loaded from ({@link InstrumentConfig#forBundle}),
 * handed over by the attach call, and made by the {@link InstrumentFactory} the service loader finds
 * (the engine's own unless a jar in the bundle provides another, or {@code SDA_INSTRUMENT_FACTORY}
 * names one).
 */
public final class PluginBridge {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final SharedBlock shared;
    private final Function waitFunction;
    private final Function promoteFunction;
    private final Instrument instrument;
    private final int number;
    private int maxBlock;
    private volatile RenderLoop loop;
    private volatile Runnable beforeRendering;

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
     * {@code sda_render_thread_promote}, {@code bundleResources} the bundle's {@code Contents/Resources}
     * folder. Throws if the instrument cannot be made (the shim reports it and plays silence).
     */
    public static PluginBridge attach(long sharedAddress, long waitFunction, long promoteFunction,
                                      String bundleResources) {
        if (sharedAddress == 0 || waitFunction == 0 || promoteFunction == 0) {
            throw new IllegalArgumentException("null address from the shim");
        }
        SharedBlock block = new SharedBlock(new Pointer(sharedAddress));
        Function wait = Function.getFunction(new Pointer(waitFunction));
        Function promote = Function.getFunction(new Pointer(promoteFunction));
        return inPluginLoader(() -> new PluginBridge(block, wait, promote,
                createInstrument(bundleResources, System.getenv())));
    }

    /**
     * Runs {@code call} with the plugin's class loader as the thread's context class loader, and
     * puts the caller's back. In a JVM someone else started, the plugin's jars live in a loader of
     * their own, but libraries find their parts through the context loader (DJL's engines, the
     * service loader): without this they looked in the host's class path and found no ONNX Runtime.
     * Threads the instrument starts inside the call inherit the plugin's loader.
     */
    private static <T> T inPluginLoader(Supplier<T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        thread.setContextClassLoader(PluginBridge.class.getClassLoader());
        try {
            return call.get();
        } finally {
            thread.setContextClassLoader(caller);
        }
    }

    private static void inPluginLoader(Runnable call) {
        inPluginLoader(() -> {
            call.run();
            return null;
        });
    }

    /** The instrument for the bundle at {@code bundleResources}, made by the factory its config finds. */
    static Instrument createInstrument(String bundleResources, Map<String, String> env) {
        InstrumentConfig config = InstrumentConfig.forBundle(Path.of(bundleResources), env);
        return InstrumentFactory.find(config, PluginBridge.class.getClassLoader()).create(config);
    }

    /** Host's main thread, render thread stopped. Returns the instrument's own latency in samples. */
    public int prepare(double sampleRate, int maxBlockFrames) {
        inPluginLoader(() -> instrument.prepare(sampleRate, maxBlockFrames));
        this.maxBlock = maxBlockFrames;
        return instrument.latencySamples();
    }

    /** Starts the render thread; the shim has just reset the rings. */
    public void start() {
        stop();
        int block = maxBlock > 0 ? maxBlock : shared.maxBlock();
        RenderLoop next = new RenderLoop(shared, instrument, waitFunction, promoteFunction, block, "sda-render-" + number);
        next.beforeRendering(beforeRendering);
        loop = next;
        inPluginLoader(next::start);
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
        Instrument.RestoreResult result = inPluginLoader(() -> instrument.restoreState(state));
        return result.ok() ? null : result.message();
    }

    public double parameter(int id) {
        return instrument.parameter(id);
    }

    /** The instrument, for the editor panel the shim opens on it (host's UI thread). */
    public Instrument instrument() {
        return instrument;
    }

    /**
     * Any thread: {@code r} runs on the render thread whenever it wakes to render, before the
     * host's events, so that what the editor posts (its on-screen keyboard's notes) reaches the
     * instrument on the thread it requires; {@code null} removes it. It must not block.
     */
    public void beforeRendering(Runnable r) {
        beforeRendering = r;
        RenderLoop running = loop;
        if (running != null) {
            running.beforeRendering(r);
        }
    }

    public String status() {
        return instrument.status();
    }

    /** Stops rendering and frees the instrument. The object is not used again. */
    public void close() {
        stop();
        inPluginLoader(instrument::close);
    }
}
