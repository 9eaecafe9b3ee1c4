package org.sda.engine.instrument;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;

/**
 * The instrument: a {@link VoiceEngine} playing variations from the {@link VariationPool} of the
 * current model. Made by {@link Instruments#create()}.
 *
 * <p>Snapshot swap: the model that plays is one immutable {@link Session} in a volatile field.
 * Loading a model (on a caller's or a loader thread, never the render thread) reads the file,
 * opens its source, starts a new pool, and only then replaces the session; the render thread
 * picks the new one up at its next block, while voices that were playing old variations play on
 * to their end. The old pool is closed on a background thread. Loads are serialised by a lock
 * that the render thread never takes.
 */
final class VariationInstrument implements Instrument {

    /** What plays: a model reference and its pool, or the reason there is none. Immutable. */
    record Session(ModelReference model, String name, VariationPool pool, String problem, ModelInfo info) {
        Session(ModelReference model, String name, VariationPool pool, String problem) {
            this(model, name, pool, problem, null);
        }

        static final Session NOTHING = new Session(null, null, null,
                "No model: choose a .sda model (the built-in demo model is not available); playing silence");
    }

    private final ParameterValues params = new ParameterValues();
    private final VariationSource.Opener opener;
    private final int workerCount;
    private final int polyphony;
    private final Path demoModel;
    private final Path startModel;
    private final VariationCache cache;
    private final Object loadLock = new Object();
    /** Pools of replaced models, closing in the background; {@link #close} waits for them. */
    private final List<Thread> closingPools = new CopyOnWriteArrayList<>();

    private volatile VoiceEngine engine;
    private volatile Session session;
    private volatile String loading;
    private volatile boolean closed;
    private volatile boolean offline;
    /** A start model (or the demo) is on its way: the first session is a placeholder until swap(). */
    private volatile boolean modelPending;
    private final VariationFeed feed = new Feed();

    // Under loadLock.
    private boolean modelChosen;
    private boolean demoStarted;

    /**
     * @param demoModel the built-in demo model, played until a state or model is given; may be {@code null}
     */
    VariationInstrument(VariationSource.Opener opener, int workerCount, int polyphony, Path demoModel) {
        this(opener, workerCount, polyphony, demoModel, null);
    }

    /** @param cache keeps generated variations across sessions; {@code null} for none */
    VariationInstrument(VariationSource.Opener opener, int workerCount, int polyphony, Path demoModel,
                        VariationCache cache) {
        this(opener, workerCount, polyphony, demoModel, cache, null);
    }

    /**
     * @param startModel the model the user chose for new instruments ({@link StartModel}), played
     *     instead of the demo until a state or model is given, and saved by path like a chosen one;
     *     {@code null} for the demo
     */
    VariationInstrument(VariationSource.Opener opener, int workerCount, int polyphony, Path demoModel,
                        VariationCache cache, Path startModel) {
        this.startModel = startModel;
        this.cache = cache;
        this.opener = Objects.requireNonNull(opener, "opener");
        this.workerCount = Math.max(1, workerCount);
        this.polyphony = polyphony;
        this.demoModel = demoModel;
        this.modelPending = startModel != null || demoModel != null;
        this.session = startModel != null
                ? new Session(ModelReference.file(startModel, null), null, null, "Loading " + startModel.getFileName() + "…")
                : demoModel == null ? Session.NOTHING
                : new Session(ModelReference.demo(demoModel, null), null, null,
                        "Loading the built-in demo model…");
    }

    // ----- lifecycle (not the render thread) -----

    @Override
    public void prepare(double sampleRate, int maxBlockFrames) {
        VoiceEngine e = new VoiceEngine(polyphony, sampleRate, maxBlockFrames, params);
        e.setOffline(offline);
        engine = e;
        Session s = session;
        if (s.pool() != null) {
            s.pool().setHostRate(e.hostRate());
        }
        synchronized (loadLock) {
            if (!modelChosen && !demoStarted && (demoModel != null || startModel != null)) {
                demoStarted = true;
                Thread t = new Thread(this::loadDemoUnlessChosen, "sda-load-demo");
                t.setDaemon(true);
                t.start();
            }
        }
    }

    @Override
    public void setOffline(boolean offline) {
        this.offline = offline;
        VoiceEngine e = engine;
        if (e != null) {
            e.setOffline(offline);
        }
    }

    @Override
    public int latencySamples() {
        // Variations are ready before their note arrives and voices start at the note's sample
        // offset: the instrument adds nothing. (The bridge's own buffering is the bridge's to report.)
        return 0;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (loadLock) {
            Session s = session;
            session = Session.NOTHING;
            if (s.pool() != null) {
                s.pool().close();
            }
        }
        // A replaced model's pool may still be finishing a generation and writing it to the cache:
        // the instrument is closed only when nothing of it touches its files any more.
        for (Thread t : closingPools) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        engine = null;
    }

    // ----- render thread -----

    @Override
    public void noteOn(int sampleOffset, int key, float velocity) {
        VoiceEngine e = engine;
        if (e != null) {
            e.noteOn(sampleOffset, key, velocity);
        }
    }

