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

class SamplingCalibrationTest {

    @TempDir
    Path dir;

    /** Rows of temperature, continuity, jump ratio, copy rate, Fréchet distance. */
    private static List<SamplingTrial> trials(double[][] rows) {
        List<SamplingTrial> out = new ArrayList<>();
        for (double[] r : rows) {
            out.add(new SamplingTrial(r[0], r[1], r[2], r[3], r[4]));
        }
        return out;
    }

    @Test
    void thePriorsOwnDistributionIsKeptWhenItFlowsAndStaysNew() {
        SdaManifest.Sampling s = SamplingCalibration.choose(trials(new double[][] {{1.0, 0, 0.4, 0.05, 80}}));
        assertThat(s.temperature()).isEqualTo(1.0);
        assertThat(s.continuity()).isZero();
        assertThat(s.rule()).startsWith("the prior's own distribution");
    }

    @Test
    void ofTheSettingsThatFlowAndStayNewOnTwoDrawsTheNearestToTheTrainingSoundsIsChosen() {
        // Drones as measured: temperature alone trades clicks for copies; continuity with a
        // temperature above 1 gets both. The nearest setting on the first draw (1.5, 4) failed on
        // the second, so the nearest of those confirmed is kept, not it.
        SdaManifest.Sampling s = SamplingCalibration.choose(trials(new double[][] {
                {1.0, 0, 4.5, 0.59, 205}, {0.95, 0, 2.2, 0.62, 190},
                {1.5, 2, 1.7, 0.21, 150}, {1.3, 2, 1.15, 0.39, 60},
                {1.5, 4, 0.85, 0.37, 47}, {1.5, 8, 1.0, 0.09, 131},
                {1.5, 4, 1.6, 0.35, 45}, {1.3, 2, 1.1, 0.38, 70}, {1.5, 8, 0.9, 0.1, 120}}));
        assertThat(s.temperature()).isEqualTo(1.3);
        assertThat(s.continuity()).isEqualTo(2.0);
        assertThat(s.rule()).startsWith("of the 2 settings").contains("on two draws");
        assertThat(s.measured()).hasSize(9);
    }

    @Test
    void aSettingMeasuredOnceIsNotKept() {
        SdaManifest.Sampling s = SamplingCalibration.choose(trials(new double[][] {
                {1.0, 0, 4.5, 0.3, 205}, {1.5, 4, 0.85, 0.37, 47}}));
        assertThat(s.rule()).startsWith("no setting met both goals on two draws");
        assertThat(s.temperature()).isEqualTo(1.5); // the least jumpy of those that stay new
    }

    @Test
    void whenNoneMeetsBothTheLeastJumpyThatStaysNewIsChosen() {
        SdaManifest.Sampling s = SamplingCalibration.choose(trials(new double[][] {
                {1.0, 0, 3.1, 0.36, 100}, {0.95, 0, 2.2, 0.38, 90}, {0.9, 0, 1.2, 0.62, 50}, {1.5, 1, 1.9, 0.3, 70}}));
        assertThat(s.temperature()).isEqualTo(1.5);
        assertThat(s.continuity()).isEqualTo(1.0);
        assertThat(s.rule()).startsWith("no setting met both goals");
    }

    @Test
    void aPriorThatCopiesEverywhereKeepsItsOwnDistribution() {
        SdaManifest.Sampling s = SamplingCalibration.choose(trials(new double[][] {
                {1.0, 0, 2.0, 0.7, 10}, {0.95, 0, 1.0, 0.8, 9}, {1.5, 8, 0.5, 0.9, 8}}));
        assertThat(s.temperature()).isEqualTo(1.0);
        assertThat(s.continuity()).isZero();
        assertThat(s.rule()).startsWith("every setting tried copied");
    }

    /**
     * On a real (toy) model: sounds are generated and measured at each setting tried, the prior's
     * own first, then temperatures falling at each continuity strength, strengths rising. The toy's
     * own distribution flows and stays new, so the search is made to go on with a jump goal no
     * sound meets (jump rates are at least 0).
     */
    @Test
    void calibratingARealPriorMeasuresSoundsSettingBySetting() throws Exception {
        SdaModel model = ToyPrior.model(dir.resolve("toy.sda"));
        // Training sounds and codes: what the same prior makes at temperature 0.5 (other seeds).
        List<float[]> audio = new ArrayList<>();
        List<long[][]> codes = new ArrayList<>();
        try (Generator g = Generator.open(model)) {
            for (Generated x : g.generateAll(new GenerationSettings(1.5, 0.5, 0, 1.0, 99), 4,
                    Generator.Listener.NONE, g.decoder())) {
                audio.add(x.audio().samples());
                codes.add(x.codes());
            }
        }
        List<SamplingTrial> told = new ArrayList<>();
        List<Integer> most = new ArrayList<>();
        SdaManifest.Sampling s = SamplingCalibration.calibrate(model, audio, codes, 3,
                (trial, done, bound) -> {
                    told.add(trial);
                    most.add(bound);
                }, -1);
        // Every strength was tried: at each, temperatures fall until the copy limit stops them; no
        // setting met the goal, so none was measured twice.
        assertThat(told).extracting(SamplingTrial::continuity).containsAll(List.of(0.0, 1.0, 2.0, 4.0, 8.0));
        assertThat(s.rule()).isNotEmpty();
        assertThat(told).isNotEmpty().isEqualTo(s.measured());
        assertThat(told.get(0).temperature()).isEqualTo(1.0);
        assertThat(told.get(0).continuity()).isZero();
        assertThat(told).doesNotHaveDuplicates();
        for (int i = 1; i < told.size(); i++) {
            SamplingTrial before = told.get(i - 1);
            SamplingTrial now = told.get(i);
            assertThat(now.continuity()).isGreaterThanOrEqualTo(before.continuity());
            if (now.continuity().equals(before.continuity())) {
                assertThat(now.temperature()).isLessThan(before.temperature());
            }
            assertThat(now.continuity() > 0 || now.temperature() <= 1).isTrue();
        }
        assertThat(told).allSatisfy(t -> {
            assertThat(t.jumpRatio()).isNotNegative();
            assertThat(t.coarseCopyRate()).isBetween(0.0, 1.0);
            assertThat(t.frechet()).isNotNull().isNotNegative();
        });
        assertThat(most).allMatch(m -> m == SamplingCalibration.mostTrials());
        assertThat(told).anySatisfy(t -> {
            assertThat(t.temperature()).isEqualTo(s.temperature());
            assertThat(t.continuity()).isEqualTo(s.continuity());
        });
    }
}
