package org.sda.ui.common;

import java.util.concurrent.atomic.AtomicInteger;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.Loudness;
import org.sda.engine.audio.Resampler;

/**
 * Two sounds played as one stream, either of them heard, switched at the next block without a
 * gap: both advance together, so B takes over exactly where A was. They are matched in
 * loudness first (ITU-R BS.1770 integrated loudness; the louder is turned down to the quieter),
 * so a preference is not just "the louder one".
 *
 * <p>Threads: {@link #select} from any thread (an atomic); {@link #read} from the playing thread.
 */
public final class AbSource implements SoundPlayer.Source {

    private final AudioBuffer a;
    private final AudioBuffer b;
    private final int frames;
    private final AtomicInteger selected = new AtomicInteger(0);
    private int position;

    /** A and B at the rate of A, with stereo if either is stereo, matched in loudness. */
    public AbSource(AudioBuffer first, AudioBuffer second) {
        AudioBuffer secondAtRate = second.sampleRate() == first.sampleRate() ? second
                : Resampler.resample(second, first.sampleRate());
        double la = Loudness.integratedLufs(first);
        double lb = Loudness.integratedLufs(secondAtRate);
        double target = Math.min(la, lb);
        this.a = Double.isFinite(la) && Double.isFinite(target) ? Loudness.withGain(first, target - la) : first;
        this.b = Double.isFinite(lb) && Double.isFinite(target) ? Loudness.withGain(secondAtRate, target - lb) : secondAtRate;
        this.frames = Math.max(a.frameCount(), b.frameCount());
    }

    /** The loudness-matched sounds as they are played. */
    public AudioBuffer a() {
        return a;
    }

    public AudioBuffer b() {
        return b;
    }

    /** 0 for A, 1 for B. */
    public void select(int which) {
        selected.set(which == 0 ? 0 : 1);
    }

    public int selected() {
        return selected.get();
    }

    @Override
    public int sampleRate() {
        return a.sampleRate();
    }

    @Override
    public int channels() {
        return Math.max(a.channelCount(), b.channelCount());
    }

    @Override
    public int frames() {
        return frames;
    }

    @Override
    public int position() {
        return position;
    }

    @Override
    public int read(float[][] block, int count) {
        AudioBuffer now = selected.get() == 0 ? a : b;
        int n = Math.min(count, frames - position);
        for (int c = 0; c < block.length; c++) {
            float[] src = now.channels()[Math.min(c, now.channelCount() - 1)];
            for (int i = 0; i < n; i++) {
                int k = position + i;
                block[c][i] = k < src.length ? src[k] : 0f;
            }
        }
        position += Math.max(0, n);
        return n;
    }
}
