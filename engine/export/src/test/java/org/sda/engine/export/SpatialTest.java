package org.sda.engine.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioFiles;

class SpatialTest {

    @TempDir
    Path dir;

    @Test
    void widthZeroGivesIdenticalChannels() throws Exception {
        AudioBuffer sound = DemoSounds.mono("ambi_swoosh.flac", 2.0);
        AudioBuffer stereo = StereoWidener.widen(sound, 0);
        assertThat(stereo.channelCount()).isEqualTo(2);
        assertThat(stereo.channels()[0]).containsExactly(stereo.channels()[1]);
        assertThat(stereo.channels()[0]).containsExactly(sound.channels()[0]);
    }

    @Test
    void widthOneKeepsTheMonoSumAndDecorrelatesTheChannels() throws Exception {
        AudioBuffer sound = DemoSounds.mono("ambi_swoosh.flac", 2.0);
        AudioBuffer stereo = StereoWidener.widen(sound, 1);
        float[] l = stereo.channels()[0];
        float[] r = stereo.channels()[1];
        float[] m = sound.channels()[0];
        double maxError = 0;
        for (int i = 0; i < m.length; i++) {
            maxError = Math.max(maxError, Math.abs((l[i] + r[i]) / 2 - m[i]));
        }
        assertThat(maxError).isLessThan(1e-6);
        assertThat(correlation(l, r)).isLessThan(0.5); // really wider: not the same signal twice
    }

