package org.sda.engine.dataset.augment;

import java.util.random.RandomGenerator;

/**
 * One random change to a clip of mono audio. Implementations return a new array and never write
 * into {@code audio}: clips are shared between epochs and threads. Deterministic for a given
 * random generator state, so a seeded training run is repeatable.
 */
@FunctionalInterface
public interface Augmentation {

    float[] apply(float[] audio, RandomGenerator random);

    /** This augmentation, then {@code next} on its result. */
    default Augmentation then(Augmentation next) {
        return (audio, random) -> next.apply(apply(audio, random), random);
    }

    /** Applies this augmentation with probability {@code p}, otherwise passes the clip through. */
    default Augmentation sometimes(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1]: " + p);
        }
        return (audio, random) -> random.nextDouble() < p ? apply(audio, random) : audio.clone();
    }

    /** Passes the clip through unchanged (as a copy). */
    static Augmentation identity() {
        return (audio, random) -> audio.clone();
    }
}
