package org.sda.engine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sda train-prior MODEL.sda [options]}: trains the model's prior in the trainer's own JVM
 * (as {@code sda train} does; PyTorch never loads into this process) and stores it in the model
 * file. Every argument goes to the prior trainer unchanged: {@code sda train-prior --help} lists
 * its options.
 */
@Command(name = "train-prior", description = "Train a model's prior, which makes it generate new sounds (runs in its own "
        + "process; sda train-prior --help lists the options).")
final class TrainPriorCommand implements Callable<Integer> {

    static final String PRIOR_MAIN = "org.sda.trainer.cli.PriorMain";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ARG", description = "Arguments for the prior trainer.")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        return TrainCommand.runTrainer(spec, PRIOR_MAIN, arguments);
    }
}
