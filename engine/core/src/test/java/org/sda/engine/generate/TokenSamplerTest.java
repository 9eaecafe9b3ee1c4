package org.sda.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenSamplerTest {

    private static final float[] LOGITS = {0f, 3f, 1f, 2.5f, -1f, 9f};

    @Test
    void temperatureZeroTakesTheLikeliestAllowedToken() {
        TokenSampler s = new TokenSampler(0, 0, 1, 1);
        assertThat(s.sample(LOGITS, 0, 5, -1)).isEqualTo(1);
        assertThat(s.sample(LOGITS, 0, 5, 1)).isEqualTo(3);
        assertThat(s.sample(LOGITS, 2, 4, -1)).isEqualTo(3); // within 2..5 the largest is 9 at offset 3
    }

    @Test
    void topKOneAndATinyTopPAreGreedy() {
        TokenSampler k = new TokenSampler(1.0, 1, 1, 5);
        TokenSampler p = new TokenSampler(1.0, 0, 0.01, 5);
        for (int i = 0; i < 50; i++) {
            assertThat(k.sample(LOGITS, 0, 5, -1)).isEqualTo(1);
            assertThat(p.sample(LOGITS, 0, 5, -1)).isEqualTo(1);
        }
    }

    @Test
    void theExcludedTokenIsNeverDrawnAndTopKKeepsOnlyTheLikeliest() {
        TokenSampler s = new TokenSampler(1.5, 2, 1, 11);
        int[] counts = new int[5];
        for (int i = 0; i < 2000; i++) {
            counts[s.sample(LOGITS, 0, 5, 1)]++;
        }
        // Without token 1, the two likeliest are 3 (2.5) and 2 (1.0).
        assertThat(counts[1]).isZero();
        assertThat(counts[0] + counts[4]).isZero();
        assertThat(counts[3]).isGreaterThan(counts[2]).isGreaterThan(0);
    }

    @Test
    void drawsFollowTheSoftmaxAtTemperatureOne() {
        float[] logits = {0f, (float) Math.log(3)}; // probabilities 1/4 and 3/4
        TokenSampler s = new TokenSampler(1.0, 0, 1, 3);
        int ones = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            ones += s.sample(logits, 0, 2, -1);
        }
        assertThat(ones / (double) n).isBetween(0.73, 0.77);
    }

    @Test
    void theSameSeedDrawsTheSameTokens() {
        TokenSampler a = new TokenSampler(0.8, 3, 0.9, 42);
        TokenSampler b = new TokenSampler(0.8, 3, 0.9, 42);
        for (int i = 0; i < 200; i++) {
            assertThat(a.sample(LOGITS, 0, 6, -1)).isEqualTo(b.sample(LOGITS, 0, 6, -1));
        }
    }
}