    @Test
    void widthOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> Spatial.stereo(1.5)).hasMessageContaining("between 0 (mono) and 1");
    }

    @Test
    void aDefaultHeadModelLoadsWithNoFileGiven() throws Exception {
        Hrtf head = Hrtf.defaultHead();
        assertThat(head.name()).isEqualTo(Hrtf.DEFAULT_NAME);
        assertThat(head.size()).isEqualTo(710);
        assertThat(head.sampleRate()).isEqualTo(44_100);
        assertThat(head.measuredDistance()).isEqualTo(1.4);
    }

    @Test
    void binauralAtPlusNinetyPutsTheSoundAtTheRightEar() throws Exception {
        AudioBuffer sound = DemoSounds.mono("ambi_swoosh.flac", 3.0);
        AudioBuffer b = BinauralRenderer.render(sound, Hrtf.defaultHead(), Placement.at(90, 0));
        float[] l = b.channels()[0];
        float[] r = b.channels()[1];
        int rate = b.sampleRate();
        // The third-octave band centred on 4 kHz; per-bin level differences averaged in dB, so
        // that the sound's own spectrum (which divides out of R/L bin by bin) does not weight it.
        double lo = 4000 * Math.pow(2, -1 / 6.0);
        double hi = 4000 * Math.pow(2, 1 / 6.0);
        double ild = levelDifferenceDb(r, l, rate, lo, hi);
        double itdMs = 1000.0 * lagOfLeftBehindRight(l, r, (int) (0.0015 * rate)) / rate;
        System.out.printf("binaural +90: ILD at 4 kHz %.1f dB, ITD %.3f ms%n", ild, itdMs);
        assertThat(ild).isGreaterThan(6);
        assertThat(itdMs).isBetween(0.5, 0.8);

        AudioBuffer left = BinauralRenderer.render(sound, Hrtf.defaultHead(), Placement.at(-90, 0));
        double ildLeft = levelDifferenceDb(left.channels()[1], left.channels()[0], rate, lo, hi);
        assertThat(ildLeft).isLessThan(-6);
    }

    @Test
    void aUsersSofaFileLoadsAndAnUnreadableOneIsNamed() throws Exception {
        Path sofa = dir.resolve("kemar.sofa");
        try (var in = Hrtf.class.getResourceAsStream(Hrtf.DEFAULT_RESOURCE)) {
            Files.copy(in, sofa);
        }
        Hrtf head = Hrtf.load(sofa);
        assertThat(head.size()).isEqualTo(710);
        assertThat(head.nearest(90, 0).right()).containsExactly(Hrtf.defaultHead().nearest(90, 0).right());

        Path text = Files.writeString(dir.resolve("notes.sofa"), "this is not HDF5");
        assertThatThrownBy(() -> Hrtf.load(text)).isInstanceOf(HrtfException.class)
                .hasMessageContaining(text.toString()).hasMessageContaining("SOFA");
        Path missing = dir.resolve("missing.sofa");
        assertThatThrownBy(() -> Hrtf.load(missing)).hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
        AudioBuffer sound = AudioBuffer.mono(new float[4410], 44_100);
        assertThatThrownBy(() -> AudioExporter.export(sound, dir.resolve("b.wav"),
                ExportSettings.DEFAULT.withSpatial(Spatial.binaural(Placement.at(30, 0))).withHrtfFile(text)))
                .isInstanceOfSatisfying(ExportException.class, e -> assertThat(e.kind()).isEqualTo(ExportException.Kind.HEAD_MODEL))
                .hasMessageContaining(text.toString());
    }

    @Test
    void binauralExportWritesTwoChannelsThatReadBack() throws Exception {
        AudioBuffer sound = DemoSounds.mono("ambi_piano.flac", 1.0);
        Path file = dir.resolve("placed.flac");
        AudioExporter.export(sound, file, ExportSettings.DEFAULT.withFormat(ExportFormat.FLAC)
                .withSpatial(Spatial.binaural(Placement.parse("45,10,2"))));
        AudioBuffer back = AudioFiles.read(file);
        assertThat(back.channelCount()).isEqualTo(2);
        assertThat(back.frameCount()).isEqualTo(sound.frameCount() + Hrtf.defaultHead().nearest(45, 10).left().length - 1);
    }

    @Test
    void placementsAreParsedAndCheckedInTheUsersConvention() {
        Placement p = Placement.parse("90,0");
        assertThat(p.azimuth()).isEqualTo(90);
        assertThat(Double.isNaN(p.distance())).isTrue();
        assertThat(Placement.parse("-30, 10, 2").distance()).isEqualTo(2);
        assertThatThrownBy(() -> Placement.parse("200,0")).hasMessageContaining("azimuth");
        assertThatThrownBy(() -> Placement.parse("left")).hasMessageContaining("AZ,EL");
    }

    static double correlation(float[] a, float[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    /** Mean over the band of {@code 10·log10(|A(f)|² / |B(f)|²)}, from one FFT of each whole signal. */
    static double levelDifferenceDb(float[] a, float[] b, int rate, double lo, double hi) {
        double[] fa = spectrum(a);
        double[] fb = spectrum(b);
        int n = fa.length;
        double sum = 0;
        int bins = 0;
        for (int k = (int) Math.ceil(lo * n / rate); k <= (int) (hi * n / rate); k++) {
            double pa = fa[2 * k] * fa[2 * k] + fa[2 * k + 1] * fa[2 * k + 1];
            double pb = fb[2 * k] * fb[2 * k] + fb[2 * k + 1] * fb[2 * k + 1];
            sum += 10 * Math.log10(pa / pb);
            bins++;
        }
        return sum / bins;
    }

    private static double[] spectrum(float[] x) {
        int n = Integer.highestOneBit(x.length);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = x[i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n)); // Hann: no leakage from the cut
        }
        new DoubleFFT_1D(n).realForward(a);
        return a;
    }

    /** The lag in samples (positive: left after right) that maximises the cross-correlation. */
    static int lagOfLeftBehindRight(float[] l, float[] r, int maxLag) {
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double sum = 0;
            for (int i = Math.max(0, -lag); i < r.length && i + lag < l.length; i++) {
                sum += r[i] * l[i + lag];
            }
            if (sum > bestValue) {
                bestValue = sum;
                best = lag;
            }
        }
        return best;
    }
}
