package org.sda.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sda.engine.dsp.StftConfig;
import org.sda.engine.model.SdaModel;
import org.sda.trainer.TestAudio;
import org.sda.trainer.data.CropSampler;
import org.sda.trainer.vqvae.ResidualQuantizer;
import org.sda.engine.training.TrainingSink;
import org.sda.trainer.vqvae.TrainingOptions;
import org.sda.trainer.vqvae.VqVaeConfig;
import org.sda.trainer.vqvae.VqVaeTrainer;

/** The exported graphs compute what the DJL model computes, through ONNX Runtime. */
class OnnxParityTest {

    @ParameterizedTest
    @CsvSource({"2, true, 3, linear", "4, false, 2, linear", "1, true, 4, linear", "2, true, 3, mel"})
    void onnxRuntimeMatchesTheTrainedModel(int downsample, boolean cosine, int levels, String decoderOutput)
            throws Exception {
        VqVaeConfig config = VqVaeConfig.defaults(16).withShape(16, 8, downsample).withLevels(levels)
                .withLookup(cosine).withDecoderOutput(decoderOutput);
        TrainingOptions options = TrainingOptions.defaults().withBatch(4, 32).withMaxSteps(3);
        CropSampler sampler = new CropSampler(TestAudio.clips(5), 44100, StftConfig.defaults(), 128, 32);
        try (VqVaeTrainer trainer = new VqVaeTrainer(config, options, 44100, 1024);
             NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            trainer.initialiseFromData(sampler);
            trainer.train(sampler, sampler.fixed(1), null, 1.0, TrainingSink.NONE);
            Map<String, byte[]> entries = ModelExporter.entries(trainer.model(), trainer.quantizer());

            int frames = 40;
            float[] input = sampler.features(new float[][] {TestAudio.tone(300, (frames - 1) * 256 / 44100.0, 7)})
                    .logMel();
            NDArray logMel = trainer.manager().create(input, new Shape(1, 128, frames));
            NDArray latent = trainer.model().encode(logMel);
            ResidualQuantizer.Output q = trainer.quantizer().forward(latent, false, new SplittableRandom(0));
            NDArray decoded = trainer.model().decode(latent);
            int tc = frames / downsample;

            // DJL's ONNX Runtime engine creates the one OrtEnvironment of the JVM with its own thread
            // settings and fails if one exists; tests that later open models through the engine (the
            // trainer's control analysis) need DJL to be first.
            ai.djl.engine.Engine.getEngine("OnnxRuntime");
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            float[] ortLatent;
            try (OrtSession s = env.createSession(entries.get(SdaModel.ENCODER), new OrtSession.SessionOptions());
                 OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 128, frames});
                 OrtSession.Result r = s.run(Map.of("log_mel", x))) {
                OnnxTensor out = (OnnxTensor) r.get("latent").orElseThrow();
                assertThat(out.getInfo().getShape()).containsExactly(1, config.codeDim(), tc);
                ortLatent = copy(out.getFloatBuffer());
            }
            assertClose(ortLatent, latent.toFloatArray(), 1e-4);

            float[] latentValues = latent.toFloatArray();
            try (OrtSession s = env.createSession(entries.get(SdaModel.QUANTIZER), new OrtSession.SessionOptions());
                 OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(latentValues),
                         new long[] {1, config.codeDim(), tc});
                 OrtSession.Result r = s.run(Map.of("latent", x))) {
                OnnxTensor codes = (OnnxTensor) r.get("codes").orElseThrow();
                assertThat(codes.getInfo().getShape()).containsExactly(1, levels, tc);
                long[] ortCodes = new long[levels * tc];
                codes.getLongBuffer().get(ortCodes);
                assertThat(ortCodes).containsExactly(q.codes().toLongArray());
                OnnxTensor quantized = (OnnxTensor) r.get("quantized").orElseThrow();
                assertClose(copy(quantized.getFloatBuffer()), q.quantized().toFloatArray(), 1e-4);
            }

            try (OrtSession s = env.createSession(entries.get(SdaModel.DECODER), new OrtSession.SessionOptions());
                 OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(latentValues),
                         new long[] {1, config.codeDim(), tc});
                 OrtSession.Result r = s.run(Map.of("latent", x))) {
                OnnxTensor out = (OnnxTensor) r.get("log_magnitude").orElseThrow();
                assertThat(out.getInfo().getShape())
                        .containsExactly(1, decoderOutput.equals(VqVaeConfig.MEL) ? 128 : 513, frames);
                assertClose(copy(out.getFloatBuffer()), decoded.toFloatArray(), 1e-4);
            }
        }
    }

    private static float[] copy(FloatBuffer buffer) {
        float[] out = new float[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    private static void assertClose(float[] actual, float[] expected, double tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        assertThat(worst).as("max abs difference").isLessThan(tolerance);
    }
}
