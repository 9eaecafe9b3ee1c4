package org.sda.engine.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.Loudness;
import org.sda.engine.inference.Reconstructor;
import org.sda.engine.inference.ToyModel;
import org.sda.engine.inference.VqVaeRuntime;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModelFile;

class GridCodecTest {

    @TempDir
    Path dir;

    /** A stereo sound at another rate, quiet, with a pitch sweep: every step of the pipeline has work. */
    static AudioBuffer sound(double seconds, int rate) {
        float[][] x = new float[2][(int) Math.round(seconds * rate)];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < x[c].length; i++) {
                double t = i / (double) rate;
                x[c][i] = (float) (0.2 * Math.sin(2 * Math.PI * (200 + 300 * t) * t * (c + 1))
                        * Math.exp(-2 * t));
            }
        }
        return new AudioBuffer(x, rate);
    }

    private VqVaeRuntime open(ToyModel toy, String name) throws Exception {
        return VqVaeRuntime.open(SdaModelFile.read(toy.write(dir.resolve(name))));
    }

    @Test
    void decodingAnEncodedSoundIsTheReconstructionSampleForSample() throws Exception {
        try (VqVaeRuntime runtime = open(ToyModel.standard(), "m.sda")) {
            Reconstructor reconstructor = new Reconstructor(runtime, 8);
            GridCodec codec = new GridCodec(reconstructor);
            AudioBuffer input = sound(0.9, 44100);

            CodeGrid grid = codec.encode(input);
            Reconstructor.Synthesis decoded = codec.decode(grid);
            Reconstructor.Result reconstructed = reconstructor.reconstruct(input, Reconstructor.Listener.NONE);

            assertThat(grid.levels()).isEqualTo(3);
            assertThat(grid.levelLabels()).containsExactly("Structure", "Timbre", "Detail");
            assertThat(grid.codes()).isEqualTo(reconstructed.codes());
            assertThat(decoded.audio().samples()).containsExactly(reconstructed.audio().samples());
            assertThat(decoded.gainDb()).isEqualTo(reconstructed.gainDb());
            assertThat(grid.gainDb()).isLessThan(0); // the quiet input was levelled up to encode, and is turned back down
        }
    }

    @Test
    void aGridSurvivesCodesJsonAndDecodesTheSameAfterwards() throws Exception {
        try (VqVaeRuntime runtime = open(ToyModel.standard(), "m.sda")) {
            GridCodec codec = new GridCodec(new Reconstructor(runtime, 4));
            CodeGrid grid = codec.encode(sound(0.5, 22050));
            CodeGrid other = codec.encode(sound(0.7, 48000));
            grid = new GridEdit.BlendRegion(new Region(3, 20, List.of(1, 2)), other, 5, 0.3f).applyTo(grid);
            Path file = dir.resolve("codes.json");

            CodesJson.write(file, grid);
            CodeGrid back = CodesJson.read(file, codec.identity());

            assertThat(back).isEqualTo(grid);
            assertThat(codec.decode(back).audio().samples()).containsExactly(codec.decode(grid).audio().samples());
            assertThat(Files.readString(file)).contains("\"format\" : \"sda-codes\"", "\"version\" : 1",
                    "\"frameRate\"", codec.identity().hash(), "\"blend\"");
        }
    }

    @Test
    void aBlendDecodesTheInterpolatedLatentNotEitherSound() throws Exception {
        try (VqVaeRuntime runtime = open(ToyModel.standard(), "m.sda")) {
            GridCodec codec = new GridCodec(new Reconstructor(runtime, 4));
            CodeGrid a = codec.encode(sound(0.5, 22050));
            CodeGrid b = new GridEdit.SetCells(Region.allLevels(0, a.frames(), 3), 5).applyTo(a);
            CodeGrid half = new GridEdit.BlendRegion(Region.allLevels(0, a.frames(), 3), b, 0, 0.5f).applyTo(a);

            float[][] la = codec.latent(a);
            float[][] lb = codec.latent(b);
            float[][] lh = codec.latent(half);
            for (int t = 0; t < la.length; t++) {
                for (int k = 0; k < la[t].length; k++) {
                    assertThat(lh[t][k]).isCloseTo((la[t][k] + lb[t][k]) / 2,
                            org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
        }
    }

    @Test
    void codesOfAnotherModelAreRefusedWithTheModelsNamed() throws Exception {
        try (VqVaeRuntime one = open(ToyModel.standard(), "one.sda");
             VqVaeRuntime two = open(new ToyModel(ToyModel.manifest(3, 16, 8, 2, SdaManifest.Vq.LINEAR), 7),
                     "two.sda")) {
            GridCodec first = new GridCodec(new Reconstructor(one, 2));
            GridCodec second = new GridCodec(new Reconstructor(two, 2));
            CodeGrid grid = first.encode(sound(0.3, 22050));
            Path file = dir.resolve("codes.json");
            CodesJson.write(file, grid);

            assertThatThrownBy(() -> CodesJson.read(file, second.identity()))
                    .isInstanceOf(CodesFileException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("was encoded with model 'toy' (" + first.identity().shortHash())
                    .hasMessageContaining("encode the sound again");
            assertThatThrownBy(() -> second.decode(grid)).hasMessageContaining("encode the sound again");
        }
    }

    @Test
    void addingAnAnalysisToTheModelKeepsItsCodesValid() throws Exception {
        ToyModel toy = ToyModel.standard();
        Path file = toy.write(dir.resolve("m.sda"));
        var model = SdaModelFile.read(file);
        var m = model.manifest();
        SdaManifest analysed = new SdaManifest(m.formatVersion(), m.name(), m.tags(), m.created(), m.audio(), m.vq(),
                m.dataset(), m.training(), m.prior(), new SdaManifest.Analysis(1, 1, 10, new float[8], List.of()));
        Path copy = dir.resolve("analysed.sda");
        SdaModelFile.write(copy, analysed, model.entries());

        assertThat(ModelIdentity.of(SdaModelFile.read(copy))).isEqualTo(ModelIdentity.of(model));
        assertThat(SdaModelFile.read(copy).contentHash()).isNotEqualTo(model.contentHash());
    }

    @Test
    void aPreviewIsAFadedClipOfTheCodeAndIsCached() throws Exception {
        try (VqVaeRuntime runtime = open(ToyModel.standard(), "m.sda")) {
            GridCodec codec = new GridCodec(new Reconstructor(runtime, 4));
            CodePreview preview = new CodePreview(codec);

            AudioBuffer a = preview.preview(1, 3);
            assertThat(preview.isCached(1, 3)).isTrue();
            assertThat(preview.preview(1, 3)).isSameAs(a);
            AudioBuffer b = preview.preview(1, 4);

            int expected = (CodePreview.DEFAULT_FRAMES * 2 - 1) * 128;
            assertThat(a.frameCount()).isEqualTo(expected);
            assertThat(a.samples()[0]).isZero();
            assertThat(a.samples()[expected - 1]).isZero();
            assertThat(Loudness.peakDbfs(a)).isLessThanOrEqualTo(Reconstructor.PEAK_CEILING_DBFS + 1e-3);
            assertThat(a.samples()).isNotEqualTo(b.samples());
            assertThatThrownBy(() -> preview.preview(3, 0)).hasMessageContaining("no code 0 on level 3");
        }
    }
}
