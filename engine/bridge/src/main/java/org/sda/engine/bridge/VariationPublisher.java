package org.sda.engine.bridge;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.sun.jna.Function;
import com.sun.jna.Memory;

import org.sda.engine.instrument.VariationFeed;

/**
 * The Java side of one plugin instance while it is active: puts the instrument's variations where
 * the shim's voice renderer (on the host's audio thread, in C) can play them, and hands the host's
 * parameter changes to the instrument. Never on the audio path: the audio thread only reads what
 * was published and never waits for this thread (except offline bounces, bounded, in the shim).
 *
 * <p>Every {@value #ROUND_MILLIS} ms (sooner when an offline bounce wakes it) one round:
 * <ol>
 *   <li>drains parameter changes from the event ring into {@link VariationFeed#setParameter};
 *   <li>marks the variations notes took as played ({@link VariationFeed.Sound#markPlayed}), so that
 *       generation refills their slots, and tells the feed which one the newest note took
 *       ({@link VariationFeed#notePlayed}: the editor shows its waveform);
 *   <li>when the pool changed and the audio thread has taken the previous table: copies new
 *       variations (the samples and their octave copies, at the host rate) into native memory of
 *       their own, describes each in a free handle, writes the table the audio thread is not
 *       reading and publishes it by bumping the generation;
 *   <li>frees the memory of handles the pool dropped once the audio thread has passed the table
 *       that dropped them and no voice plays them.
 * </ol>
 *
 * <p>Limits: a pool of up to {@link SharedLayout#POOL_SLOTS} slots; {@link SharedLayout#VARIATION_HANDLES}
 * handles (a full pool, its first variation and dropped ones still playing); a variation longer
 * than {@link SharedLayout#MAX_VARIATION_FRAMES} frames is cut there, with a short fade.
 *
 * <p>Threads: {@link #start}, {@link #stop} and {@link #close} from the shim's calling thread
 * (the host's main thread); the rounds on a thread of its own. The native memory lives from
 * publication until reclaimed or {@link #close}; the shim forgets every table after close.
 */
final class VariationPublisher implements Runnable {

    static final int ROUND_MILLIS = 2;
    private static final int HANDLES = SharedLayout.VARIATION_HANDLES;
    private static final int SLOTS = SharedLayout.POOL_SLOTS;
    private static final double END_FADE_SECONDS = 0.005;

    private final SharedBlock shared;
    private final VariationFeed feed;
    private final Function waitFunction;
    private final Object[] waitArgs;
    private final String name;

    // Owned by whichever thread runs rounds (the publisher thread, or close() after it ended).
    private final VariationFeed.Sound[] byHandle = new VariationFeed.Sound[HANDLES];
    private final Memory[] memory = new Memory[HANDLES];
    private final long[] retiredAt = new long[HANDLES];      // generation that dropped it; 0 while named
    private final Map<VariationFeed.Sound, Integer> handles = new IdentityHashMap<>();
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private final VariationFeed.Sound[] publishedSlots = new VariationFeed.Sound[SLOTS];
    private final boolean[] publishedNamed = new boolean[HANDLES];
    private VariationFeed.Sound publishedFirst;
    private long publishedEpoch = -1;
    private boolean publishedCanWait;
    private int publishedRate;
    private long generation;
    private long notesSeen;

    private Thread thread;
    private volatile boolean running;
    private volatile long roundsDone;

    /**
     * @param waitFunction the shim's {@code sda_render_wait}, which sleeps between rounds and wakes
     *     early for an offline bounce that waits for a variation; {@code null} to just sleep
     */
    VariationPublisher(SharedBlock shared, VariationFeed feed, Function waitFunction, String name) {
        this.shared = shared;
        this.feed = feed;
        this.waitFunction = waitFunction;
        this.waitArgs = new Object[] {shared.address(), ROUND_MILLIS};
        this.name = name;
        this.generation = shared.poolGen();
        for (int h = 0; h < HANDLES; h++) {
            free.add(h);
        }
    }

