package org.sda.engine.instrument;

import static org.sda.engine.instrument.InstrumentParameter.POOL_SIZE;
import static org.sda.engine.instrument.InstrumentParameter.TEMPERATURE;
import static org.sda.engine.instrument.InstrumentParameter.TOP_K;
import static org.sda.engine.instrument.InstrumentParameter.TOP_P;
import static org.sda.engine.instrument.InstrumentParameter.VARIATION_SEED;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.sda.engine.audio.Resampler;

/**
 * The pool of ready variations for one model, refilled in the background by a bounded number of
 * generation workers, and read by the render thread without locks.
 *
 * <p>Layout: up to {@link #MAX_SLOTS} slots (the pool size parameter says how many are used),
 * plus the <em>first</em> variation: index 0 of the current seed, the one a locked instrument
 * plays. Variations of one seed are numbered 0, 1, 2, …; each is generated with
 * {@link VariationRequest#seedFor}{@code (seed, index)}, so the same seed gives the same sounds.
 * The first fill puts variation i in slot i. A note takes the lowest-numbered unplayed variation
 * of the current seed, or, if all have been played (generation is behind), the next ready one in
 * turn; workers replace played variations with new indices, so the pool never runs dry once
 * filled and fresh sounds come as fast as generation allows. As long as generation keeps ahead
 * of the notes, notes play variations 0, 1, 2, … of the seed: the same sounds on every run.
 *
 * <p>A seed change starts a new <em>epoch</em>: variations of the old seed keep playing until
 * their slots are refilled (no silence while the new ones are made). Temperature, top-k and top-p
 * are read when a worker starts a variation: changes affect variations generated from then on.
 * A host rate change resamples the kept model-rate audio instead of generating again. With a
 * {@link VariationCache}, a variation generated in an earlier session is read back instead of
 * generated again.
 *
 * <p>Threads: {@link #next} is for the render thread only (lock-free, allocation-free). Workers
 * coordinate among themselves under this object's monitor, which the render thread never takes;
 * they hand variations over by writing a slot's volatile field. (Not an {@code AtomicReferenceArray}:
 * its VarHandle can spin and compile a lambda form on whichever thread crosses an invocation
 * threshold, which allocated on the render thread on a loaded machine.)
 * Workers poll (every {@value #IDLE_POLL_MILLIS} ms when idle) rather than being woken, so the
 * render thread never calls into the scheduler.
 */
final class VariationPool implements VoiceEngine.VariationSupply, AutoCloseable {

    static final int MAX_SLOTS = (int) POOL_SIZE.max();
    private static final long IDLE_POLL_MILLIS = 10;
    private static final long FAILURE_BACKOFF_MILLIS = 1000;

    private final VariationSource source;
    private final ParameterValues params;
    private final VariationCache cache;
    private final String modelHash;
    private final Slot[] slots = Slot.array(MAX_SLOTS);
    private final Thread[] workers;
    private volatile Variation first;
    private volatile long epoch;
    private volatile int hostRate;
    private volatile boolean running;
    private volatile String lastError;
    private final AtomicLong generated = new AtomicLong();
    /** The variation the newest note took and how many notes took one: written by the render thread (or the plugin's publisher), read by displays. */
    private volatile Variation lastTaken;
    private volatile long notesTaken;

    // Render thread only.
    private int cursor;

    // Workers only, under the monitor.
    private int epochSeed = Integer.MIN_VALUE;
    private long nextIndex;
    private boolean firstInFlight;
    private final boolean[] inFlight = new boolean[MAX_SLOTS];

    /**
     * @param hostRate the rate to resample to; 0 until the instrument is prepared (workers wait)
     * @param workerCount how many generation threads; at least 1
     */
    VariationPool(VariationSource source, ParameterValues params, int workerCount, int hostRate) {
        this(source, params, workerCount, hostRate, null, null);
    }

