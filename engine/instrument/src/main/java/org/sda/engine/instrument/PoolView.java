package org.sda.engine.instrument;

/**
 * A read-only glance at the pool of variations, for a display. A snapshot: the pool moves on
 * while it is looked at. Every key plays the same next variation (the pool is shared by all
 * keys; keytrack only repitches it).
 *
 * @param ready variations of the current seed that are ready and not yet played
 * @param poolSize how many the pool keeps ready (the Pool size parameter)
 * @param generated variations generated (or read from the cache) since the model was loaded
 * @param nextIndex the number, within the current seed's sequence, of the variation the next note
 *     plays; -1 when none is ready
 * @param locked whether the variation lock is on (every note plays variation 0)
 */
public record PoolView(int ready, int poolSize, long generated, long nextIndex, boolean locked) {

    /** No model plays. */
    public static final PoolView EMPTY = new PoolView(0, 0, 0, -1, false);
}
