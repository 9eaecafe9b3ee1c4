package org.sda.engine.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Variations kept on disk across sessions. */
class VariationCacheTest {

    private static final String HASH = "ab".repeat(32);

    @TempDir
    Path dir;

    private static VariationRequest request(long seed) {
        return new VariationRequest(3.0, 1.0, 0, 0.95, seed, 0);
    }

    private static long files(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".f32")).count();
        }
    }

    @Test
    void aVariationComesBackExactlyForTheSameRequestOnly() {
        VariationCache cache = new VariationCache(dir, VariationCache.DEFAULT_MAX_BYTES);
        float[] sound = DemoSounds.named("ambi_choir.flac").samples();
        cache.put(HASH, request(5), 44100, sound);
        assertThat(cache.get(HASH, request(5), 44100)).hasValueSatisfying(s -> assertThat(s).containsExactly(sound));
        assertThat(cache.get(HASH, request(6), 44100)).isEmpty();
        assertThat(cache.get("cd".repeat(32), request(5), 44100)).isEmpty();
        assertThat(cache.get(HASH, new VariationRequest(3.0, 0.9, 0, 0.95, 5, 0), 44100)).isEmpty();
        assertThat(cache.get(HASH, request(5), 48000)).isEmpty();
    }

    @Test
    void aDamagedFileIsAMissAndIsRemoved() throws Exception {
        VariationCache cache = new VariationCache(dir, VariationCache.DEFAULT_MAX_BYTES);
        cache.put(HASH, request(1), 44100, DemoSounds.named("ambi_drone.flac").samples());
        Path file;
        try (Stream<Path> walk = Files.walk(dir)) {
            file = walk.filter(p -> p.toString().endsWith(".f32")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 7));
        assertThat(cache.get(HASH, request(1), 44100)).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    void theCacheStaysWithinItsBoundDroppingTheLeastRecentlyUsed() throws Exception {
        float[] sound = Arrays.copyOf(DemoSounds.named("ambi_drone.flac").samples(), 10_000); // 40 kB a file
        VariationCache cache = new VariationCache(dir, 200_000);
        for (int seed = 0; seed < 4; seed++) {
            cache.put(HASH, request(seed), 44100, sound);
        }
        Thread.sleep(20);
        assertThat(cache.get(HASH, request(0), 44100)).isPresent(); // used again: now the newest
        Thread.sleep(20);
        cache.put(HASH, request(4), 44100, sound); // 5 × 40 kB > 200 kB: trimmed to 80 %
        assertThat(files(dir)).isEqualTo(3);
        assertThat(cache.get(HASH, request(1), 44100)).isEmpty();
        assertThat(cache.get(HASH, request(2), 44100)).isEmpty();
        assertThat(cache.get(HASH, request(3), 44100)).isPresent();
        assertThat(cache.get(HASH, request(0), 44100)).isPresent();
        assertThat(cache.get(HASH, request(4), 44100)).isPresent();
    }

    @Test
    void anInstrumentOpenedAgainPlaysTheCachedVariationsWithoutGenerating() throws Exception {
        Path model = Rig.model(dir, "song.sda", 1);
        VariationCache cache = new VariationCache(dir.resolve("cache"), VariationCache.DEFAULT_MAX_BYTES);
        float[][] takes = new float[2][];
        int[] generated = new int[2];
        for (int t = 0; t < 2; t++) {
            ClipSource[] source = new ClipSource[1];
            VariationSource.Opener opener = m -> source[0] = new ClipSource(m.manifest().name(), DemoSounds.all());
            try (VariationInstrument instrument = new VariationInstrument(opener, 1, 16, null, cache)) {
                instrument.prepare(48000, 256);
                instrument.loadModel(model);
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (instrument.session().pool().readyCount() < 16) {
                    assertThat(System.nanoTime()).isLessThan(deadline);
                    Thread.sleep(10);
                }
                generated[t] = source[0].calls.get();
                instrument.noteOn(0, 60, 1f);
                float[] l = new float[256];
                float[] out = new float[256 * 100];
                for (int b = 0; b < 100; b++) {
                    instrument.render(l, new float[256], 256);
                    System.arraycopy(l, 0, out, 256 * b, 256);
                }
                takes[t] = out;
            }
        }
        assertThat(generated[0]).isGreaterThanOrEqualTo(16);
        assertThat(generated[1]).as("variations generated the second time").isZero();
        assertThat(takes[1]).containsExactly(takes[0]);
    }
}
