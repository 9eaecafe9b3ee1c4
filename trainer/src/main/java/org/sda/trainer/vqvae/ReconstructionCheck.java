package org.sda.trainer.vqvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.sda.engine.dsp.GriffinLim;
import org.sda.engine.dsp.LogMel;
import org.sda.engine.dsp.MelFilterbank;
import org.sda.engine.dsp.MelInverter;
import org.sda.engine.dsp.SpectralConvergence;
import org.sda.engine.dsp.Stft;
import org.sda.engine.dsp.StftConfig;

/**
 * How close the model's reconstructions come to the best phase reconstruction can do: for each
 * clip, encode → quantise → decode → exp (a mel decoder: mel → linear by the engine's
 * {@link MelInverter}) → Griffin-Lim → STFT magnitude, and the spectral
 * convergence (dB) of that against the original magnitude; the ceiling is Griffin-Lim from the
 * original's own magnitude with the same settings. Lower is better; the gap is model minus ceiling.
 */
public final class ReconstructionCheck {

    /** Mean spectral convergence over the clips, in dB. */
    public record Result(int clips, double modelDb, double ceilingDb, double magnitudeDb) {
        public double gapDb() {
            return modelDb - ceilingDb;
        }
    }

    private ReconstructionCheck() {
    }

    /**
     * @param clips mono audio at {@code sampleRate}; each is cut to {@code maxSeconds}
     * @param quantizer null to decode the continuous latent (experiments)
     * @param iterations Griffin-Lim iterations (32 is the engine's default)
     */
    public static Result run(ConvVqVae model, ResidualQuantizer quantizer, NDManager manager, List<float[]> clips,
                             int sampleRate, double maxSeconds, int iterations) {
        StftConfig config = StftConfig.defaults();
        Stft stft = new Stft(config);
        MelFilterbank filterbank = new MelFilterbank(sampleRate, config.nFft(), model.config().melBands());
        MelInverter inverter = model.config().melOutput() ? new MelInverter(filterbank) : null;
        GriffinLim griffinLim = new GriffinLim(config).withIterations(iterations);
        int ds = model.config().downsample();
        double modelSum = 0;
        double ceilingSum = 0;
        double magnitudeSum = 0;
        int n = 0;
        for (float[] full : clips) {
            float[] audio = Arrays.copyOf(full, Math.min(full.length, (int) (maxSeconds * sampleRate)));
            float[][] magnitude = stft.magnitude(audio);
            int frames = magnitude.length;
            int padded = (frames + ds - 1) / ds * ds;
            float[][] mel = filterbank.apply(magnitude);
            LogMel.toLogInPlace(mel);
            int m = mel[0].length;
            float[] input = new float[m * padded];
            for (int t = 0; t < padded; t++) {
                float[] row = mel[Math.min(t, frames - 1)];
                for (int b = 0; b < m; b++) {
                    input[b * padded + t] = row[b];
                }
            }
            float[] decoded;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray latent = model.encode(manager.create(input, new Shape(1, m, padded)));
                decoded = model.decode(quantizer == null ? latent
                        : quantizer.forward(latent, false, null).quantized()).toFloatArray();
            }
            float[][] estimate;
            if (model.config().melOutput()) {
                float[][] logMel = new float[frames][m];
                for (int t = 0; t < frames; t++) {
                    for (int k = 0; k < m; k++) {
                        logMel[t][k] = decoded[k * padded + t];
                    }
                }
                estimate = inverter.invertLogMel(logMel);
            } else {
                int bins = model.config().bins();
                estimate = new float[frames][bins];
                for (int t = 0; t < frames; t++) {
                    for (int k = 0; k < bins; k++) {
                        estimate[t][k] = (float) Math.exp(decoded[k * padded + t]);
                    }
                }
            }
            int length = (frames - 1) * config.hop();
            float[][] fromModel = stft.magnitude(griffinLim.reconstruct(estimate, length));
            float[][] fromTruth = stft.magnitude(griffinLim.reconstruct(magnitude, length));
            modelSum += SpectralConvergence.db(magnitude, fromModel);
            ceilingSum += SpectralConvergence.db(magnitude, fromTruth);
            magnitudeSum += SpectralConvergence.db(magnitude, estimate);
            n++;
        }
        return new Result(n, modelSum / n, ceilingSum / n, magnitudeSum / n);
    }
}
