package org.sda.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sda.engine.analysis.LatentAnalyzer;
import org.sda.engine.dataset.Dataset;
import org.sda.engine.dataset.ImportedClip;
import org.sda.engine.inference.InferenceException;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModelFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sda model analyze MODEL DATASET...}: finds a model's musical controls (PCA axes of its
 * latent, named after the audio quality each changes, with safe ranges) over a dataset and adds
 * them to the model file, atomically, leaving every other entry as it was. Models trained before
 * the trainer did this themselves get their controls this way.
 */
@Command(name = "analyze", aliases = "analyse", mixinStandardHelpOptions = true,
        description = {"Find a model's musical controls over a dataset and add them to the model file.",
            "The dataset is usually the sounds it was trained on. Everything else in the file stays as it was;",
            "codes made with the model stay valid."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:added", "1:the model or the dataset could not be used", "2:bad command line"})
final class ModelAnalyzeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file (.sda).")
    Path modelFile;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "DATASET", description = "Folders and/or sound files.")
    List<Path> paths;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Write the analysed model here instead of updating MODEL in place.")
    Path output;

    @Mixin
    ImportOptionsMixin importOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path target = output != null ? output : modelFile;
        try {
            SdaManifest.Audio audio = SdaModelFile.read(modelFile).manifest().audio();
            // The analysis computes its own features with the model's settings; the audio must be at its rate.
            importOptions.sampleRate = audio.sampleRate();
            Dataset dataset = DatasetInspectCommand.importWithProgress(importOptions, paths);
            if (dataset.clips().isEmpty()) {
                return fail(err, "no usable sounds in " + paths + " (sda dataset inspect says why)");
            }
            List<float[]> clips = dataset.clips().stream().map(ImportedClip::audio).toList();
            SdaManifest.Analysis analysis = LatentAnalyzer.addTo(modelFile, target, clips);
            out.println(target + ": controls added");
            ModelInfoReport.printAxes(out, analysis);
            out.flush();
            return 0;
        } catch (ModelFileException | InferenceException | IllegalArgumentException e) {
            return fail(err, e.getMessage());
        } catch (IOException e) {
            return fail(err, target + ": could not be written: " + e.getMessage());
        }
    }

    private static int fail(PrintWriter err, String message) {
        err.println("sda model analyze: " + message);
        err.flush();
        return 1;
    }
}
