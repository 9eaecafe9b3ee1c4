package org.sda.engine.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sda.engine.instrument.Instrument;

/**
 * The Java render path of the plugin, over a real native block laid out by {@link SharedLayout}:
 * the render loop reads the audio thread's events and counters, dispatches the events at their
 * offsets and writes audio into the ring, allocating nothing (the JVM's per-thread allocation
 * counter over many blocks). The audio thread's side is played by this test, writing the block
 * as the shim's {@code process()} does.
 */
class RenderLoopAllocationTest {

    private static final int MAX_BLOCK = 512;

    /** An allocation-free instrument that sounds a sine per note, so the audio can be checked. */
    private static final class SineInstrument implements Instrument {
        final double[] phase = new double[128];
        final boolean[] on = new boolean[128];
        int noteOns;
        int parameters;

        @Override public void prepare(double sampleRate, int maxBlockFrames) { }
        @Override public void noteOn(int offset, int key, float velocity) { on[key] = true; noteOns++; }
        @Override public void noteOff(int offset, int key) { on[key] = false; }
        @Override public void allNotesOff() { java.util.Arrays.fill(on, false); }
        @Override public void setParameter(int offset, int id, double normalized) { parameters++; }
        @Override public double parameter(int id) { return 0; }
        @Override public int latencySamples() { return 0; }
        @Override public byte[] saveState() { return new byte[0]; }
        @Override public RestoreResult restoreState(byte[] state) { return new RestoreResult(true, ""); }
        @Override public RestoreResult loadModel(Path file) { return new RestoreResult(true, ""); }
        @Override public String status() { return "sine"; }
        @Override public void close() { }

        @Override
        public boolean render(float[] left, float[] right, int frames) {
            for (int i = 0; i < frames; i++) {
                float s = 0;
                for (int k = 0; k < 128; k++) {
                    if (on[k]) {
                        phase[k] += 2 * Math.PI * 440 * Math.pow(2, (k - 69) / 12.0) / 48000;
                        s += (float) (0.05 * Math.sin(phase[k]));
                    }
                }
                left[i] = s;
                right[i] = s;
            }
            return true;
        }
    }

    /** The audio thread's half of the protocol, written into the native block as shared.h lays it out. */
    private static final class AudioThread {
        final Memory block;
        long eventWrite;
        long known;

        AudioThread(Memory block) {
            this.block = block;
        }

        void event(long time, int kind, int index, double value) {
            long slot = SharedLayout.EVENTS_OFF + (long) SharedLayout.EVENT_SIZE * (eventWrite & (SharedLayout.EVENT_CAPACITY - 1));
            block.setLong(slot + SharedLayout.EVENT_TIME_OFF, time);
            block.setInt(slot + SharedLayout.EVENT_KIND_OFF, kind);
            block.setInt(slot + SharedLayout.EVENT_INDEX_OFF, index);
            block.setDouble(slot + SharedLayout.EVENT_VALUE_OFF, value);
            eventWrite++;
            block.setLong(SharedLayout.EVENT_WRITE_OFF, eventWrite);
        }

        void handOver(int frames) {
            known += frames;
            block.setLong(SharedLayout.KNOWN_UNTIL_OFF, known);
        }

        /** Consumes everything rendered, as process() copies it out. */
        void consume() {
            block.setLong(SharedLayout.AUDIO_READ_OFF, block.getLong(SharedLayout.AUDIO_WRITE_OFF));
        }
    }

    private static Memory nativeBlock() {
        Memory block = new Memory(SharedLayout.SIZE);
        block.clear();
        block.setInt(SharedLayout.MAGIC_OFF, SharedLayout.MAGIC);
        block.setInt(SharedLayout.VERSION_OFF, SharedLayout.VERSION);
        block.setInt(SharedLayout.AUDIO_CAPACITY_OFF, SharedLayout.AUDIO_CAPACITY);
        block.setInt(SharedLayout.EVENT_CAPACITY_OFF, SharedLayout.EVENT_CAPACITY);
        block.setDouble(SharedLayout.SAMPLE_RATE_OFF, 48000);
        block.setInt(SharedLayout.MAX_BLOCK_OFF, MAX_BLOCK);
        return block;
    }

    @Test
    void theRenderLoopAndTheSharedBlockAllocateNothingAndPlayTheEvents() {
        Memory block = nativeBlock();
        SineInstrument instrument = new SineInstrument();
        RenderLoop loop = new RenderLoop(new SharedBlock(block), instrument, null, null, MAX_BLOCK, "test-render");
        AudioThread audio = new AudioThread(block);
        SplittableRandom random = new SplittableRandom(7);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();

        int sent = 0;
        long before = 0;
        int blocks = 20_000;
        for (int b = 0; b < blocks; b++) {
            if (b == blocks / 2) {
                before = threads.getThreadAllocatedBytes(thread);   // after warm-up and JIT
            }
            int frames = 1 + random.nextInt(MAX_BLOCK);
            for (int e = random.nextInt(4); e > 0; e--) {
                long time = audio.known + random.nextInt(frames);
                int kind = 1 + random.nextInt(3);
                audio.event(time, kind, kind == SharedLayout.PARAMETER ? random.nextInt(8) : 40 + random.nextInt(40),
                        random.nextDouble());
                sent += kind == SharedLayout.NOTE_ON ? 1 : 0;
            }
            audio.handOver(frames);
            loop.renderUpToHost();
            audio.consume();
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(allocated).as("bytes allocated over %d blocks", blocks / 2).isZero();
        assertThat(instrument.noteOns).isEqualTo(sent);
        assertThat(block.getLong(SharedLayout.RENDERED_UNTIL_OFF)).isEqualTo(audio.known);
        assertThat(block.getLong(SharedLayout.EVENT_READ_OFF)).isEqualTo(audio.eventWrite);
        float peak = 0;
        for (int i = 0; i < SharedLayout.AUDIO_CAPACITY; i++) {
            peak = Math.max(peak, Math.abs(block.getFloat(SharedLayout.LEFT_OFF + 4L * i)));
        }
        assertThat(peak).as("audio in the ring").isGreaterThan(0f);
    }

    @Test
    void aBlockOfAnotherLayoutIsRefusedWithWhatDiffers() {
        Memory block = nativeBlock();
        block.setInt(SharedLayout.VERSION_OFF, SharedLayout.VERSION + 1);
        assertThatThrownBy(() -> new SharedBlock(block)).hasMessageContaining("version " + (SharedLayout.VERSION + 1));
        Memory other = nativeBlock();
        other.setInt(SharedLayout.EVENT_CAPACITY_OFF, SharedLayout.EVENT_CAPACITY / 2);
        assertThatThrownBy(() -> new SharedBlock(other)).hasMessageContaining("built for");
    }
}