    @Override
    public void noteOff(int sampleOffset, int key) {
        VoiceEngine e = engine;
        if (e != null) {
            e.noteOff(sampleOffset, key);
        }
    }

    @Override
    public void allNotesOff() {
        VoiceEngine e = engine;
        if (e != null) {
            e.allNotesOff();
        }
    }

    @Override
    public void setParameter(int sampleOffset, int id, double normalized) {
        VoiceEngine e = engine;
        if (e != null) {
            e.setParameter(sampleOffset, id, normalized);
        } else {
            params.setNormalized(id, normalized);
        }
    }

    @Override
    public boolean render(float[] left, float[] right, int frames) {
        VoiceEngine e = engine;
        if (e == null) {
            Arrays.fill(left, 0, frames, 0f);
            Arrays.fill(right, 0, frames, 0f);
            return false;
        }
        return e.render(left, right, frames, session.pool());
    }

    @Override
    public double parameter(int id) {
        return ParameterValues.isValid(id) ? params.normalized(id) : Double.NaN;
    }

    // ----- models -----

    @Override
    public RestoreResult loadModel(Path file) {
        if (file == null) {
            return new RestoreResult(false, "no model file given");
        }
        synchronized (loadLock) {
            Session s = open(ModelReference.file(file, null), null, true);
            Session playing = session;
            if (s.pool() == null && playing.pool() != null) {
                // Refused: the model that plays keeps playing (a bad file never silences a set).
                String why = s.problem().replace("; playing silence", "");
                if (!why.contains(file.getFileName().toString())) {
                    why = file.toAbsolutePath() + ": " + why;
                }
                return new RestoreResult(false, why + ". The model was refused; still playing " + playing.name() + ".");
            }
            modelChosen = true;
            swap(s);
            return new RestoreResult(s.problem() == null, status());
        }
    }

    private void loadDemoUnlessChosen() {
        synchronized (loadLock) {
            if (!modelChosen && !closed) {
                swap(open(startModel != null ? ModelReference.file(startModel, null)
                        : ModelReference.demo(demoModel, null), null));
            }
        }
    }

    /** Under loadLock: reads and opens a model; never throws. */
    private Session open(ModelReference ref, String expectedHash) {
        return open(ref, expectedHash, false);
    }

    /**
     * @param waitForSource whether the source must be open before the pool starts, so that a model
     *     whose sessions cannot open is refused (a model the user chooses); otherwise (the model a
     *     new instrument or a project starts with) the pool starts at once, variations made ahead
     *     or cached play before the source opens (the shipped one opens on its first generation),
     *     and a failure shows in the status as a failed generation naming the file
     */
    private Session open(ModelReference ref, String expectedHash, boolean waitForSource) {
        Path file = ref.demo() ? demoModel : ref.path();
        if (ref.demo() && file == null) {
            return new Session(ref, null, null, Session.NOTHING.problem());
        }
        if (!Files.isRegularFile(file) && ref.demo()) {
            return new Session(ref, null, null, "The built-in demo model is missing (" + file
                    + "): choose a .sda model; playing silence");
        }
        if (!Files.isRegularFile(file)) {
            return new Session(ref, null, null, "Model missing: " + file
                    + " — put the file back or choose another model; playing silence");
        }
        loading = file.getFileName().toString();
        try {
            SdaModel model;
            try {
                model = SdaModelFile.read(file);
            } catch (ModelFileException e) {
                return new Session(ref, null, null, "Model unusable: " + e.getMessage() + "; playing silence");
            }
            String name = model.manifest().name();
            if (expectedHash != null && !expectedHash.equalsIgnoreCase(model.contentHash())) {
                // Keep the saved hash: saving the project again must not bless the changed file.
                return new Session(ref, name, null, "Model changed since the project was saved: " + file
                        + " has different content; choose it again to play it as it is now; playing silence");
            }
            ModelReference loaded = ref.withHash(model.contentHash());
            VariationSource source;
            try {
                source = opener.open(model);
                if (waitForSource) {
                    try {
                        source.awaitOpen();
                    } catch (VariationSource.SourceUnavailableException | RuntimeException | LinkageError e) {
                        source.close();
                        throw e;
                    }
                }
            } catch (VariationSource.SourceUnavailableException e) {
                return new Session(loaded, name, null, e.getMessage() + "; playing silence");
            } catch (RuntimeException | LinkageError e) {
                return new Session(loaded, name, null, "Model " + name + " could not be opened: " + e
                        + "; playing silence");
            }
            VariationPool pool = new VariationPool(source, params, workerCount, hostRate(), cache,
                    model.contentHash());
            pool.start();
            return new Session(loaded, name, pool, null, ModelInfo.of(model.manifest(), file, ref.demo()));
        } finally {
            loading = null;
        }
    }

    private int hostRate() {
        VoiceEngine e = engine;
        return e == null ? 0 : e.hostRate();
    }