    /**
     * @param cache where generated variations are kept across sessions; {@code null} for none
     * @param modelHash the model's content hash, the cache's key; {@code null} for no cache
     */
    VariationPool(VariationSource source, ParameterValues params, int workerCount, int hostRate,
                  VariationCache cache, String modelHash) {
        this.source = Objects.requireNonNull(source, "source");
        this.params = Objects.requireNonNull(params, "params");
        this.cache = modelHash == null || modelHash.isEmpty() ? null : cache;
        this.modelHash = modelHash;
        this.hostRate = hostRate;
        this.workers = new Thread[Math.max(1, workerCount)];
        for (int i = 0; i < workers.length; i++) {
            Thread t = new Thread(this::work, "sda-generate-" + source.name() + "-" + i);
            t.setDaemon(true);
            // Generation must never compete with the render thread for a core.
            t.setPriority(Thread.MIN_PRIORITY);
            workers[i] = t;
        }
    }

    void start() {
        running = true;
        for (Thread t : workers) {
            t.start();
        }
    }

    /** Not on the render thread: the rate variations are needed at. Ready ones are resampled. */
    void setHostRate(int rate) {
        hostRate = rate;
    }

    VariationSource source() {
        return source;
    }

    @Override
    public Variation next(boolean locked, int sampleRate, int poolSize) {
        Variation v = nextFresh(locked, sampleRate, poolSize);
        if (v != null || locked) {
            return v;
        }
        // All played (generation is behind): replay ready ones in turn rather than fall silent.
        int n = Math.max(1, Math.min(MAX_SLOTS, poolSize));
        for (int k = 0; k < n; k++) {
            int i = (cursor + k) % n;
            Variation ready = slots[i].variation;
            if (ready != null && ready.sampleRate() == sampleRate) {
                cursor = (i + 1) % n;
                ready.markPlayed();
                took(ready);
                return ready;
            }
        }
        return null;
    }

    @Override
    public Variation nextFresh(boolean locked, int sampleRate, int poolSize) {
        if (locked) {
            Variation v = first;
            if (v != null && v.sampleRate() == sampleRate) {
                v.markPlayed();
                took(v);
                return v;
            }
            return null;
        }
        int n = Math.max(1, Math.min(MAX_SLOTS, poolSize));
        long current = epoch;
        // The lowest-numbered new variation of the current seed: notes play the seed's sequence
        // in order whenever generation keeps up, whatever the slots' order.
        Variation best = null;
        for (int i = 0; i < n; i++) {
            Variation v = slots[i].variation;
            if (v != null && v.sampleRate() == sampleRate && !v.played() && v.epoch() == current
                    && (best == null || v.index() < best.index())) {
                best = v;
            }
        }
        if (best != null) {
            best.markPlayed();
            took(best);
        }
        return best;
    }

    @Override
    public boolean canWait() {
        return running && lastError == null;
    }

    /**
     * A note took {@code v}: remembered for {@link #lastPlayed}. Render thread (one writer at a
     * time): two volatile writes, no allocation, no lock. The reference first, then the count, so a
     * reader that sees the new count sees this variation or a newer one.
     */
    private void took(Variation v) {
        lastTaken = v;
        notesTaken = notesTaken + 1;
    }

    /**
     * The plugin's renderer (outside this JVM) started {@code v}; {@code notes} is its count of
     * notes that took a variation. The publisher thread; the render path of this JVM is unused then.
     */
    void tookOutside(Variation v, long notes) {
        lastTaken = v;
        notesTaken = notes;
    }

    /** Any thread, never blocks: the variation the newest note took, or {@code null} before the first. */
    PlayedVariation lastPlayed() {
        long notes = notesTaken;
        Variation v = lastTaken;
        return v == null ? null : new PlayedVariation(notes, v.index(), v.epoch(), v.sampleRate(),
                java.nio.FloatBuffer.wrap(v.samples()));
    }

