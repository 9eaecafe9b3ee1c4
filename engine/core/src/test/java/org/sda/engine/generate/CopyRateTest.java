package org.sda.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CopyRateTest {

    private static long[][] random(int frames, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[][] codes = new long[3][frames];
        for (long[] level : codes) {
            for (int t = 0; t < frames; t++) {
                level[t] = r.nextInt(64);
            }
        }
        return codes;
    }

    private static long[][] slice(long[][] codes, int from, int to) {
        long[][] out = new long[codes.length][];
        for (int l = 0; l < codes.length; l++) {
            out[l] = java.util.Arrays.copyOfRange(codes[l], from, to);
        }
        return out;
    }

    @Test
    void aCopiedStretchIsAllCopiesAndFreshCodesNone() {
        long[][] a = random(200, 1);
        long[][] b = random(150, 2);
        CopyRate index = new CopyRate(List.of(a, b), 8);
        assertThat(index.rate(slice(a, 30, 90))).isEqualTo(1.0);
        assertThat(index.rate(random(100, 3))).isZero();
        // Half copied, half new: the 8-grams that straddle the seam are new too.
        long[][] mixed = new long[3][40];
        for (int l = 0; l < 3; l++) {
            System.arraycopy(a[l], 0, mixed[l], 0, 20);
            System.arraycopy(random(20, 4)[l], 0, mixed[l], 20, 20);
        }
        assertThat(index.rate(mixed)).isEqualTo(13 / 33.0);
    }

    @Test
    void nGramsNeverSpanTwoTrainingSounds() {
        long[][] a = random(20, 5);
        long[][] b = random(20, 6);
        CopyRate index = new CopyRate(List.of(a, b), 8);
        long[][] joined = new long[3][16];
        for (int l = 0; l < 3; l++) {
            System.arraycopy(a[l], 12, joined[l], 0, 8);
            System.arraycopy(b[l], 0, joined[l], 8, 8);
        }
        assertThat(index.rate(joined)).isEqualTo(2 / 9.0); // only the two 8-grams wholly inside a or b
    }

    @Test
    void aLevelDifferenceMakesAFrameDifferent() {
        long[][] a = random(50, 7);
        CopyRate index = new CopyRate(List.<long[][]>of(a), 8);
        long[][] changed = slice(a, 0, 50);
        changed[2][25] = (changed[2][25] + 1) % 64;
        assertThat(index.rate(changed)).isEqualTo(35 / 43.0);
        assertThat(CopyRate.distinctShare(List.of(a, a), 8)).isEqualTo(0.5);
    }
}
