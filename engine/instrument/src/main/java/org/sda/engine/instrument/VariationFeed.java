package org.sda.engine.instrument;

import java.util.List;

/**
 * The instrument's variations for a voice renderer outside this JVM: the VST3 shim renders the
 * voices on the host's audio thread, in C, and Java only makes the sounds. Whoever drives the
 * feed (the bridge's publisher thread) copies what {@link #snapshot} shows into the renderer's
 * memory, reports the variations notes took ({@link Sound#markPlayed}), so that generation
 * refills their slots, and hands on the host's parameter changes ({@link #setParameter}).
 *
 * <p>Threads: any thread but a real-time one; nothing here blocks on generation. The renderer
 * applies the rules of {@link VariationPool}'s {@code next} itself (lock, pool size, lowest unplayed
 * index of the current seed, then replay in turn).
 */
public interface VariationFeed {

    /** One variation as a renderer plays it. Immutable, except for its played mark. */
    interface Sound {
        /** The samples at {@link #sampleRate()}, then band-limited copies an octave down each; read-only. */
        float[] octave(int k);

        /** How many copies {@link #octave} has (the samples themselves included); at least 1. */
        int octaveCount();

        /** Whole Hz: the host rate it was made for. */
        int sampleRate();

        /** Position in its seed's sequence; 0 is the one a locked instrument plays. */
        long index();

        /** The seed (epoch) it belongs to. */
        long epoch();

        /** A note took it: generation may refill its slot. */
        void markPlayed();
    }

    /**
     * The pool at one moment.
     *
     * @param epoch the current seed's epoch: a fresh variation is one of this epoch, not played yet
     * @param first variation 0 of the seed (what a locked instrument plays), or {@code null}
     * @param slots the pool's slots in order, {@code null} where empty; as many as the pool can hold
     * @param canWait whether an offline note may wait for a variation: one is being loaded or made
     */
    record Snapshot(long epoch, Sound first, List<Sound> slots, boolean canWait) {
        /** No pool (no model): nothing to play, nothing coming. */
        public static final Snapshot EMPTY = new Snapshot(0, null, List.of(), false);
    }

    /** The pool as it is now; allocates (not for a real-time thread). */
    Snapshot snapshot();

    /**
     * Sets a parameter now, as the host's automation or a restored state does: generation settings
     * and the seed apply to variations made from then on; the value is what {@link Instrument#saveState}
     * saves. {@code normalized} in [0, 1]; unknown ids are ignored.
     */
    void setParameter(int id, double normalized);

    /**
     * The renderer's newest note started {@code sound} (one of a {@link #snapshot}'s), for
     * {@link Instrument#lastPlayed}; {@code notes} counts the notes that started a variation. Does
     * not mark it played ({@link Sound#markPlayed} does). Any thread but a real-time one. A feed
     * whose instrument shows no last played variation keeps the default, which ignores it.
     */
    default void notePlayed(Sound sound, long notes) {
    }
}
