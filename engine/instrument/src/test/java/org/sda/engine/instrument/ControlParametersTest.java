package org.sda.engine.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sda.engine.analysis.Descriptors;
import org.sda.engine.dsp.StftConfig;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;

/** The Control 1–3 parameters: the model's musical control axes, as the instrument plays them. */
class ControlParametersTest {

    /** The built-in demo model: its first axis is brightness. */
    private static final Path DEMO_MODEL = Path.of("..", "..", "installers", "demo-model", "demo.sda");

    @Test
    void controlsMapOntoTheSafeRangeOfTheStrongestAxesInOrder() throws Exception {
        SdaManifest.Analysis analysis = SdaModelFile.read(DEMO_MODEL).manifest().analysis();
        SdaManifest.Axis first = analysis.axes().get(0);
        SdaManifest.Axis second = analysis.axes().get(1);

        Map<String, Double> offsets = request(List.of(1.0, -0.5, 0.0)).axisOffsets(analysis);

        assertThat(offsets).containsOnlyKeys(first.name(), second.name());
        assertThat(offsets.get(first.name())).isCloseTo(first.safeMax(), within(1e-9));
        assertThat(offsets.get(second.name())).isCloseTo(0.5 * second.safeMin(), within(1e-9));
        assertThat(request(List.of(0.0, 0.0, 0.0)).axisOffsets(analysis)).isEmpty();
        assertThat(request(List.of(1.0)).axisOffsets(null)).as("a model without axes").isEmpty();
    }

    @Test
    void controlOneMovesTheDemoModelsVariationsAlongBrightness() throws Exception {
        SdaModel model = SdaModelFile.read(DEMO_MODEL);
        assertThat(model.manifest().analysis().axes().get(0).name()).isEqualTo("brightness");
        GeneratedVariations source = GeneratedVariations.open(model);
        try {
            double dark = brightness(source.generate(request(List.of(-1.0, 0.0, 0.0))), source.sampleRate());
            double plain = brightness(source.generate(request(List.of(0.0, 0.0, 0.0))), source.sampleRate());
            double bright = brightness(source.generate(request(List.of(1.0, 0.0, 0.0))), source.sampleRate());
            assertThat(dark).isLessThan(plain);
            assertThat(plain).isLessThan(bright);
        } finally {
            source.close();
        }
    }

    private static VariationRequest request(List<Double> controls) {
        return new VariationRequest(2.0, 1.0, 0, 1.0, 77, 0, controls);
    }

    private static double brightness(float[] samples, int sampleRate) {
        Descriptors descriptors = new Descriptors(sampleRate, StftConfig.defaults(), 2);
        return descriptors.means(samples)[Descriptors.Kind.BRIGHTNESS.ordinal()];
    }
}
