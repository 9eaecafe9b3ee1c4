package org.sda.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.analysis.LatentControls;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioEncoding;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.codes.CodeGrid;
import org.sda.engine.codes.CodesJson;
import org.sda.engine.inference.ToyModel;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModelFile;

/** sda encode, decode, codes swap|blend and model analyze, end to end on a toy model and generated sounds. */
class CodesCommandsTest {

    @TempDir
    Path dir;

    private Path model() throws Exception {
        return ToyModel.standard().write(dir.resolve("toy.sda"));
    }

    private Path sweep(String name, double from, double to, double seconds) throws Exception {
        int rate = 22050;
        float[] x = new float[(int) (seconds * rate)];
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) rate;
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * (from + (to - from) * t / seconds / 2) * t));
        }
        Path file = dir.resolve(name);
        AudioFiles.write(file, AudioBuffer.mono(x, rate), AudioEncoding.WAV_PCM16);
        return file;
    }

    @Test
    void encodeThenDecodeIsTheReconstruction() throws Exception {
        Path model = model();
        Path in = sweep("in.wav", 200, 900, 0.8);
        CliRun encode = CliRun.sda("encode", "-m", model.toString(), in.toString(), "-o", dir.resolve("c.json").toString());
        assertThat(encode.exitCode()).as(encode.err()).isZero();
        assertThat(encode.out()).contains("3 levels (Structure, Timbre, Detail)", "frames per second", "model 'toy'");

        CliRun decode = CliRun.sda("decode", "-m", model.toString(), dir.resolve("c.json").toString(), "-o",
                dir.resolve("decoded.wav").toString());
        CliRun reconstruct = CliRun.sda("reconstruct", "-m", model.toString(), in.toString(), "-o",
                dir.resolve("reconstructed.wav").toString());
        assertThat(decode.exitCode()).as(decode.err()).isZero();
        assertThat(reconstruct.exitCode()).as(reconstruct.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("decoded.wav")))
                .isEqualTo(Files.readAllBytes(dir.resolve("reconstructed.wav")));
    }

    @Test
    void swapAndBlendMakeHybridsThatDecode() throws Exception {
        Path model = model();
        String a = dir.resolve("a.json").toString();
        String b = dir.resolve("b.json").toString();
        assertThat(CliRun.sda("encode", "-m", model.toString(), sweep("a.wav", 200, 300, 1).toString(), "-o", a)
                .exitCode()).isZero();
        assertThat(CliRun.sda("encode", "-m", model.toString(), sweep("b.wav", 2000, 3000, 1).toString(), "-o", b)
                .exitCode()).isZero();

        CliRun swap = CliRun.sda("codes", "swap", a, b, "--frames", "10:40", "--levels", "timbre,2", "-o",
                dir.resolve("swap.json").toString());
        assertThat(swap.exitCode()).as(swap.err()).isZero();
        assertThat(swap.out()).contains("swap", "[Timbre, Detail]");
        CodeGrid ga = CodesJson.read(Path.of(a));
        CodeGrid gb = CodesJson.read(Path.of(b));
        CodeGrid swapped = CodesJson.read(dir.resolve("swap.json"));
        assertThat(swapped.code(1, 20)).isEqualTo(gb.code(1, 20));
        assertThat(swapped.code(0, 20)).isEqualTo(ga.code(0, 20));
        assertThat(swapped.code(1, 40)).isEqualTo(ga.code(1, 40));

        CliRun faded = CliRun.sda("codes", "swap", a, b, "--frames", "10:40", "--fade", "2", "-o",
                dir.resolve("faded.json").toString());
        assertThat(faded.exitCode()).as(faded.err()).isZero();
        assertThat(faded.out()).contains("2-frame fades");
        assertThat(CodesJson.read(dir.resolve("faded.json")).cell(1, 10).weight()).isEqualTo(1f / 3);

        CliRun blend = CliRun.sda("codes", "blend", "-m", model.toString(), a, b, "--seconds", "0.2:0.6", "-w", "0.5",
                "-o", dir.resolve("blend.json").toString());
        assertThat(blend.exitCode()).as(blend.err()).isZero();
        assertThat(CodesJson.read(dir.resolve("blend.json")).hasBlend()).isTrue();
        CliRun decode = CliRun.sda("decode", "-m", model.toString(), dir.resolve("blend.json").toString(), "-o",
                dir.resolve("blend.wav").toString());
        assertThat(decode.exitCode()).as(decode.err()).isZero();
        assertThat(decode.out()).contains("with blends");

        CliRun bad = CliRun.sda("codes", "swap", a, b, "--levels", "colour", "-o", dir.resolve("x.json").toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("no level 'colour'", "structure, timbre, detail");
    }

    @Test
    void codesOfAnotherModelAreRefusedByDecodeAndSwap() throws Exception {
        Path model = model();
        Path other = new ToyModel(ToyModel.manifest(3, 16, 8, 2, SdaManifest.Vq.LINEAR), 3)
                .write(dir.resolve("other.sda"));
        String a = dir.resolve("a.json").toString();
        String c = dir.resolve("c.json").toString();
        Path in = sweep("a.wav", 200, 300, 0.5);
        CliRun.sda("encode", "-m", model.toString(), in.toString(), "-o", a);
        CliRun.sda("encode", "-m", other.toString(), in.toString(), "-o", c);

        CliRun decode = CliRun.sda("decode", "-m", other.toString(), a, "-o", dir.resolve("x.wav").toString());
        assertThat(decode.exitCode()).isEqualTo(1);
        assertThat(decode.err()).contains("a.json", "was encoded with model 'toy'", "encode the sound again");
        assertThat(dir.resolve("x.wav")).doesNotExist();

        CliRun swap = CliRun.sda("codes", "swap", a, c, "-o", dir.resolve("y.json").toString());
        assertThat(swap.exitCode()).isEqualTo(1);
        assertThat(swap.err()).contains("both must come from the same model");
    }

    @Test
    void analyzeAddsControlsThatDecodeAppliesAndInfoShows() throws Exception {
        Path model = model();
        Path sounds = Files.createDirectories(dir.resolve("sounds"));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Path f = sweep("s" + i + ".wav", 150 * (i + 1), 400 * (i + 1), 0.6 + 0.1 * i);
            files.add(Files.move(f, sounds.resolve(f.getFileName())));
        }
        Path cache = dir.resolve("cache");
        CliRun analyze = CliRun.sda("model", "analyze", model.toString(), sounds.toString(), "--cache-dir",
                cache.toString());
        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
        assertThat(analyze.out()).contains("controls added", "safe range");

        SdaManifest.Analysis analysis = SdaModelFile.read(model).manifest().analysis();
        assertThat(analysis.axes()).hasSize(4);
        assertThat(CliRun.sda("model", "info", model.toString()).out()).contains("Controls", "4 axes from 6 sounds",
                analysis.axes().get(0).name());

        String codes = dir.resolve("c.json").toString();
        CliRun.sda("encode", "-m", model.toString(), files.get(0).toString(), "-o", codes);
        SdaManifest.Axis axis = analysis.axes().get(0);
        CliRun plain = CliRun.sda("decode", "-m", model.toString(), codes, "-o", dir.resolve("plain.wav").toString());
        CliRun moved = CliRun.sda("decode", "-m", model.toString(), codes, "-o", dir.resolve("moved.wav").toString(),
                "--axis", axis.name() + "=" + axis.safeMax());
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(moved.exitCode()).as(moved.err()).isZero();
        assertThat(moved.err()).doesNotContain("warning");
        assertThat(Files.readAllBytes(dir.resolve("moved.wav"))).isNotEqualTo(Files.readAllBytes(dir.resolve("plain.wav")));

        CliRun outside = CliRun.sda("decode", "-m", model.toString(), codes, "-o", dir.resolve("w.wav").toString(),
                "--axis", axis.name() + "=" + (axis.safeMax() + (axis.warnMax() - axis.safeMax()) / 2));
        assertThat(outside.exitCode()).as(outside.err()).isZero();
        assertThat(outside.err()).contains("warning", "outside the range the training sounds cover");
        CliRun beyond = CliRun.sda("decode", "-m", model.toString(), codes, "-o", dir.resolve("b.wav").toString(),
                "--axis", axis.name() + "=" + (axis.warnMax() * 2 + 1));
        assertThat(beyond.exitCode()).isEqualTo(1);
        assertThat(beyond.err()).contains("beyond the axis's range");
        CliRun unknown = CliRun.sda("decode", "-m", model.toString(), codes, "-o", dir.resolve("u.wav").toString(),
                "--axis", "warmth=1");
        assertThat(unknown.err()).contains("no axis 'warmth'");
        assertThat(LatentControls.axis(analysis, axis.name())).isEqualTo(axis);
    }

    @Test
    void theBenchmarksRunOnAToyModelAndCheckWhatTheyMeasure() throws Exception {
        Path model = model();
        Path a = sweep("a.wav", 200, 300, 1.0);
        Path b = sweep("b.wav", 2000, 3000, 1.2);

        CliRun codes = CliRun.sda("bench", "codes", "-m", model.toString(), a.toString(), "--runs", "1",
                "--minutes", "0.5", "--edits", "60");
        assertThat(codes.exitCode()).as(codes.err()).isZero();
        assertThat(codes.out()).contains("encode (audio -> codes)", "preview of one code", "apply: swap 1 s",
                "gave the version before them back: yes");

        CliRun hybrid = CliRun.sda("bench", "hybrid", "-m", model.toString(), a.toString(), b.toString());
        assertThat(hybrid.exitCode()).as(hybrid.err()).isZero();
        assertThat(hybrid.out()).contains("blend 50%, all levels", "10 ms crossfaded splice (ref.)");

        CliRun noControls = CliRun.sda("bench", "controls", "-m", model.toString(), a.toString());
        assertThat(noControls.exitCode()).isEqualTo(1);
        assertThat(noControls.err()).contains("has no controls", "sda model analyze");
    }
}
