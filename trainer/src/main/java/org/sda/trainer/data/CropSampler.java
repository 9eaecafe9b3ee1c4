package org.sda.trainer.data;

import java.util.List;
import java.util.random.RandomGenerator;
import org.sda.engine.dataset.augment.Augmentation;
import org.sda.engine.dataset.augment.Augmentations;
import org.sda.engine.dsp.LogMel;
import org.sda.engine.dsp.MelFilterbank;
import org.sda.engine.dsp.Stft;
import org.sda.engine.dsp.StftConfig;

/**
 * Cuts training batches from clips: each example is an augmented crop of a clip drawn uniformly
 * (one-shots count as much as long loops), from which the log-mel input and the log-magnitude
 * target are computed with the engine's DSP, so training sees exactly the features the engine
 * will feed the encoder. Not thread-safe; one producer thread uses it.
 */
public final class CropSampler {

    private final List<float[]> clips;
    private final int frames;
    private final int cropSamples;
    private final Stft stft;
    private final MelFilterbank filterbank;
    private final Augmentation augmentation;

    /**
     * @param clips mono audio at {@code sampleRate}
     * @param frames STFT frames per example; crops are {@code (frames - 1) * hop} samples long
     */
    public CropSampler(List<float[]> clips, int sampleRate, StftConfig stftConfig, int melBands, int frames) {
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("no clips to sample from");
        }
        this.clips = List.copyOf(clips);
        this.frames = frames;
        this.cropSamples = (frames - 1) * stftConfig.hop();
        this.stft = new Stft(stftConfig);
        this.filterbank = new MelFilterbank(sampleRate, stftConfig.nFft(), melBands);
        this.augmentation = Augmentations.smallDataDefault(sampleRate, cropSamples);
    }

    public int frames() {
        return frames;
    }

    /** An augmented batch of {@code size} random crops. */
    public Batch next(int size, RandomGenerator random) {
        float[][] crops = new float[size][];
        for (int i = 0; i < size; i++) {
            crops[i] = augmentation.apply(clips.get(random.nextInt(clips.size())), random);
        }
        return features(crops);
    }

    /**
     * Fixed, unaugmented crops for validation: up to {@code perClip} windows spread over each clip
     * (shorter clips zero-padded), the same every epoch.
     */
    public Batch fixed(int perClip) {
        java.util.ArrayList<float[]> crops = new java.util.ArrayList<>();
        for (float[] clip : clips) {
            int windows = Math.max(1, Math.min(perClip, clip.length / cropSamples));
            for (int w = 0; w < windows; w++) {
                int start = windows == 1 ? 0 : (int) ((long) w * (clip.length - cropSamples) / (windows - 1));
                float[] crop = new float[cropSamples];
                System.arraycopy(clip, start, crop, 0, Math.min(cropSamples, clip.length - start));
                crops.add(crop);
            }
        }
        return features(crops.toArray(new float[0][]));
    }

    /** Features of equal-length crops (any length; {@code 1 + length / hop} frames). */
    public Batch features(float[][] crops) {
        int frames = stft.frames(crops[0].length);
        int m = filterbank.nMels();
        int f = stft.bins();
        float[] logMel = new float[crops.length * m * frames];
        float[] logMag = new float[crops.length * f * frames];
        for (int i = 0; i < crops.length; i++) {
            float[][] magnitude = stft.magnitude(crops[i]);
            if (magnitude.length != frames) {
                throw new IllegalStateException("crop gave " + magnitude.length + " frames, expected " + frames);
            }
            float[][] mel = filterbank.apply(magnitude);
            LogMel.toLogInPlace(mel);
            for (int t = 0; t < frames; t++) {
                for (int b = 0; b < m; b++) {
                    logMel[(i * m + b) * frames + t] = mel[t][b];
                }
                for (int k = 0; k < f; k++) {
                    logMag[(i * f + k) * frames + t] = (float) Math.log(Math.max(magnitude[t][k], LogMel.FLOOR));
                }
            }
        }
        return new Batch(crops.length, frames, m, f, logMel, logMag);
    }
}
