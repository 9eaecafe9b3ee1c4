package org.sda.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChunkPlanTest {

    @Test
    void chunksCoverTheFramesWithMarginsInside() {
        ChunkPlan plan = new ChunkPlan(300, 128, 8, 4);
        assertThat(plan.chunks()).isEqualTo(3);
        assertThat(plan.decodeStart(0)).isZero();
        assertThat(plan.decodeEnd(0)).isEqualTo(136);
        assertThat(plan.decodeStart(1)).isEqualTo(120);
        assertThat(plan.decodeEnd(2)).isEqualTo(300);
        assertThat(plan.joinSamples()).containsExactly(128 * 4, 256 * 4);
    }

    @Test
    void equalPowerCrossfadesKeepTheEnergyOfUncorrelatedChunks() {
        // Chunks of ones show the sum of weights; chunks of alternating signs (one chunk +1, the
        // next -1, so the two do not add) show the square root of the sum of squared weights.
        ChunkPlan plan = new ChunkPlan(64, 16, 8, 10);
        float[][] ones = new float[plan.chunks()][];
        float[][] signs = new float[plan.chunks()][];
        for (int i = 0; i < ones.length; i++) {
            int length = (plan.decodeEnd(i) - plan.decodeStart(i)) * 10;
            ones[i] = new float[length];
            signs[i] = new float[length];
            java.util.Arrays.fill(ones[i], 1f);
            java.util.Arrays.fill(signs[i], i % 2 == 0 ? 1f : -1f);
        }
        float[] sum = plan.stitch(ones);
        float[] alternating = plan.stitch(signs);
        assertThat(sum).hasSize(640);
        for (int s = 0; s < sum.length; s++) {
            double a = sum[s];
            double b = alternating[s];
            // weights w1, w2 with w1² + w2² = 1: a = w1 + w2, b = ±(w1 - w2), so a² + b² = 2
            assertThat(a * a + b * b).as("sample " + s).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(sum[0]).isEqualTo(1f);
        assertThat(sum[16 * 10]).isGreaterThan(1.3f); // the middle of a join: cos + sin of 45°
    }
}
