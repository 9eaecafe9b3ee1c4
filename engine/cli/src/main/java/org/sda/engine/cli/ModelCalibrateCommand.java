package org.sda.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sda.engine.dataset.ImportedClip;
import org.sda.engine.generate.SamplingCalibration;
import org.sda.engine.inference.InferenceException;
import org.sda.engine.inference.VqVaeRuntime;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sda model calibrate MODEL [DATASET...]}: chooses how a model's prior is sampled for
 * temperature 1 (a temperature and a continuity strength, {@link SamplingCalibration}), as
 * training now does after the prior, and writes it into the
 * model file atomically, leaving every other entry as it was. Models trained before training did
 * this get it this way.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Make temperature 1 the sampling at which a model's generated sounds flow and stay new.",
            "Sounds are generated at several temperatures and continuity strengths and measured against the",
            "training sounds (jump rate, 8-gram copy rate, Fréchet distance). Training does this itself; this is",
            "for models trained before it did."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:the model or the dataset could not be used", "2:bad command line"})
final class ModelCalibrateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file (.sda), with a prior.")
    Path modelFile;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "DATASET",
            description = "The sounds it was trained on (default: the folders its manifest records).")
    List<Path> paths;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Write the calibrated model here instead of updating MODEL in place.")
    Path output;

    @Option(names = "--seed", defaultValue = "0",
            description = "Seed of the sounds generated (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ImportOptionsMixin importOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path target = output != null ? output : modelFile;
        try {
            SdaModel model = SdaModelFile.read(modelFile);
            if (!model.hasPrior()) {
                return fail(err, modelFile + " has no prior to calibrate (train one: sda train-prior " + modelFile
                        + ")");
            }
            List<ImportedClip> train = TrainingSounds.of(model, paths, importOptions);
            List<float[]> audio = train.stream().map(ImportedClip::audio).toList();
            List<long[][]> codes;
            try (VqVaeRuntime runtime = VqVaeRuntime.open(model)) {
                codes = audio.stream().map(runtime::codesOfAudio).toList();
            }
            out.printf(Locale.ROOT, "generating about %.0f s of sound per setting (temperature, continuity)%n",
                    SamplingCalibration.SECONDS_PER_TRIAL);
            out.flush();
            SdaManifest.Sampling sampling = SamplingCalibration.calibrate(model, audio, codes, seed,
                    (trial, done, most) -> {
                        out.println("  " + ModelInfoReport.describe(trial));
                        out.flush();
                    });
            SdaManifest m = model.manifest();
            SdaManifest calibrated = new SdaManifest(m.formatVersion(), m.name(), m.tags(), m.created(), m.audio(),
                    m.vq(), m.dataset(), m.training(), m.prior().withSampling(sampling), m.analysis());
            SdaModelFile.write(target, calibrated, model.entries());
            out.printf(Locale.ROOT, "%s: temperature 1 now samples at %.2f, continuity %.0f (%s)%n", target,
                    sampling.temperature(), sampling.continuity(), sampling.rule());
            out.flush();
            return 0;
        } catch (ModelFileException | InferenceException | IllegalArgumentException | TrainingSounds.Unavailable e) {
            return fail(err, e.getMessage());
        } catch (IOException e) {
            return fail(err, target + ": could not be written: " + e.getMessage());
        }
    }

    private static int fail(PrintWriter err, String message) {
        err.println("sda model calibrate: " + message);
        err.flush();
        return 1;
    }
}
