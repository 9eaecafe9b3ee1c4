package org.sda.engine.cli.bench;

import org.sda.engine.dsp.GriffinLim;
import org.sda.engine.dsp.StftConfig;
import org.sda.engine.dsp.TestSignals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/** Checks the benchmark's bookkeeping only; no assertion depends on how fast this machine is. */
class DspBenchmarkTest {

    @Test
    void reportsEveryStageWithConsistentRealTimeFactorsAndRestoresThreads() {
        int threadsBefore = ConcurrencyUtils.getNumberOfThreads();
        float[] x = TestSignals.sinePlusNoise(8000, 440, 0.3, 0.05, 16000, 2);

        List<DspBenchmark.Result> results = new DspBenchmark(StftConfig.defaults(), 0, 1).run(x, 16000);

        assertThat(results).extracting(DspBenchmark.Result::name)
                .containsExactly("stft", "istft", "log-mel", "mel-nnls", "griffin-lim-" + GriffinLim.DEFAULT_ITERATIONS);
        for (DspBenchmark.Result r : results) {
            assertThat(r.audioSeconds()).isEqualTo(0.5);
            assertThat(r.medianSeconds()).isPositive();
            assertThat(r.realTimeFactor() * r.medianSeconds()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-9));
        }
        assertThat(ConcurrencyUtils.getNumberOfThreads()).isEqualTo(threadsBefore);
    }
}
