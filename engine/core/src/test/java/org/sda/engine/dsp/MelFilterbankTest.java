package org.sda.engine.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MelFilterbankTest {

    @Test
    void slaneyScaleIsLinearBelowOneKilohertzAndLogarithmicAbove() {
        assertThat(MelFilterbank.hzToMel(0)).isEqualTo(0.0);
        assertThat(MelFilterbank.hzToMel(500)).isCloseTo(7.5, within(1e-12));
        assertThat(MelFilterbank.hzToMel(1000)).isCloseTo(15.0, within(1e-12));
        // Above 1 kHz, 27 mels multiply the frequency by 6.4.
        assertThat(MelFilterbank.hzToMel(6400)).isCloseTo(42.0, within(1e-9));
        assertThat(MelFilterbank.hzToMel(6400 * 6.4)).isCloseTo(69.0, within(1e-9));
        for (double hz : new double[] {0, 123.4, 999.9, 1000, 4321, 22050}) {
            assertThat(MelFilterbank.melToHz(MelFilterbank.hzToMel(hz))).isCloseTo(hz, within(1e-9));
        }
    }

    @Test
    void weightsAreNonNegativeAndPeakAtTheBandCentre() {
        MelFilterbank fb = new MelFilterbank(44100, 1024);
        float[][] w = fb.weights();
        assertThat(w).hasNumberOfRows(128);
        double binHz = 44100.0 / 1024;
        for (int i = 0; i < fb.nMels(); i++) {
            assertThat(w[i]).hasSize(513);
            for (float v : w[i]) {
                assertThat(v).isGreaterThanOrEqualTo(0f);
            }
            double centre = fb.centreFrequency(i);
            double peak = 2.0 / (fb.upperEdge(i) - fb.lowerEdge(i));
            assertThat(fb.response(i, centre)).isCloseTo(peak, within(1e-12 * peak));
            assertThat(fb.response(i, centre - 0.3 * binHz)).isLessThan(peak);
            assertThat(fb.response(i, centre + 0.3 * binHz)).isLessThan(peak);
            if (fb.bandEnd(i) > fb.bandStart(i)) {
                int best = StftTest.argMax(w[i]);
                assertThat(Math.abs(best * binHz - centre)).isLessThanOrEqualTo(binHz);
            }
        }
        assertThat(fb.centreFrequency(127)).isLessThan(22050).isGreaterThan(20000);
    }

    @Test
    void eachBandHasUnitAreaInHertz() {
        MelFilterbank fb = new MelFilterbank(22050, 2048, 80, 0, 8000);
        double binHz = 22050.0 / 2048;
        float[][] w = fb.weights();
        for (int i = 0; i < fb.nMels(); i++) {
            // Continuous triangle: trapezoid rule on a fine grid is exact up to the kinks.
            double lo = fb.lowerEdge(i);
            double hi = fb.upperEdge(i);
            int steps = 20000;
            double area = 0;
            for (int s = 0; s <= steps; s++) {
                double f = lo + (hi - lo) * s / steps;
                area += (s == 0 || s == steps ? 0.5 : 1.0) * fb.response(i, f);
            }
            area *= (hi - lo) / steps;
            assertThat(area).isCloseTo(1.0, within(1e-6));

            // Sampled at the bins, a band wide enough to hold many bins keeps that area.
            if ((hi - lo) / binHz > 20) {
                double sum = 0;
                for (float v : w[i]) {
                    sum += v;
                }
                assertThat(sum * binHz).isCloseTo(1.0, within(0.01));
            }
        }
    }

    @Test
    void weightsMatchTheDocumentedFormulaComputedIndependently() {
        int sr = 22050;
        int nFft = 1024;
        int nMels = 40;
        double fMin = 50;
        double fMax = 7600;
        MelFilterbank fb = new MelFilterbank(sr, nFft, nMels, fMin, fMax);
        float[][] w = fb.weights();

        double melLo = slaneyMel(fMin);
        double melHi = slaneyMel(fMax);
        for (int band : new int[] {0, 3, 17, 28, 39}) {
            double lo = slaneyHz(melLo + (melHi - melLo) * band / (nMels + 1));
            double mid = slaneyHz(melLo + (melHi - melLo) * (band + 1) / (nMels + 1));
            double hi = slaneyHz(melLo + (melHi - melLo) * (band + 2) / (nMels + 1));
            for (int k = 0; k < nFft / 2 + 1; k++) {
                double f = k * (double) sr / nFft;
                double tri = f <= lo || f >= hi ? 0 : f <= mid ? (f - lo) / (mid - lo) : (hi - f) / (hi - mid);
                double expected = tri * 2 / (hi - lo);
                assertThat((double) w[band][k]).as("band %d bin %d", band, k)
                        .isCloseTo(expected, within(1e-6 * 2 / (hi - lo)));
            }
        }
    }

    @Test
    void applyIsTheMatrixProductPerFrame() {
        MelFilterbank fb = new MelFilterbank(16000, 512, 64);
        float[][] w = fb.weights();
        float[][] mag = new float[3][257];
        for (int t = 0; t < 3; t++) {
            for (int k = 0; k < 257; k++) {
                mag[t][k] = (float) Math.abs(Math.sin(0.1 * k + t));
            }
        }
        float[][] mel = fb.apply(mag);
        assertThat(mel).hasNumberOfRows(3);
        for (int t = 0; t < 3; t++) {
            assertThat(mel[t]).hasSize(64);
            for (int i = 0; i < 64; i++) {
                double sum = 0;
                for (int k = 0; k < 257; k++) {
                    sum += w[i][k] * mag[t][k];
                }
                assertThat((double) mel[t][i]).isCloseTo(sum, within(1e-6));
            }
        }
    }

    @Test
    void logMelFloorsAtOneEMinusFiveAndInvertsAboveIt() {
        float[][] mel = {{0f, 1e-7f, 1e-5f, 0.5f, 300f}};
        float[][] log = LogMel.toLog(mel);
        assertThat(log[0][0]).isCloseTo((float) Math.log(1e-5), within(1e-6f));
        assertThat(log[0][1]).isEqualTo(log[0][0]);
        assertThat(log[0][4]).isCloseTo((float) Math.log(300), within(1e-5f));
        float[][] back = LogMel.toMel(log);
        assertThat(back[0][0]).isCloseTo(1e-5f, within(1e-10f));
        assertThat(back[0][3]).isCloseTo(0.5f, within(1e-6f));
        assertThat(back[0][4]).isCloseTo(300f, within(1e-3f));
        assertThat(mel[0][0]).as("input untouched").isEqualTo(0f);
    }

    @Test
    void logMelOfASignalHasOneRowPerFrame() {
        LogMel logMel = LogMel.defaults(44100);
        float[] x = TestSignals.sinePlusNoise(22050, 440, 0.5, 0.01, 44100, 1);
        float[][] features = logMel.logMel(x);
        assertThat(features).hasNumberOfRows(1 + 22050 / 256);
        assertThat(features[0]).hasSize(128);
        int loudest = StftTest.argMax(features[40]);
        MelFilterbank fb = logMel.filterbank();
        assertThat(fb.lowerEdge(loudest)).isLessThan(440);
        assertThat(fb.upperEdge(loudest)).isGreaterThan(440);
    }

    /** The Slaney mel scale written from its definition, independently of the class under test. */
    private static double slaneyMel(double hz) {
        double linearSlope = 3.0 / 200.0; // mels per Hz below the break
        return hz < 1000 ? hz * linearSlope : 15 + 27 * Math.log(hz / 1000) / Math.log(6.4);
    }

    private static double slaneyHz(double mel) {
        return mel < 15 ? mel * 200.0 / 3.0 : 1000 * Math.pow(6.4, (mel - 15) / 27);
    }
}
