package org.sda.engine.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.sda.engine.inference.ToyModel;

/**
 * An instrument for tests: real model files (tiny real ONNX graphs, written to a folder), sounds
 * from {@link ClipSource} (the demo recordings), rendering on the calling thread as a render
 * thread would.
 */
final class Rig implements AutoCloseable {

    static final int BLOCK = 256;

    final VariationInstrument instrument;
    final List<ClipSource> opened = new CopyOnWriteArrayList<>();
    private final float[] left = new float[BLOCK];
    private final float[] right = new float[BLOCK];

    Rig(Path demoModel, List<DemoSounds.Clip> clips) {
        this(demoModel, clips, null);
    }

    /** @param gate when given, every generation waits for it to open first */
    Rig(Path demoModel, List<DemoSounds.Clip> clips, java.util.concurrent.CountDownLatch gate) {
        VariationSource.Opener opener = model -> {
            ClipSource s = new ClipSource(model.manifest().name(), clips, gate);
            opened.add(s);
            return s;
        };
        instrument = new VariationInstrument(opener, 1, VoiceEngine.DEFAULT_POLYPHONY, demoModel);
    }

    Rig() {
        this(null, DemoSounds.all());
    }

    /** Writes a real (tiny) model file; {@code seed} changes its weights and so its content hash. */
    static Path model(Path folder, String fileName, long seed) throws Exception {
        return new ToyModel(ToyModel.manifest(3, 16, 8, 2, "linear"), seed).write(folder.resolve(fileName));
    }

    /** Waits until the pool has {@code count} new variations (generation runs on its workers). */
    Rig awaitReady(int count) {
        return await(() -> {
            VariationPool pool = instrument.session().pool();
            return pool != null && pool.readyCount() >= count;
        }, "variations ready: " + count);
    }

    Rig await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what + "; status: " + instrument.status())
                    .isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        return this;
    }

    /** Renders {@code frames} samples in blocks; returns the left channel (right is checked equal). */
    float[] render(int frames) {
        float[] out = new float[frames];
        for (int pos = 0; pos < frames; pos += BLOCK) {
            int n = Math.min(BLOCK, frames - pos);
            instrument.render(left, right, n);
            for (int i = 0; i < n; i++) {
                assertThat(right[i]).isEqualTo(left[i]);
            }
            System.arraycopy(left, 0, out, pos, n);
        }
        return out;
    }

    /** Sets a parameter as a host would, and applies it at once (a block of 0 frames, as VST3 hosts flush). */
    Rig set(InstrumentParameter p, double plain) {
        instrument.setParameter(0, p.id(), p.toNormalized(plain));
        instrument.render(left, right, 0);
        return this;
    }

    /** One note: on at 0, {@code heldFrames} rendered, off, then 0.5 s of release rendered. */
    float[] note(int key, float velocity, int heldFrames) {
        instrument.noteOn(0, key, velocity);
        float[] held = render(heldFrames);
        instrument.noteOff(0, key);
        render(instrument.engine().hostRate() / 2);
        return held;
    }

    @Override
    public void close() {
        instrument.close();
    }
}
