package org.sda.engine.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The render-path guard: everything the render thread calls (events, render) allocates nothing,
 * measured with the JVM's per-thread allocation counter over many blocks of a busy performance —
 * note-ons beyond the polyphony (stealing), note-offs, all-notes-off, automation of every
 * parameter (seed and pool-size changes that make the workers regenerate), variable block sizes,
 * 0-frame parameter flushes, and a model switch on another thread.
 */
class RenderAllocationTest {

    // values() clones its array: called per block it allocates, unless escape analysis removes it.
    private static final int PARAMETER_COUNT = InstrumentParameter.values().length;

    private static final int RATE = 48000;
    private static final int MAX_BLOCK = 512;

    @TempDir
    Path dir;

    private volatile boolean switchNow;
    private volatile int block = -1;
    private volatile int switchedAtBlock = -1;

    /** The render thread's view: one block of events and audio. Allocation-free by contract. */
    private static final class Performance {
        private final Instrument instrument;
        private final SplittableRandom random;
        private final float[] left = new float[MAX_BLOCK];
        private final float[] right = new float[MAX_BLOCK];
        long sounding;

        Performance(Instrument instrument, long seed) {
            this.instrument = instrument;
            this.random = new SplittableRandom(seed);
        }

        void block(int n) {
            int frames = switch (n % 7) {
                case 0 -> 0; // a parameter flush
                case 1 -> 64;
                case 2 -> 128;
                case 3 -> MAX_BLOCK;
                default -> 1 + random.nextInt(MAX_BLOCK);
            };
            int span = Math.max(1, frames);
            for (int e = random.nextInt(6); e > 0; e--) {
                int offset = random.nextInt(span);
                int kind = random.nextInt(10);
                if (kind < 4) {
                    instrument.noteOn(offset, 36 + random.nextInt(60), 0.1f + 0.9f * random.nextFloat());
                } else if (kind < 7) {
                    instrument.noteOff(offset, 36 + random.nextInt(60));
                } else if (kind < 9) {
                    int id = random.nextInt(PARAMETER_COUNT);
                    // Keep the variation lock mostly off so the unlocked path gets exercised too.
                    double value = id == InstrumentParameter.VARIATION_LOCK.id() ? (random.nextInt(4) == 0 ? 1 : 0)
                            : random.nextDouble();
                    instrument.setParameter(offset, id, value);
                } else if (random.nextInt(20) == 0) {
                    instrument.allNotesOff();
                }
            }
            if (instrument.render(left, right, frames)) {
                sounding++;
            }
        }
    }

    @Test
    void theRenderPathAllocatesNothing() throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        Path a = Rig.model(dir, "a.sda", 1);
        Path b = Rig.model(dir, "b.sda", 2);
        try (Rig rig = new Rig()) {
            Instrument instrument = rig.instrument;
            instrument.prepare(RATE, MAX_BLOCK);
            instrument.loadModel(a);
            rig.awaitReady(16);

            // Warm up: every class initialised, every path run and compiled.
            Performance warmUp = new Performance(instrument, 1);
            for (int n = 0; n < 30_000; n++) {
                warmUp.block(n);
            }
            instrument.loadModel(a); // back to a full pool of model a, seed and all
            rig.awaitReady(1);

            Performance performance = new Performance(instrument, 2);
            // The model switch runs on its own thread, told to go through a volatile flag: no
            // allocation on this thread.
            Thread switcher = new Thread(() -> {
                while (!switchNow) {
                    Thread.onSpinWait();
                }
                instrument.loadModel(b);
                switchedAtBlock = block;
            }, "model switch");
            switcher.start();
            long calibrate = threads.getCurrentThreadAllocatedBytes();
            long overhead = threads.getCurrentThreadAllocatedBytes() - calibrate;
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int n = 0; n < 20_000; n++) {
                block = n;
                if (n == 5_000) {
                    switchNow = true;
                }
                performance.block(n);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before - overhead;
            switcher.join();

            assertThat(switchedAtBlock).as("the model switched during the performance").isBetween(5_000, 19_999);
            assertThat(rig.instrument.session().model().path()).isEqualTo(b.toAbsolutePath().normalize());
            assertThat(performance.sounding).as("the performance made sound").isGreaterThan(1000);
            assertThat(rig.instrument.engine().voicesStolen()).as("voices were stolen").isPositive();
            assertThat(allocated).as("bytes allocated on the render thread over 20,000 blocks")
                    .isLessThanOrEqualTo(0);
        }
    }
}
