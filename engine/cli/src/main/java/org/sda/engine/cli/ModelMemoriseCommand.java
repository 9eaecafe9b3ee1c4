package org.sda.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.dataset.ImportedClip;
import org.sda.engine.inference.DetailMemory;
import org.sda.engine.inference.InferenceException;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sda model memorise MODEL [DATASET...]}: keeps what the model's decoder leaves out of its
 * training sounds ({@link DetailMemory}) in the model file, as training now does, or with {@code
 * --forget} takes it out (before sharing a model without its sounds). Writes atomically and leaves
 * every other entry as it was.
 */
@Command(name = "memorise", aliases = "memorize", mixinStandardHelpOptions = true,
        description = {"Keep the detail of a model's training sounds, to give them back as they were.",
            "The decoder gives each sound's broad shape; the memory adds back, frame by frame, the detail it "
                    + "leaves out wherever the codes are a training sound's (reconstructions, unedited cells of a "
                    + "code grid). The model then carries an approximation of its sounds: --forget removes it "
                    + "before you share the model. Training keeps the memory itself; this is for models trained "
                    + "before it did."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:the model or the dataset could not be used", "2:bad command line"})
final class ModelMemoriseCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file (.sda).")
    Path modelFile;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "DATASET",
            description = "The sounds it was trained on (default: the folders its manifest records).")
    List<Path> paths;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Write the model here instead of updating MODEL in place.")
    Path output;

    @Option(names = "--forget", description = "Remove the memory instead.")
    boolean forget;

    @Mixin
    ImportOptionsMixin importOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path target = output != null ? output : modelFile;
        try {
            SdaModel model = SdaModelFile.read(modelFile);
            if (forget) {
                Map<String, byte[]> entries = new LinkedHashMap<>(model.entries());
                boolean had = entries.remove(SdaModel.DETAIL_MEMORY) != null;
                SdaModelFile.write(target, model.manifest(), entries);
                out.println(target + (had ? ": the detail memory is removed" : ": had no detail memory"));
                out.flush();
                return 0;
            }
            List<ImportedClip> train = TrainingSounds.of(model, paths, importOptions);
            int rate = model.manifest().audio().sampleRate();
            DetailMemory memory = DetailMemory.addTo(model, target,
                    train.stream().map(c -> AudioBuffer.mono(c.audio(), rate)).toList());
            out.printf(Locale.ROOT, "%s: kept the detail of %d code frames of %d sounds%n", target, memory.size(),
                    train.size());
            out.flush();
            return 0;
        } catch (ModelFileException | InferenceException | IllegalArgumentException | TrainingSounds.Unavailable e) {
            return fail(err, e.getMessage());
        } catch (IOException e) {
            return fail(err, target + ": could not be written: " + e.getMessage());
        }
    }

    private static int fail(PrintWriter err, String message) {
        err.println("sda model memorise: " + message);
        err.flush();
        return 1;
    }
}
