package org.sda.engine.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.audio.AudioReadException;
import org.sda.engine.audio.Mixdown;
import org.sda.engine.audio.Resampler;
import org.sda.engine.inference.Reconstructor;
import org.sda.engine.inference.VqVaeRuntime;
import org.sda.engine.instrument.Instrument;
import org.sda.engine.instrument.Instruments;
import org.sda.engine.instrument.VariationRequest;
import org.sda.engine.instrument.VariationSource;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaModel;

/**
 * The real instrument ({@link Instruments#create(VariationSource.Opener, Path)}: voices, pool,
 * state, model loading) over a source that runs the real model without a prior: sounds from a
 * folder (system property {@value #SOUNDS_PROPERTY}) sent through the model's ONNX encoder,
 * quantiser and decoder and Griffin-Lim. Until the prior's generation lands, this is what makes a
 * model audible, so the host tests and the benchmark load the plugin with it
 * ({@code -Dsda.instrument.factory=org.sda.engine.bridge.ReconstructionInstruments}).
 */
public final class ReconstructionInstruments {

    /** Folder of sounds to reconstruct (FLAC/WAV). */
    public static final String SOUNDS_PROPERTY = "sda.test.sounds";

    private static List<float[]> clips;

    private ReconstructionInstruments() {
    }

    /** The bridge's factory convention; plays the demo model named by {@code sda.demo.model}. */
    public static Instrument create() {
        String demo = System.getProperty(Instruments.DEMO_MODEL_PROPERTY);
        return Instruments.create(ReconstructionInstruments::open,
                demo == null || demo.isBlank() ? null : Path.of(demo));
    }

    private static VariationSource open(SdaModel model) throws VariationSource.SourceUnavailableException {
        try {
            return new Source(model, clips());
        } catch (ModelFileException | RuntimeException e) {
            throw new VariationSource.SourceUnavailableException(e.getMessage());
        }
    }

    private static synchronized List<float[]> clips() {
        if (clips == null) {
            String folder = System.getProperty(SOUNDS_PROPERTY);
            if (folder == null) {
                throw new IllegalStateException("set -D" + SOUNDS_PROPERTY + " to a folder of sounds");
            }
            List<float[]> read = new ArrayList<>();
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".flac")).sorted().toList()) {
                    read.add(Resampler.resample(Mixdown.toMono(AudioFiles.read(f)), Source.RATE).samples());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (AudioReadException e) {
                throw new IllegalStateException(e);
            }
            if (read.isEmpty()) {
                throw new IllegalStateException("no .flac sounds in " + folder);
            }
            clips = List.copyOf(read);
        }
        return clips;
    }

    /** One sound per request, picked by the request's seed, through the model and back. */
    private static final class Source implements VariationSource {
        static final int RATE = 44100;
        private final VqVaeRuntime runtime;
        private final Reconstructor reconstructor;
        private final List<float[]> clips;

        Source(SdaModel model, List<float[]> clips) throws ModelFileException {
            this.runtime = VqVaeRuntime.open(model);
            this.reconstructor = new Reconstructor(runtime, 8);
            this.clips = clips;
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
            float[] clip = clips.get((int) Math.floorMod(request.seed(), (long) clips.size()));
            float[] start = Arrays.copyOf(clip, (int) Math.min(clip.length, request.seconds() * RATE));
            return reconstructor.reconstruct(AudioBuffer.mono(start, RATE), Reconstructor.Listener.NONE)
                    .audio().samples();
        }

        @Override
        public void close() {
            runtime.close();
        }
    }
}
