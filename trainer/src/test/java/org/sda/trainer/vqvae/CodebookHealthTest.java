package org.sda.trainer.vqvae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CodebookHealthTest {

    @Test
    void uniformUseOfHalfTheCodes() {
        long[] counts = {10, 10, 10, 10, 0, 0, 0, 0};
        float[] ema = {5, 5, 5, 5, 1, 0, 3, 0.5f};
        CodebookHealth h = CodebookHealth.of(1, counts, ema, 2.0);
        assertThat(h.level()).isEqualTo(1);
        assertThat(h.utilisation()).isEqualTo(0.5);
        assertThat(h.perplexity()).isCloseTo(4.0, within(1e-9));
        assertThat(h.deadCodes()).isEqualTo(3);
        assertThat(h.low()).isFalse();
    }

    @Test
    void oneDominantCodeHasLowPerplexityAndWarns() {
        long[] counts = new long[16];
        counts[0] = 90;
        counts[1] = 10;
        CodebookHealth h = CodebookHealth.of(0, counts, null, 2.0);
        double expected = Math.exp(-(0.9 * Math.log(0.9) + 0.1 * Math.log(0.1)));
        assertThat(h.perplexity()).isCloseTo(expected, within(1e-9));
        assertThat(h.utilisation()).isEqualTo(2.0 / 16);
        assertThat(h.low()).isTrue();
    }

    @Test
    void nothingCountedIsZero() {
        CodebookHealth h = CodebookHealth.of(0, new long[4], new float[4], 2.0);
        assertThat(h.utilisation()).isZero();
        assertThat(h.perplexity()).isZero();
        assertThat(h.deadCodes()).isEqualTo(4);
    }
}
