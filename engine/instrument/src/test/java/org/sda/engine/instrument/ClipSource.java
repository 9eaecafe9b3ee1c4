package org.sda.engine.instrument;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test source that serves real recordings: the request's seed picks one of the clips, so equal
 * seeds give equal sounds, as generation promises. The first {@code seconds} of the clip are served.
 */
final class ClipSource implements VariationSource {

    private final String name;
    private final List<DemoSounds.Clip> clips;
    final AtomicInteger calls = new AtomicInteger();
    /** Generations that have started (and may be waiting at the gate). */
    final AtomicInteger started = new AtomicInteger();
    volatile VariationRequest lastRequest;
    volatile boolean closed;

    private final java.util.concurrent.CountDownLatch gate;

    ClipSource(String name, List<DemoSounds.Clip> clips) {
        this(name, clips, null);
    }

    /** @param gate when given, generation waits until it opens (a slow model, under the test's control) */
    ClipSource(String name, List<DemoSounds.Clip> clips, java.util.concurrent.CountDownLatch gate) {
        this.name = name;
        this.clips = clips;
        this.gate = gate;
    }

    static VariationSource.Opener opener(List<DemoSounds.Clip> clips) {
        return model -> new ClipSource(model.manifest().name(), clips);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int sampleRate() {
        return DemoSounds.RATE;
    }

    @Override
    public double defaultSeconds() {
        return 3.0;
    }

    /** The clip a seed selects. */
    DemoSounds.Clip clipFor(long seed) {
        return clips.get((int) Math.floorMod(seed, (long) clips.size()));
    }

    @Override
    public float[] generate(VariationRequest request) throws InterruptedException {
        started.incrementAndGet();
        if (gate != null) {
            gate.await();
        }
        calls.incrementAndGet();
        lastRequest = request;
        float[] clip = clipFor(request.seed()).samples();
        int n = (int) Math.min(clip.length, Math.round(request.seconds() * DemoSounds.RATE));
        return java.util.Arrays.copyOf(clip, n);
    }

    @Override
    public void close() {
        closed = true;
    }
}
