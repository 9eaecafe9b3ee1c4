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
 * <p>The shim renders the voices itself, on the host's audio thread; while the instance is active,
 * a {@link VariationPublisher} puts the instrument's variations ({@link Instrument#variationFeed})
 * where that renderer reads them. An instrument without a feed has nothing the plugin can play:
 * the shim then plays silence and the status says why.
 *
 * <p>The instrument is configured from the bundle the shim was loaded from ({@link InstrumentConfig#forBundle}),
 * handed over by the attach call, and made by the {@link InstrumentFactory} the service loader finds
 * (the engine's own unless a jar in the bundle provides another, or {@code SDA_INSTRUMENT_FACTORY}
 * names one).
 */
public final class PluginBridge {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final SharedBlock shared;
    private final Instrument instrument;
    private final VariationPublisher publisher;

    private PluginBridge(SharedBlock shared, Function waitFunction, Instrument instrument) {
        this.shared = shared;
        this.instrument = instrument;
        int number = INSTANCES.incrementAndGet();
        this.publisher = instrument.variationFeed()
                .map(feed -> new VariationPublisher(shared, feed, waitFunction, "sda-publish-" + number))
                .orElse(null);
    }

    /**
     * Called by the shim for a new instance: {@code sharedAddress} is its {@code struct sda_shared},
     * {@code waitFunction} the address of {@code sda_render_wait}, {@code promoteFunction} that of
     * {@code sda_render_thread_promote} (not called: nothing of Java's is on the audio path any more,
     * so no Java thread asks for real-time priority), {@code bundleResources} the bundle's
     * {@code Contents/Resources} folder. Throws if the instrument cannot be made (the shim reports
     * it and plays silence).
     */
    public static PluginBridge attach(long sharedAddress, long waitFunction, long promoteFunction,
                                      String bundleResources) {
        if (sharedAddress == 0 || waitFunction == 0 || promoteFunction == 0) {
            throw new IllegalArgumentException("null address from the shim");
        }
        SharedBlock block = new SharedBlock(new Pointer(sharedAddress));
        Function wait = Function.getFunction(new Pointer(waitFunction));
        return inPluginLoader(() -> new PluginBridge(block, wait, createInstrument(bundleResources, System.getenv())));
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

    /**
     * Host's main thread, publisher stopped: the rate variations are made at. Returns the
     * instrument's own latency in samples (0: the shim's renderer adds none either).
     */
    public int prepare(double sampleRate, int maxBlockFrames) {
        inPluginLoader(() -> instrument.prepare(sampleRate, maxBlockFrames));
        return instrument.latencySamples();
    }

    /** Starts publishing variations for an activation; the shim has set its renderer up. */
    public void start() {
        if (publisher != null) {
            inPluginLoader(publisher::start);
        }
    }

    /** Stops publishing and waits for the publisher; a no-op when it is not running. */
    public void stop() {
        if (publisher != null) {
            publisher.stop();
        }
    }

    /**
     * Any thread (the editor's on-screen keyboard): plays {@code key} (0..127) at {@code velocity}
     * (0..1; 0 releases it) from the start of the audio thread's next block, through the shim's
     * renderer like the host's notes. Returns false when the note could not be queued (the audio
     * thread has not run for a while: nothing is processing).
     */
    public boolean playNote(int key, float velocity) {
        if (key < 0 || key > 127 || !(velocity >= 0)) {
            return false;
        }
        return shared.postNote(key, Math.min(1f, velocity));
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

    public String status() {
        String status = instrument.status();
        return publisher != null ? status
                : status + " (this instrument renders only in Java, which the plugin no longer does: it plays silence)";
    }

    /** Stops publishing, frees the published variations and the instrument. The object is not used again. */
    public void close() {
        if (publisher != null) {
            publisher.close();
        }
        inPluginLoader(instrument::close);
    }
}