    /** Under loadLock: publishes a new session; the old pool closes in the background. */
    private void swap(Session next) {
        Session old = session;
        session = next;
        modelPending = false;
        if (next.pool() != null) {
            // prepare() may have changed the rate while the model was opening: prepare writes the
            // engine, then reads the session; this writes the session, then reads the engine, so
            // one of the two always sees the other's rate.
            next.pool().setHostRate(hostRate());
        }
        VariationPool oldPool = old.pool();
        if (oldPool != null && oldPool != next.pool()) {
            Thread t = new Thread(() -> {
                try {
                    oldPool.close();
                } finally {
                    closingPools.remove(Thread.currentThread());
                }
            }, "sda-close-pool");
            t.setDaemon(true);
            closingPools.add(t);
            t.start();
        }
    }

    // ----- state (not the render thread) -----

    @Override
    public byte[] saveState() {
        return InstrumentState.write(session.model(), params);
    }

    @Override
    public RestoreResult restoreState(byte[] state) {
        InstrumentState.Parsed parsed;
        try {
            parsed = InstrumentState.read(state);
        } catch (InstrumentState.StateException e) {
            return new RestoreResult(false, "State not restored: " + e.getMessage() + "; nothing was changed");
        } catch (RuntimeException e) {
            // The parser is meant to catch everything; a host must never see an exception from a blob.
            return new RestoreResult(false, "State not restored: unreadable (" + e + "); nothing was changed");
        }
        parsed.applyTo(params);
        synchronized (loadLock) {
            modelChosen = true;
            ModelReference wanted = parsed.model();
            Session current = session;
            if (wanted == null) {
                swap(new Session(null, null, null, "No model chosen: choose a .sda model; playing silence"));
            } else if (current.pool() != null && sameModel(current.model(), wanted)) {
                current.pool().restart();
            } else {
                swap(open(wanted, wanted.demo() ? null : wanted.contentHash()));
            }
        }
        Session now = session;
        boolean ok = now.problem() == null && parsed.notes().isEmpty();
        String message = now.problem() != null ? now.problem() : status();
        if (!parsed.notes().isEmpty()) {
            message = message + " (" + parsed.notes() + ")";
        }
        return new RestoreResult(ok, message);
    }

    private static boolean sameModel(ModelReference a, ModelReference b) {
        if (a == null || b == null || a.demo() != b.demo()) {
            return false;
        }
        return a.demo() || (a.path().equals(b.path()) && a.contentHash() != null
                && a.contentHash().equalsIgnoreCase(String.valueOf(b.contentHash())));
    }

    @Override
    public Optional<ModelInfo> modelInfo() {
        Session s = session;
        return s.pool() == null ? Optional.empty() : Optional.ofNullable(s.info());
    }

    @Override
    public PoolView poolView() {
        Session s = session;
        VariationPool pool = s.pool();
        if (pool == null) {
            return PoolView.EMPTY;
        }
        boolean locked = params.integer(InstrumentParameter.VARIATION_LOCK) != 0;
        return new PoolView(pool.readyCount(), params.integer(InstrumentParameter.POOL_SIZE),
                pool.generatedCount(), pool.nextIndex(locked), locked);
    }

    @Override
    public Optional<PlayedVariation> lastPlayed() {
        VariationPool pool = session.pool();
        return pool == null ? Optional.empty() : Optional.ofNullable(pool.lastPlayed());
    }

    @Override
    public String status() {
        String l = loading;
        if (l != null) {
            return "Loading " + l + "…";
        }
        Session s = session;
        if (s.pool() == null) {
            return s.problem();
        }
        VariationPool pool = s.pool();
        int size = (int) Math.round(params.plain(InstrumentParameter.POOL_SIZE));
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "Playing %s: %d/%d new variations ready",
                s.name(), pool.readyCount(), size));
        if (pool.generatedCount() == 0 && pool.first() == null) {
            line.append(" (generating the first)");
        }
        VoiceEngine e = engine;
        long missed = e == null ? 0 : e.notesWithoutSound();
        if (missed > 0) {
            line.append("; ").append(missed).append(missed == 1 ? " note" : " notes")
                    .append(" found no variation ready");
        }
        String error = pool.lastError();
        if (error != null) {
            line.append("; generation failed: ").append(error);
        }
        return line.toString();
    }

    @Override
    public Optional<VariationFeed> variationFeed() {
        return Optional.of(feed);
    }

    /** The pool of the session that plays now, for a renderer outside this JVM. */
    private final class Feed implements VariationFeed {
        @Override
        public Snapshot snapshot() {
            VariationPool pool = session.pool();
            if (pool == null) {
                // A model on its way may still bring variations: a bounce's notes wait for it.
                return new Snapshot(0, null, List.of(), modelPending || loading != null);
            }
            return pool.snapshot();
        }

        @Override
        public void setParameter(int id, double normalized) {
            params.setNormalized(id, normalized);
        }

        @Override
        public void notePlayed(Sound sound, long notes) {
            VariationPool pool = session.pool();
            // A sound of a replaced model's pool is not this model's last played.
            if (pool != null && sound instanceof Variation v && pool.owns(v)) {
                pool.tookOutside(v, notes);
            }
        }
    }

    // ----- for tests and diagnostics in this package -----

    Session session() {
        return session;
    }

    VoiceEngine engine() {
        return engine;
    }
}
