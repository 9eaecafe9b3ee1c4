package org.sda.engine.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.inference.Reconstructor;
import org.sda.engine.inference.VqVaeRuntime;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaModel;

/**
 * The instrument over a source that runs a real model: demo sounds sent through the model's
 * ONNX encoder, quantiser and decoder and Griffin-Lim (what the engine can make without a prior),
 * at the model's own rate (22.05 kHz here), played at 48 kHz.
 */
class ReconstructionSourceTest {

    @TempDir
    Path dir;

    /** Reconstructions of the demo sounds through the model; the seed picks the sound. */
    static final class ReconstructionSource implements VariationSource {
        private final VqVaeRuntime runtime;
        private final Reconstructor reconstructor;
        private final List<DemoSounds.Clip> clips = DemoSounds.all();

        ReconstructionSource(SdaModel model) throws ModelFileException {
            runtime = VqVaeRuntime.open(model);
            reconstructor = new Reconstructor(runtime, 8);
        }

        @Override
        public String name() {
            return runtime.manifest().name();
        }

        @Override
        public int sampleRate() {
            return runtime.manifest().audio().sampleRate();
        }

        @Override
        public double defaultSeconds() {
            return 1.0;
        }

        @Override
        public float[] generate(VariationRequest request) {
            float[] clip = clips.get((int) Math.floorMod(request.seed(), (long) clips.size())).samples();
            float[] start = Arrays.copyOf(clip, (int) Math.min(clip.length, request.seconds() * DemoSounds.RATE));
            return reconstructor.reconstruct(AudioBuffer.mono(start, DemoSounds.RATE), Reconstructor.Listener.NONE)
                    .audio().samples();
        }

        @Override
        public void close() {
            runtime.close();
        }
    }

    @Test
    void aRealModelsSoundsPlayAtTheHostRate() throws Exception {
        Path model = Rig.model(dir, "toy.sda", 3);
        try (Instrument instrument = Instruments.create(m -> {
            try {
                return new ReconstructionSource(m);
            } catch (ModelFileException e) {
                throw new VariationSource.SourceUnavailableException(e.getMessage());
            }
        }, null)) {
            instrument.prepare(48000, 256);
            float[] l = new float[256];
            float[] r = new float[256];
            instrument.setParameter(0, InstrumentParameter.POOL_SIZE.id(), InstrumentParameter.POOL_SIZE.toNormalized(2));
            instrument.render(l, r, 0);
            assertThat(instrument.loadModel(model).ok()).isTrue();
            VariationPool pool = ((VariationInstrument) instrument).session().pool();
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (pool.readyCount() < 2) {
                assertThat(System.nanoTime()).as(instrument.status()).isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(instrument.status()).startsWith("Playing toy: 2/2");
            Variation first = pool.first();
            assertThat(first.sampleRate()).isEqualTo(48000);
            assertThat(first.frameCount()).isBetween(47000, 49000);

            instrument.noteOn(10, 60, 1f);
            float[] out = new float[48128];
            for (int pos = 0; pos < out.length; pos += 256) {
                assertThat(instrument.render(l, r, 256)).isTrue();
                System.arraycopy(l, 0, out, pos, 256);
            }
            for (float v : out) {
                assertThat(Float.isFinite(v)).isTrue();
            }
            assertThat(Measure.rms(out, 0, out.length)).isGreaterThan(1e-3);
            assertThat(Measure.peak(out)).isLessThanOrEqualTo(1.0);
        }
    }
}
