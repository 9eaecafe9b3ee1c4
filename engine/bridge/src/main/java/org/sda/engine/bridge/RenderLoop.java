package org.sda.engine.bridge;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.jna.Function;

import org.sda.engine.instrument.Instrument;

/**
 * The render thread of one plugin instance: sleeps until the audio thread hands over a block,
 * then renders instrument time up to where the host has got (events dispatched at their sample
 * offsets) into the audio ring.
 *
 * <p>Lifecycle: built and {@link #start started} by {@link PluginBridge#start} after the shim
 * reset the rings; {@link #stop} ends it. Steady state allocates nothing of ours; the one
 * exception is JNA's argument conversion inside the per-wake {@code sda_render_wait} call (a few
 * short-lived objects, reclaimed by young-generation collection) — the price of the shim
 * exporting no symbols but its three entry points.
 */
final class RenderLoop implements Runnable {

    private static final int WAIT_TIMEOUT_MS = 50;
    private static final AtomicBoolean PROMOTED_REPORTED = new AtomicBoolean();

    private final SharedBlock shared;
    private final Instrument instrument;
    private final Function waitFunction;
    private final Function promoteFunction;
    private final Object[] waitArgs;
    private final float[] left;
    private final float[] right;
    private final int chunk;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Runnable beforeRendering;
    private boolean failed;

    RenderLoop(SharedBlock shared, Instrument instrument, Function waitFunction, Function promoteFunction,
               int maxBlock, String name) {
        this.shared = shared;
        this.instrument = instrument;
        this.waitFunction = waitFunction;
        this.promoteFunction = promoteFunction;
        this.waitArgs = new Object[] {shared.address(), WAIT_TIMEOUT_MS};
        this.chunk = Math.max(1, maxBlock);
        this.left = new float[chunk];
        this.right = new float[chunk];
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
    }

    /**
     * Any thread: {@code r} runs on this thread each time it wakes to render, before the host's
     * events (the editor's on-screen keyboard posts its notes this way); {@code null} removes it.
     */
    void beforeRendering(Runnable r) {
        beforeRendering = r;
    }

    void start() {
        shared.setRenderAlive(true);
        thread.start();
    }

    /** Asks the thread to end and waits for it (bounded). Not on the render thread. */
    void stop() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shared.setRenderAlive(false);
    }

    @Override
    public void run() {
        // Java thread priorities mean nothing on Linux; the shim asks the kernel for real-time
        // scheduling of this thread, so that ordinary busy threads do not starve the render.
        if (PROMOTED_REPORTED.compareAndSet(false, true)) {
            int how = promoteFunction.invokeInt(new Object[0]);
            if (how < 2) {
                System.err.println("[SmallDataSetAudio] render thread runs without real-time priority ("
                        + (how == 1 ? "raised nice level only" : "not permitted") + "); dropouts are likelier"
                        + " on a busy machine (allow rtprio for this user to fix)");
            }
        } else {
            promoteFunction.invokeInt(new Object[0]);
        }
        instrument.allNotesOff();        // voices from before a restart must not ring on
        try {
            while (running) {
                waitFunction.invokeInt(waitArgs);
                if (running) {
                    renderUpToHost();
                }
            }
        } finally {
            shared.setRenderAlive(false);
        }
    }

    /** Renders instrument time [renderedUntil, knownUntil) in chunks, dispatching events on the way. */
    void renderUpToHost() {
        Runnable before = beforeRendering;
        if (before != null) {
            try {
                before.run();
            } catch (RuntimeException e) {
                reportOnce(e);
            }
        }
        long known = shared.knownUntil();
        long rendered = shared.renderedUntil();
        long audioWrite = shared.audioWrite();
        long eventRead = shared.eventRead();
        long eventWrite = shared.eventWrite();
        while (rendered < known && running) {
            long free = shared.audioCapacity() - (audioWrite - shared.audioRead());
            int frames = (int) Math.min(Math.min(known - rendered, chunk), free);
            if (frames <= 0) {
                break;                   // the audio thread is behind; it will wake us again
            }
            long end = rendered + frames;
            while (eventRead < eventWrite && shared.eventTime(eventRead) < end) {
                dispatch(eventRead, rendered);
                eventRead++;
            }
            shared.publishEventRead(eventRead);
            render(frames);
            shared.writeAudio(audioWrite, left, right, frames);
            audioWrite += frames;
            rendered = end;
            shared.publishRendered(audioWrite, rendered);
            if (eventWrite == eventRead) {
                eventWrite = shared.eventWrite();
            }
        }
    }

    private void dispatch(long position, long chunkStart) {
        int offset = (int) Math.max(0, shared.eventTime(position) - chunkStart);
        int index = shared.eventIndex(position);
        double value = shared.eventValue(position);
        try {
            switch (shared.eventKind(position)) {
                case SharedBlock.NOTE_ON -> instrument.noteOn(offset, index, (float) value);
                case SharedBlock.NOTE_OFF -> instrument.noteOff(offset, index);
                case SharedBlock.PARAMETER -> instrument.setParameter(offset, index, value);
                case SharedBlock.ALL_NOTES_OFF -> instrument.allNotesOff();
                default -> { }
            }
        } catch (RuntimeException e) {
            reportOnce(e);
        }
    }

    /** One render call; an instrument that throws plays silence instead of stopping time. */
    private void render(int frames) {
        if (!failed) {
            try {
                instrument.render(left, right, frames);
                return;
            } catch (RuntimeException | Error e) {
                reportOnce(e);
            }
        }
        Arrays.fill(left, 0, frames, 0f);
        Arrays.fill(right, 0, frames, 0f);
    }

    private void reportOnce(Throwable e) {
        if (!failed) {
            failed = true;
            System.err.println("[SmallDataSetAudio] the instrument failed on the render thread and now plays silence: "
                    + e);
            e.printStackTrace();
        }
    }
}
