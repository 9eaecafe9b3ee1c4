package org.sda.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.inference.ToyModel;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;

class LatentAnalyzerTest {

    @TempDir
    Path dir;

    /** Tones of several pitches, levels and brightness (harmonics), so the descriptors vary. */
    static List<float[]> sounds(int rate) {
        List<float[]> clips = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            float[] x = new float[rate / 2];
            double hz = 110 * Math.pow(2, i / 3.0);
            int harmonics = 1 + i % 4;
            for (int n = 0; n < x.length; n++) {
                double t = n / (double) rate;
                double v = 0;
                for (int h = 1; h <= harmonics; h++) {
                    v += Math.sin(2 * Math.PI * hz * h * t) / h;
                }
                x[n] = (float) (0.3 * v * Math.exp(-3 * t * (1 + i % 3)));
            }
            clips.add(x);
        }
        return clips;
    }

    @Test
    void theAxesAreOrthonormalByVarianceUniquelyNamedWithRangesAndStoredWithEverythingElseKept() throws Exception {
        Path file = ToyModel.standard().write(dir.resolve("m.sda"));
        SdaModel before = SdaModelFile.read(file);
        Path out = dir.resolve("analysed.sda");

        SdaManifest.Analysis analysis = LatentAnalyzer.addTo(file, out, sounds(22050));

        SdaModel after = SdaModelFile.read(out);
        assertThat(after.manifest().analysis().axes()).hasSize(4);
        assertThat(after.manifest().analysis().frames()).isEqualTo(analysis.frames());
        assertThat(after.manifest().vq()).isEqualTo(before.manifest().vq());
        assertThat(after.manifest().training()).isEqualTo(before.manifest().training());
        for (String entry : before.entries().keySet()) {
            if (!entry.equals(SdaModel.MANIFEST)) {
                assertThat(after.entry(entry)).as(entry).isEqualTo(before.entry(entry));
            }
        }
        List<SdaManifest.Axis> axes = analysis.axes();
        assertThat(new HashSet<>(axes.stream().map(SdaManifest.Axis::name).toList())).hasSize(4);
        for (int a = 0; a < axes.size(); a++) {
            SdaManifest.Axis axis = axes.get(a);
            assertThat(dot(axis.direction(), axis.direction())).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-4));
            for (int b = a + 1; b < axes.size(); b++) {
                assertThat(dot(axis.direction(), axes.get(b).direction()))
                        .isCloseTo(0, org.assertj.core.data.Offset.offset(1e-4));
                assertThat(axis.explainedVariance()).isGreaterThanOrEqualTo(axes.get(b).explainedVariance());
            }
            assertThat(axis.correlation()).isBetween(0.0, 1.0);
            assertThat(axis.correlations().get(axis.descriptor())).isEqualTo(axis.correlation(),
                    org.assertj.core.data.Offset.offset(1e-12));
            assertThat(axis.warnMin()).isLessThan(axis.safeMin());
            assertThat(axis.safeMin()).isLessThan(axis.safeMax());
            assertThat(axis.safeMax()).isLessThan(axis.warnMax());
        }
    }

    @Test
    void offsetsMoveEveryFrameAlongTheAxisAndAreRefusedBeyondTheWarningRange() {
        SdaManifest.Axis axis = new SdaManifest.Axis("brightness", "brightness", 0.8, 0.3,
                new float[] {0.6f, 0.8f}, -1, 1, -2, 2, Map.of());
        SdaManifest.Analysis analysis = new SdaManifest.Analysis(1, 3, 100, new float[2], List.of(axis));
        float[][] latent = {{1, 1}, {0, 0}};

        float[][] moved = LatentControls.apply(latent, analysis, Map.of("Brightness", 1.5));

        assertThat(moved[0]).containsExactly(new float[] {1.9f, 2.2f}, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(moved[1]).containsExactly(new float[] {0.9f, 1.2f}, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(latent[0]).containsExactly(1f, 1f);
        assertThat(LatentControls.apply(latent, analysis, Map.of())).isSameAs(latent);
        assertThat(LatentControls.warnings(analysis, Map.of("brightness", 1.5))).hasSize(1);
        assertThat(LatentControls.warnings(analysis, Map.of("brightness", 0.5))).isEmpty();
        assertThatThrownBy(() -> LatentControls.apply(latent, analysis, Map.of("brightness", 2.5)))
                .hasMessageContaining("beyond the axis's range");
        assertThatThrownBy(() -> LatentControls.apply(latent, analysis, Map.of("warmth", 0.5)))
                .hasMessageContaining("no axis 'warmth'").hasMessageContaining("brightness");
        assertThatThrownBy(() -> LatentControls.apply(latent, null, Map.of("warmth", 0.5)))
                .hasMessageContaining("sda model analyze");
        assertThat(LatentControls.parse(List.of("brightness=-0.5", "loudness = 2"))).containsExactly(
                Map.entry("brightness", -0.5), Map.entry("loudness", 2.0));
        assertThatThrownBy(() -> LatentControls.parse(List.of("brightness"))).hasMessageContaining("NAME=VALUE");
    }

    @Test
    void labelsGoToTheStrongestPairsFirstAndAreNotShared() {
        var r = List.of(
                Map.of(Descriptors.Kind.LOUDNESS, 0.9, Descriptors.Kind.BRIGHTNESS, 0.5),
                Map.of(Descriptors.Kind.LOUDNESS, 0.95, Descriptors.Kind.BRIGHTNESS, -0.4));
        Descriptors.Kind[] labels = LatentAnalyzer.assignLabels(r);
        assertThat(labels).containsExactly(Descriptors.Kind.BRIGHTNESS, Descriptors.Kind.LOUDNESS);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * (double) b[i];
        }
        return s;
    }
}
