package org.sda.engine.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DecayShapeTest {

    private static final int RATE = 44_100;

    /** Noise whose level falls {@code dbPerSecond} from the start, with a burst {@code ghostDb} louder at 0.6 s. */
    private static float[] hit(double seconds, double dbPerSecond, double ghostDb) {
        float[] x = new float[(int) (seconds * RATE)];
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < x.length; i++) {
            double t = (double) i / RATE;
            double db = -dbPerSecond * t + (t >= 0.6 && t < 0.7 ? ghostDb : 0);
            x[i] = (float) (0.5 * Math.pow(10, db / 20) * (random.nextDouble() * 2 - 1));
        }
        return x;
    }

    @Test
    void aCleanDecayFallsAllTheWayNeverRisesAndAtItsOwnSpeed() {
        DecayShape shape = DecayShape.of(hit(1.0, 60, 0), RATE);
        // The last whole 50-ms block is centred near 0.975 s, the loudest near 0.025 s: 57 dB apart.
        assertThat(shape.fallDb()).isCloseTo(57, within(2.0));
        assertThat(shape.notRising()).isEqualTo(1.0);
        assertThat(shape.dbPerSecondTo30()).isCloseTo(60, within(6.0));
    }

    @Test
    void aGhostHitInTheTailIsARiseAndASoundCutShortFallsLittle() {
        DecayShape ghost = DecayShape.of(hit(1.0, 60, 30), RATE);
        assertThat(ghost.notRising()).isLessThan(1.0).isGreaterThan(0.85); // one step up in 19
        DecayShape cut = DecayShape.of(hit(0.3, 60, 0), RATE);
        assertThat(cut.fallDb()).isLessThan(16);
        assertThat(DecayShape.of(new float[100], RATE)).isNull(); // shorter than one block
        DecayShape both = DecayShape.summary(List.of(hit(1.0, 60, 0), hit(1.0, 60, 30), new float[10]), RATE);
        assertThat(both.notRising()).isCloseTo((1.0 + ghost.notRising()) / 2, within(1e-9));
    }
}