    /** Starts the rounds; the shim has set the host rate. */
    synchronized void start() {
        stop();
        running = true;
        shared.setJavaAlive(true);
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Ends the rounds and waits for the thread (bounded). Published variations stay published. */
    synchronized void stop() {
        if (thread == null) {
            return;
        }
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
        shared.setJavaAlive(false);
    }

    /** Stops and frees every variation's memory. The shim forgets the tables right after. */
    synchronized void close() {
        stop();
        for (int h = 0; h < HANDLES; h++) {
            if (memory[h] != null) {
                memory[h].close();
                memory[h] = null;
            }
            byHandle[h] = null;
        }
        handles.clear();
    }

    @Override
    public void run() {
        boolean reported = false;
        while (running) {
            try {
                round();
                roundsDone++;             // this thread alone writes it
            } catch (RuntimeException | Error e) {
                if (!reported) {
                    reported = true;
                    System.err.println("[SmallDataSetAudio] publishing variations failed; notes may find none: " + e);
                    e.printStackTrace();
                }
            }
            if (waitFunction != null) {
                waitFunction.invokeInt(waitArgs);
            } else {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ROUND_MILLIS));
            }
        }
    }

    /** One round (package-private for tests, which drive it without the thread). */
    void round() {
        drainParameters();
        markPlayed();
        publish(feed.snapshot());
        reclaim();
    }

    private void drainParameters() {
        long read = shared.eventRead();
        long write = shared.eventWrite();
        while (read < write) {
            if (shared.eventKind(read) == SharedBlock.PARAMETER) {
                feed.setParameter(shared.eventIndex(read), shared.eventValue(read));
            }
            read++;
        }
        shared.publishEventRead(read);
    }

    private void markPlayed() {
        for (int h = 0; h < HANDLES; h++) {
            VariationFeed.Sound s = byHandle[h];
            if (s != null && retiredAt[h] == 0 && shared.played(h)) {
                s.markPlayed();
            }
        }
        // The newest note's variation, for the editor (the count first: the shim bumps it last).
        long notes = shared.notesPlayed();
        if (notes != notesSeen) {
            notesSeen = notes;
            int h = shared.lastPlayed();
            VariationFeed.Sound s = h >= 0 && h < HANDLES ? byHandle[h] : null;
            if (s != null) {
                feed.notePlayed(s, notes);
            }
        }
    }

    private void publish(VariationFeed.Snapshot snapshot) {
        int rate = shared.hostRate();
        VariationFeed.Sound first = atRate(snapshot.first(), rate);
        List<VariationFeed.Sound> slots = snapshot.slots();
        boolean changed = first != publishedFirst || snapshot.epoch() != publishedEpoch
                || snapshot.canWait() != publishedCanWait || rate != publishedRate;
        for (int i = 0; i < SLOTS && !changed; i++) {
            changed = atRate(i < slots.size() ? slots.get(i) : null, rate) != publishedSlots[i];
        }
        if (!changed || shared.poolSeen() < generation) {
            return;                       // nothing new, or the audio thread still reads the other table
        }
        int[] table = new int[SLOTS];
        int firstHandle = first == null ? -1 : handleFor(first);
        if (first != null && firstHandle < 0) {
            dropUnnamed();
            return;                       // out of handles until dropped ones are freed: next round
        }
        for (int i = 0; i < SLOTS; i++) {
            VariationFeed.Sound s = atRate(i < slots.size() ? slots.get(i) : null, rate);
            table[i] = s == null ? -1 : handleFor(s);
            if (s != null && table[i] < 0) {
                dropUnnamed();
                return;
            }
        }
        long next = generation + 1;
        shared.writeTable(next, snapshot.epoch(), firstHandle, snapshot.canWait(), table);
        shared.publishPoolGen(next);
        generation = next;
        publishedFirst = first;
        publishedEpoch = snapshot.epoch();
        publishedCanWait = snapshot.canWait();
        publishedRate = rate;
        for (int i = 0; i < SLOTS; i++) {
            publishedSlots[i] = atRate(i < slots.size() ? slots.get(i) : null, rate);
        }
        // Handles this table no longer names are dropped as of this generation.
        java.util.Arrays.fill(publishedNamed, false);
        if (firstHandle >= 0) {
            publishedNamed[firstHandle] = true;
        }
        for (int h : table) {
            if (h >= 0) {
                publishedNamed[h] = true;
            }
        }
        for (int h = 0; h < HANDLES; h++) {
            if (byHandle[h] != null && !publishedNamed[h] && retiredAt[h] == 0) {
                retiredAt[h] = next;
            }
        }
    }

    /** A publication given up half way: handles it described but no table names are freed again. */
    private void dropUnnamed() {
        for (int h = 0; h < HANDLES; h++) {
            if (byHandle[h] != null && !publishedNamed[h] && retiredAt[h] == 0) {
                retiredAt[h] = Math.max(1, generation);
            }
        }
    }

    private static VariationFeed.Sound atRate(VariationFeed.Sound s, int rate) {
        return s != null && s.sampleRate() == rate ? s : null;
    }

    /** The handle of {@code s}, described and copied into native memory if new; -1 when none is free. */
    private int handleFor(VariationFeed.Sound s) {
        Integer known = handles.get(s);
        if (known != null) {
            retiredAt[known] = 0;         // named again before it was freed
            return known;
        }
        Integer h = free.poll();
        if (h == null) {
            return -1;
        }
        int octaves = Math.min(s.octaveCount(), SharedLayout.VARIATION_OCTAVES);
        int[] frames = new int[octaves];
        long total = 0;
        for (int k = 0; k < octaves; k++) {
            frames[k] = Math.min(s.octave(k).length, SharedLayout.MAX_VARIATION_FRAMES >> k);
            if (frames[k] < 1) {
                octaves = k;
                break;
            }
            total += frames[k];
        }
        if (octaves < 1) {
            free.push(h);
            return -1;
        }
        Memory m = new Memory(4 * total);
        long at = 0;
        for (int k = 0; k < octaves; k++) {
            float[] samples = s.octave(k);
            if (frames[k] < samples.length) {
                samples = cutWithFade(samples, frames[k], s.sampleRate() >> k);
            }
            m.write(at, samples, 0, frames[k]);
            at += 4L * frames[k];
        }
        shared.writeVariation(h, com.sun.jna.Pointer.nativeValue(m), frames, octaves, s.sampleRate(), s.index(),
                s.epoch());
        memory[h] = m;
        byHandle[h] = s;
        retiredAt[h] = 0;
        handles.put(s, h);
        return h;
    }

    /** The first {@code frames} samples, faded out over their last 5 ms (as a variation's own end is). */
    static float[] cutWithFade(float[] samples, int frames, int rate) {
        float[] out = java.util.Arrays.copyOf(samples, frames);
        int n = Math.min(frames, (int) Math.ceil(END_FADE_SECONDS * Math.max(1, rate)));
        for (int i = 0; i < n; i++) {
            out[frames - 1 - i] *= (float) i / n;
        }
        return out;
    }

    private void reclaim() {
        long seen = shared.poolSeen();
        for (int h = 0; h < HANDLES; h++) {
            if (byHandle[h] != null && retiredAt[h] != 0 && seen >= retiredAt[h] && shared.voicesUsing(h) == 0) {
                shared.clearVariation(h);
                handles.remove(byHandle[h]);
                byHandle[h] = null;
                memory[h].close();
                memory[h] = null;
                retiredAt[h] = 0;
                free.add(h);
            }
        }
    }

    /**
     * Waits (bounded by {@code timeoutNanos}) until a whole round has run after this call, so what
     * the pool showed then is published; for renderers driven faster than real time (an offline
     * render in a host of our own). False on timeout or when the rounds are not running.
     */
    boolean awaitRound(long timeoutNanos) {
        long target = roundsDone + 2;
        long deadline = System.nanoTime() + timeoutNanos;
        while (roundsDone < target) {
            if (!running || System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(100_000);
        }
        return true;
    }

    /** Handles holding a variation now (published or waiting to be freed); for tests. */
    int handlesInUse() {
        return HANDLES - free.size();
    }

    long generation() {
        return generation;
    }
}
