package org.sda.engine.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TrainerProcessTest {

    /** Stands in for the trainer: prints what it is told to, in the protocol, then exits. */
    public static final class FakeTrainer {
        public static void main(String[] args) throws Exception {
            if (args[0].equals("wait")) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    System.out.println(TrainingEventJson.write(new TrainingEvent.Checkpoint("m.sda.ckpt", 10)));
                    System.out.flush();
                    Runtime.getRuntime().halt(TrainerProcess.CANCELLED);
                }));
            }
            System.out.println("a library printing to stdout");
            System.out.println(TrainingEventJson.write(new TrainingEvent.Step(Stage.VQVAE, 10, 0, 1.5, 20)));
            System.out.flush();
            switch (args[0]) {
                case "done" -> System.out.println(TrainingEventJson.write(new TrainingEvent.Done(Stage.VQVAE,
                        "m.sda", StopReason.STEP_LIMIT, 1, 10, 0.1, 0.5, null, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN)));
                case "crash" -> {
                    System.err.println("Exception in thread main: out of memory");
                    System.exit(3);
                }
                case "wait" -> Thread.sleep(60_000);
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
    }

    private static List<TrainingEvent> run(String what, boolean cancel) throws Exception {
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        TrainerProcess p = TrainerProcess.start(System.getProperty("java.class.path"), FakeTrainer.class.getName(),
                List.of(what), events::add);
        if (cancel) {
            while (events.isEmpty()) {
                Thread.sleep(20);
            }
            p.cancel();
            assertThat(p.cancelled()).isTrue();
        }
        int code = p.exit().get(60, TimeUnit.SECONDS);
        assertThat(code).isEqualTo(switch (what) {
            case "done" -> 0;
            case "crash" -> 3;
            default -> TrainerProcess.CANCELLED;
        });
        return events;
    }

    @Test
    void stdoutLinesBecomeEventsAndOtherLinesAreSkipped() throws Exception {
        List<TrainingEvent> events = run("done", false);
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOf(TrainingEvent.Step.class);
        assertThat(((TrainingEvent.Done) events.get(1)).stoppedBecause()).isEqualTo(StopReason.STEP_LIMIT);
    }

    @Test
    void aCrashedTrainerBecomesAnErrorWithItsLastWords() throws Exception {
        List<TrainingEvent> events = run("crash", false);
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(TrainingEvent.Error.class,
                e -> assertThat(e.message()).contains("exit code 3").contains("out of memory"));
    }

    @Test
    void cancelAsksTheTrainerToStopAndItsCheckpointArrives() throws Exception {
        List<TrainingEvent> events = run("wait", true);
        assertThat(events).last().isInstanceOf(TrainingEvent.Checkpoint.class);
        assertThat(events).noneMatch(e -> e instanceof TrainingEvent.Error);
    }
}
