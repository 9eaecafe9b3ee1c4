package org.sda.trainer.pipeline;

import java.nio.file.Path;
import java.util.List;
import org.sda.engine.generate.TokenLayout;

/**
 * The prior to train for a model.
 *
 * @param model a model trained with {@code sda train}
 * @param data the sounds; empty for those the model's manifest records
 * @param output where to write; {@code null} to update {@code model} in place
 * @param contextFrames, layers, width, heads, dropout overrides of the dataset-size defaults; {@code null} keeps them
 * @param maxMinutes the time budget; {@code null} for the default of the set's size ({@link TrainingBudget})
 * @param threads PyTorch threads
 * @param checkFrames code frames per sequence of the copy-rate check (4 sequences)
 * @param calibrateSampling whether to choose the prior's sampling temperature and continuity by generating
 *     sounds after training (seconds to two minutes); otherwise temperature 1 is the prior's own
 */
public record PriorRequest(Path model, List<Path> data, Path output, PriorArchitecture architecture,
                           TokenLayout.Order tokenOrder, Integer contextFrames, Integer layers, Integer width,
                           Integer heads, Float dropout, Double maxMinutes, long maxSteps, int epochs, int threads,
                           long seed, boolean noCache, int checkFrames,
                           boolean calibrateSampling) {

    public PriorRequest {
        data = List.copyOf(data);
    }
}
