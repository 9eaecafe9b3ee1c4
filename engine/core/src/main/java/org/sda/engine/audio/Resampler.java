package org.sda.engine.audio;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.util.Objects;

/**
 * Band-limited sample rate conversion through libsoxr.
 *
 * <p>Uses {@code soxr_oneshot} with a linear-phase filter: the whole signal is converted in one
 * call, the filter delay is removed by libsoxr, and the output has
 * {@code round(frames * toRate / fromRate)} frames, aligned with the input. The default quality
 * is {@link Quality#VERY_HIGH} (28-bit precision), whose passband ripple and stopband
 * rejection are far below what float32 audio can show; aliasing measured by the tests stays
 * below -80 dB. When downsampling, content above the new Nyquist frequency is removed.
 *
 * <p>The signal is treated as silent before its first and after its last sample, so a signal
 * that starts or stops abruptly rings briefly at its edges, as any band-limited converter must.
 *
 * <p>Threading: safe to call concurrently; no state is kept between calls. Allocation: the
 * result, plus native copies of input and output for the duration of the call (about three
 * times the input in all).
 *
 * @throws IllegalStateException from every method (except when rates already match) if libsoxr
 *     is not installed; the message names the missing package, libsoxr0
 */
public final class Resampler {

    /** libsoxr's quality recipes worth offering; lower ones add audible aliasing. */
    public enum Quality {
        /** 20-bit precision ("SOXR_HQ"). */
        HIGH(LibSoxr.SOXR_HQ),
        /** 28-bit precision ("SOXR_VHQ"); the default. */
        VERY_HIGH(LibSoxr.SOXR_VHQ);

        private final int recipe;

        Quality(int recipe) {
            this.recipe = recipe;
        }
    }

    private Resampler() {}

    /** Whether libsoxr was found. */
    public static boolean isAvailable() {
        return LibSoxr.instance().isPresent();
    }

    /**
     * Resamples one channel. Returns {@code mono} itself when the rates match.
     *
     * @throws IllegalArgumentException if a rate is not positive
     */
    public static float[] resample(float[] mono, int fromRate, int toRate) {
        return resample(mono, fromRate, toRate, Quality.VERY_HIGH);
    }

    /** Resamples one channel with the given quality; {@code mono} itself when rates match. */
    public static float[] resample(float[] mono, int fromRate, int toRate, Quality quality) {
        Objects.requireNonNull(mono, "mono");
        checkRates(fromRate, toRate);
        if (fromRate == toRate) {
            return mono;
        }
        return convert(mono, 1, mono.length, fromRate, toRate, quality);
    }

    /**
     * Resamples every channel of {@code audio} to {@code toRate}. Returns {@code audio} itself
     * when it already has that rate (buffers are immutable by convention, so sharing is safe).
     */
    public static AudioBuffer resample(AudioBuffer audio, int toRate) {
        return resample(audio, toRate, Quality.VERY_HIGH);
    }

    /** Resamples every channel with the given quality; {@code audio} itself when rates match. */
    public static AudioBuffer resample(AudioBuffer audio, int toRate, Quality quality) {
        Objects.requireNonNull(audio, "audio");
        checkRates(audio.sampleRate(), toRate);
        if (audio.sampleRate() == toRate) {
            return audio;
        }
        int channelCount = audio.channelCount();
        int frames = audio.frameCount();
        float[][] channels = audio.channels();
        if (channelCount == 1) {
            return AudioBuffer.mono(
                    convert(channels[0], 1, frames, audio.sampleRate(), toRate, quality), toRate);
        }
        float[] interleaved = new float[Math.multiplyExact(frames, channelCount)];
        for (int i = 0, k = 0; i < frames; i++) {
            for (float[] channel : channels) {
                interleaved[k++] = channel[i];
            }
        }
        float[] converted = convert(interleaved, channelCount, frames, audio.sampleRate(), toRate,
                quality);
        int outFrames = converted.length / channelCount;
        float[][] out = new float[channelCount][outFrames];
        for (int i = 0, k = 0; i < outFrames; i++) {
            for (int c = 0; c < channelCount; c++) {
                out[c][i] = converted[k++];
            }
        }
        return new AudioBuffer(out, toRate);
    }

    /** The frame count a conversion produces. */
    public static long outputFrames(long inputFrames, int fromRate, int toRate) {
        return Math.round((double) inputFrames * toRate / fromRate);
    }

    private static float[] convert(float[] interleaved, int channels, int frames, int fromRate,
                                   int toRate, Quality quality) {
        LibSoxr soxr = LibSoxr.instance().orElseThrow(() -> new IllegalStateException(
                "resampling needs libsoxr (package libsoxr0), which is not installed ("
                        + LibSoxr.unavailableReason() + ")"));
        if (frames == 0) {
            return new float[0];
        }
        long expected = outputFrames(frames, fromRate, toRate);
        // One spare frame so that rounding inside libsoxr can never be cut off.
        long capacity = expected + 1;
        if (capacity * channels > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resampled signal would exceed Java's array limit: "
                    + capacity + " frames x " + channels + " channels");
        }
        Memory in = new Memory((long) frames * channels * Float.BYTES);
        in.write(0, interleaved, 0, frames * channels);
        Memory out = new Memory(capacity * channels * Float.BYTES);
        Memory done = new Memory(Native.SIZE_T_SIZE);
        done.clear();
        LibSoxr.IoSpec io = soxr.soxr_io_spec(LibSoxr.SOXR_FLOAT32_I, LibSoxr.SOXR_FLOAT32_I);
        LibSoxr.QualitySpec spec =
                soxr.soxr_quality_spec(new NativeLong(quality.recipe), new NativeLong(0));
        String error = soxr.soxr_oneshot(fromRate, toRate, channels,
                in, new LibSoxr.SizeT(frames), null,
                out, new LibSoxr.SizeT(capacity), done,
                io, spec, null);
        if (error != null) {
            throw new IllegalStateException("libsoxr failed to resample " + fromRate + " Hz to "
                    + toRate + " Hz: " + error);
        }
        long produced = Native.SIZE_T_SIZE == 8 ? done.getLong(0) : done.getInt(0) & 0xFFFFFFFFL;
        int outFrames = (int) Math.min(produced, expected);
        float[] result = new float[outFrames * channels];
        out.read(0, result, 0, result.length);
        return result;
    }

    private static void checkRates(int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException(
                    "sample rates must be positive: " + fromRate + " Hz to " + toRate + " Hz");
        }
    }
}