    /** Variations of the current seed, at the current rate, not yet played, in the used slots. */
    int readyCount() {
        int n = Math.min(MAX_SLOTS, params.integer(POOL_SIZE));
        int ready = 0;
        long current = epoch;
        int rate = hostRate;
        for (int i = 0; i < n; i++) {
            Variation v = slots[i].variation;
            if (v != null && v.epoch() == current && v.sampleRate() == rate && !v.played()) {
                ready++;
            }
        }
        return ready;
    }

    /**
     * Any thread, read only: the index (in the current seed's sequence) of the variation the next
     * note takes, as {@link #nextFresh} would choose it; -1 when none is ready.
     */
    long nextIndex(boolean locked) {
        int rate = hostRate;
        if (locked) {
            Variation v = first;
            return v != null && v.sampleRate() == rate ? v.index() : -1;
        }
        int n = Math.min(MAX_SLOTS, params.integer(POOL_SIZE));
        long current = epoch;
        long best = -1;
        for (int i = 0; i < n; i++) {
            Variation v = slots[i].variation;
            if (v != null && v.sampleRate() == rate && !v.played() && v.epoch() == current
                    && (best < 0 || v.index() < best)) {
                best = v.index();
            }
        }
        return best;
    }

    /**
     * Any thread: the slots as they are now ({@code null} where empty), the first variation and the
     * current epoch, for a renderer outside this JVM ({@link VariationFeed}). Allocates.
     */
    VariationFeed.Snapshot snapshot() {
        long current = epoch;
        List<VariationFeed.Sound> list = new ArrayList<>(MAX_SLOTS);
        for (Slot slot : slots) {
            list.add(slot.variation);
        }
        return new VariationFeed.Snapshot(current, first, Collections.unmodifiableList(list), canWait());
    }

    /** Variations generated since the pool started. */
    long generatedCount() {
        return generated.get();
    }

    /** The message of the last generation failure, or {@code null}. */
    String lastError() {
        return lastError;
    }

    /** Whether {@code v} is this pool's first variation or in one of its slots. Any thread. */
    boolean owns(Variation v) {
        if (v == first) {
            return true;
        }
        for (Slot slot : slots) {
            if (slot.variation == v) {
                return true;
            }
        }
        return false;
    }

    /** The first variation of the current seed, once ready (tests, status). */
    Variation first() {
        return first;
    }

    /**
     * Not on the render thread: starts the current seed's sequence again from variation 0, as a
     * restored project expects. Ready variations keep playing until their replacements arrive.
     */
    synchronized void restart() {
        epochSeed = Integer.MIN_VALUE;
    }

