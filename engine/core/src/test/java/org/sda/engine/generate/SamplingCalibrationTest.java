package org.sda.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.generate.Generator.Generated;
import org.sda.engine.inference.ToyPrior;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaManifest.SamplingTrial;
import org.sda.engine.model.SdaModel;

class TemperatureCalibrationTest {

    @TempDir
    Path dir;

    private static List<SamplingTrial> trials(double[][] rows) {
        List<SamplingTrial> out = new ArrayList<>();
        for (double[] r : rows) {
            out.add(new SamplingTrial(r[0], r[1], r[2]));
        }
        return out;
    }

    @Test
    void theHighestTemperatureThatFlowsAndStaysNewIsChosen() {
        // A drum kit as measured: clicks fall with the temperature, copying stays low.
        SdaManifest.Sampling s = TemperatureCalibration.choose(trials(new double[][] {
                {1.0, 19.9, 0.02}, {0.9, 8.4, 0.07}, {0.7, 4.9, 0.08}, {0.6, 1.19, 0.14}, {0.5, 1.1, 0.2}}));
        assertThat(s.temperature()).isEqualTo(0.6);
        assertThat(s.rule()).startsWith("the highest temperature");
        assertThat(s.measured()).hasSize(5);
    }

    @Test
    void whenNoneMeetsBothTheLeastJumpyThatStaysNewIsChosen() {
        // Drones as measured: every temperature that flows copies.
        SdaManifest.Sampling s = TemperatureCalibration.choose(trials(new double[][] {
                {1.0, 3.1, 0.36}, {0.95, 2.2, 0.38}, {0.9, 1.2, 0.62}, {0.85, 0.9, 0.60}}));
        assertThat(s.temperature()).isEqualTo(0.95);
        assertThat(s.rule()).startsWith("no temperature met both goals");
    }

    @Test
    void aPriorThatCopiesEverywhereKeepsItsOwnDistribution() {
        SdaManifest.Sampling s = TemperatureCalibration.choose(trials(new double[][] {
                {1.0, 2.0, 0.7}, {0.95, 1.0, 0.8}}));
        assertThat(s.temperature()).isEqualTo(1.0);
        assertThat(s.rule()).startsWith("every temperature tried copied");
    }

    /** On a real (toy) model: sounds are generated and measured at each temperature tried, from 1 down. */
    @Test
    void calibratingARealPriorMeasuresSoundsFromTemperatureOneDown() throws Exception {
        SdaModel model = ToyPrior.model(dir.resolve("toy.sda"));
        // Training sounds and codes: what the same prior makes at temperature 1 (other seeds).
        List<float[]> audio = new ArrayList<>();
        List<long[][]> codes = new ArrayList<>();
        try (Generator g = Generator.open(model)) {
            for (Generated x : g.generateAll(new GenerationSettings(1.5, 1.0, 0, 1.0, 99), 4,
                    Generator.Listener.NONE, g.decoder())) {
                audio.add(x.audio().samples());
                codes.add(x.codes());
            }
        }
        List<SamplingTrial> told = new ArrayList<>();
        SdaManifest.Sampling s = TemperatureCalibration.calibrate(model, audio, codes, 3,
                (trial, done, most) -> told.add(trial));
        assertThat(told).isNotEmpty().isEqualTo(s.measured());
        assertThat(told.get(0).temperature()).isEqualTo(1.0);
        for (int i = 1; i < told.size(); i++) {
            assertThat(told.get(i).temperature()).isLessThan(told.get(i - 1).temperature());
        }
        assertThat(told).allSatisfy(t -> {
            assertThat(t.jumpRatio()).isNotNegative();
            assertThat(t.coarseCopyRate()).isBetween(0.0, 1.0);
        });
        assertThat(told).extracting(SamplingTrial::temperature).contains(s.temperature());
    }
}
