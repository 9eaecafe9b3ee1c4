package org.sda.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class BenchReconstructCommandTest {

    @Test
    void codeFrameMeanKeepsEachCodesPowerAndRepeatsIt() {
        float[][] magnitude = {{3, 0}, {4, 2}, {1, 1}};
        float[][] mean = BenchReconstructCommand.codeFrameMean(magnitude, 2);
        // sqrt((9 + 16) / 2) and sqrt((0 + 4) / 2) for the first code; the last frame stands alone.
        assertThat(mean[0][0]).isCloseTo((float) Math.sqrt(12.5), offset(1e-6f));
        assertThat(mean[1][0]).isEqualTo(mean[0][0]);
        assertThat(mean[0][1]).isCloseTo((float) Math.sqrt(2), offset(1e-6f));
        assertThat(mean[2]).containsExactly(1f, 1f);
        assertThat(magnitude[0]).containsExactly(3f, 0f);
    }
}