    /** Stops the workers, waits for them (a generation in progress finishes), closes the source. */
    @Override
    public void close() {
        running = false;
        for (Thread t : workers) {
            LockSupport.unpark(t);
        }
        for (Thread t : workers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        source.close();
    }

    // ----- workers -----

    /** A claimed piece of work: a new variation, or resampling a ready one. */
    private record Task(int slot, boolean isFirst, VariationRequest request, Variation resampleFrom, long epoch,
                        int rate) {
    }

    private void work() {
        while (running) {
            Task task = claim();
            if (task == null) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(IDLE_POLL_MILLIS));
                continue;
            }
            Variation made = null;
            try {
                made = make(task);
                lastError = null;
            } catch (Exception | LinkageError e) {
                lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            } finally {
                complete(task, made);
            }
            if (made == null && running) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(FAILURE_BACKOFF_MILLIS));
            }
        }
    }

    private Variation make(Task task) throws Exception {
        if (task.resampleFrom != null) {
            Variation from = task.resampleFrom;
            float[] resampled = Resampler.resample(from.modelRateSamples(), from.modelRate(), task.rate);
            return new Variation(copyIfShared(resampled, from.modelRateSamples()), task.rate,
                    from.modelRateSamples(), from.modelRate(), from.index(), task.epoch);
        }
        float[] audio = cache == null ? null : cache.get(modelHash, task.request, source.sampleRate()).orElse(null);
        if (audio == null) {
            audio = source.generate(task.request);
            if (audio == null) {
                throw new IllegalStateException(source.name() + " returned no audio");
            }
            if (cache != null) {
                cache.put(modelHash, task.request, source.sampleRate(), audio);
            }
        }
        float[] atRate = Resampler.resample(audio, source.sampleRate(), task.rate);
        generated.incrementAndGet();
        return new Variation(copyIfShared(atRate, audio), task.rate, audio, source.sampleRate(),
                task.request.index(), task.epoch);
    }

    /** The resampler returns its input when rates match; the playable copy gets faded, the kept one must not. */
    private static float[] copyIfShared(float[] playable, float[] kept) {
        return playable == kept ? kept.clone() : playable;
    }

    private synchronized Task claim() {
        int rate = hostRate;
        if (rate <= 0 || !running) {
            return null;
        }
        int seed = params.integer(VARIATION_SEED);
        if (seed != epochSeed) {
            epochSeed = seed;
            epoch++;
            nextIndex = 1; // 0 is the first variation
            firstInFlight = false;
            Arrays.fill(inFlight, false);
        }
        long current = epoch;
        Variation f = first;
        if (!firstInFlight && (f == null || f.epoch() != current)) {
            firstInFlight = true;
            return new Task(0, true, request(0), null, current, rate);
        }
        int n = Math.min(MAX_SLOTS, params.integer(POOL_SIZE));
        // Empty or old-seed slots first, in slot order, so the first fill is deterministic.
        for (int i = 0; i < n; i++) {
            Variation v = slots[i].variation;
            if (!inFlight[i] && (v == null || v.epoch() != current)) {
                if (i == 0) {
                    continue; // filled from the first variation when it arrives
                }
                inFlight[i] = true;
                return new Task(i, false, request(nextIndex++), null, current, rate);
            }
        }
        if (!firstInFlight && f != null && f.sampleRate() != rate) {
            firstInFlight = true;
            return new Task(0, true, null, f, current, rate);
        }
        for (int i = 0; i < n; i++) {
            Variation v = slots[i].variation;
            if (!inFlight[i] && v != null && v.sampleRate() != rate) {
                inFlight[i] = true;
                return new Task(i, false, null, v, current, rate);
            }
        }
        for (int i = 0; i < n; i++) {
            Variation v = slots[i].variation;
            if (!inFlight[i] && v != null && v.played()) {
                inFlight[i] = true;
                return new Task(i, false, request(nextIndex++), null, current, rate);
            }
        }
        return null;
    }

    private VariationRequest request(long index) {
        return requestFor(source, params, epochSeed, index);
    }

    /** The request for variation {@code index} of {@code seed} under the current settings: one definition for all. */
    static VariationRequest requestFor(VariationSource source, ParameterValues params, int seed, long index) {
        List<Double> controls = new ArrayList<>(InstrumentParameter.CONTROLS.size());
        for (InstrumentParameter control : InstrumentParameter.CONTROLS) {
            controls.add(params.plain(control) / 100);
        }
        return new VariationRequest(source.defaultSeconds(), params.plain(TEMPERATURE), params.integer(TOP_K),
                params.plain(TOP_P), VariationRequest.seedFor(seed, index), index, controls);
    }

    private synchronized void complete(Task task, Variation made) {
        boolean sameEpoch = task.epoch == epoch;
        if (task.isFirst) {
            if (sameEpoch) {
                firstInFlight = false;
            }
            if (made != null && sameEpoch) {
                first = made;
                Variation zero = slots[0].variation;
                if (zero == null || zero.epoch() != epoch || zero.sampleRate() != hostRate) {
                    slots[0].variation = made;
                }
            }
            return;
        }
        if (sameEpoch) {
            inFlight[task.slot] = false;
        }
        if (made != null && sameEpoch) {
            slots[task.slot].variation = made;
        }
    }

    /** One pool slot: written by workers, read by the render thread. */
    private static final class Slot {
        volatile Variation variation;

        static Slot[] array(int n) {
            Slot[] slots = new Slot[n];
            for (int i = 0; i < n; i++) {
                slots[i] = new Slot();
            }
            return slots;
        }
    }
}
