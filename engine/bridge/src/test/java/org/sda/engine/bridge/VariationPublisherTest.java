package org.sda.engine.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import org.junit.jupiter.api.Test;
import org.sda.engine.instrument.VariationFeed;

/**
 * The publisher over a real native block laid out by {@link SharedLayout}, with this test playing
 * the audio thread's half of the protocol (shared.h): a table is published only once the audio
 * thread has taken the one before; published variations never change; a dropped variation's
 * memory is freed only after the audio thread has passed the table that dropped it and no voice
 * plays it; played marks and parameter changes reach the instrument; over-long variations are cut.
 */
class VariationPublisherTest {

    private static final int RATE = 48000;

    /** A variation of constant samples, so the copy in native memory can be checked. */
    private static final class TestSound implements VariationFeed.Sound {
        final float[][] octaves;
        final long index;
        boolean played;

        TestSound(int frames, float value, long index) {
            this.octaves = new float[][] {filled(frames, value), filled(frames / 2, value / 2)};
            this.index = index;
        }

        private static float[] filled(int n, float v) {
            float[] a = new float[n];
            Arrays.fill(a, v);
            return a;
        }

        @Override public float[] octave(int k) { return octaves[k]; }
        @Override public int octaveCount() { return octaves.length; }
        @Override public int sampleRate() { return RATE; }
        @Override public long index() { return index; }
        @Override public long epoch() { return 1; }
        @Override public void markPlayed() { played = true; }
    }

    private static final class TestFeed implements VariationFeed {
        final List<Sound> slots = new ArrayList<>();
        final double[] parameters = new double[32];

        @Override
        public Snapshot snapshot() {
            return new Snapshot(1, slots.isEmpty() ? null : slots.get(0), new ArrayList<>(slots), true);
        }

        Sound lastPlayed;
        long notes;

        @Override
        public void setParameter(int id, double normalized) {
            parameters[id] = normalized;
        }

        @Override
        public void notePlayed(Sound sound, long notes) {
            lastPlayed = sound;
            this.notes = notes;
        }
    }

    private static Memory block() {
        Memory m = new Memory(SharedLayout.SIZE);
        m.clear();
        m.setInt(SharedLayout.MAGIC_OFF, SharedLayout.MAGIC);
        m.setInt(SharedLayout.VERSION_OFF, SharedLayout.VERSION);
        m.setInt(SharedLayout.EVENT_CAPACITY_OFF, SharedLayout.EVENT_CAPACITY);
        m.setInt(SharedLayout.POOL_SLOTS_OFF, SharedLayout.POOL_SLOTS);
        m.setInt(SharedLayout.VARIATION_HANDLES_OFF, SharedLayout.VARIATION_HANDLES);
        m.setDouble(SharedLayout.SAMPLE_RATE_OFF, RATE);
        return m;
    }

    private static int slot(Memory m, long generation, int i) {
        return m.getInt(SharedLayout.TABLES_OFF + SharedLayout.TABLE_SIZE * (generation & 1)
                + SharedLayout.TABLE_SLOTS_OFF + 4L * i);
    }

    private static long address(Memory m, int h) {
        return m.getLong(SharedLayout.VARIATIONS_OFF + (long) SharedLayout.VARIATION_SIZE * h
                + SharedLayout.VARIATION_ADDRESS_OFF);
    }

    private static int frames(Memory m, int h, int k) {
        return m.getInt(SharedLayout.VARIATIONS_OFF + (long) SharedLayout.VARIATION_SIZE * h
                + SharedLayout.VARIATION_FRAMES_OFF + 4L * k);
    }

    @Test
    void tablesWaitForTheAudioThreadAndDroppedVariationsAreFreedOnlyWhenNoVoicePlaysThem() {
        Memory m = block();
        TestFeed feed = new TestFeed();
        VariationPublisher publisher = new VariationPublisher(new SharedBlock(m), feed, null, "test");
        TestSound a = new TestSound(1000, 0.25f, 0);
        TestSound b = new TestSound(2000, 0.5f, 1);
        feed.slots.add(a);
        feed.slots.add(b);

        publisher.round();
        assertThat(m.getLong(SharedLayout.POOL_GEN_OFF)).isEqualTo(1);
        int ha = slot(m, 1, 0), hb = slot(m, 1, 1);
        assertThat(ha).isNotNegative().isNotEqualTo(hb);
        assertThat(slot(m, 1, 2)).isEqualTo(-1);
        assertThat(frames(m, ha, 0)).isEqualTo(1000);
        assertThat(frames(m, ha, 1)).isEqualTo(500);
        Pointer samples = new Pointer(address(m, ha));
        assertThat(samples.getFloat(0)).isEqualTo(0.25f);
        assertThat(samples.getFloat(4L * 1000)).as("the octave copy follows the samples").isEqualTo(0.125f);

        // The audio thread takes generation 1, a note plays a: marked played, held by a voice.
        m.setLong(SharedLayout.POOL_SEEN_OFF, 1);
        m.setInt(SharedLayout.PLAYED_OFF + 4L * ha, 1);
        m.setInt(SharedLayout.VOICES_USING_OFF + 4L * ha, 1);
        publisher.round();
        assertThat(a.played).isTrue();
        assertThat(b.played).isFalse();

        // Generation refills a's slot; the table waits for nothing (seen == 1), a is dropped at 2.
        TestSound c = new TestSound(1500, 0.75f, 2);
        feed.slots.set(0, c);
        publisher.round();
        assertThat(m.getLong(SharedLayout.POOL_GEN_OFF)).isEqualTo(2);
        assertThat(slot(m, 2, 0)).isNotIn(ha, hb);
        assertThat(slot(m, 2, 1)).isEqualTo(hb);
        assertThat(address(m, ha)).as("the audio thread has not passed generation 2: a stays").isNotZero();

        // Another change must wait: the audio thread still reads generation 1's side.
        feed.slots.add(new TestSound(100, 0.1f, 3));
        publisher.round();
        assertThat(m.getLong(SharedLayout.POOL_GEN_OFF)).as("no table over one the audio thread may read").isEqualTo(2);

        // It takes generation 2; a voice still plays a: a stays, the waiting table goes out.
        m.setLong(SharedLayout.POOL_SEEN_OFF, 2);
        publisher.round();
        assertThat(m.getLong(SharedLayout.POOL_GEN_OFF)).isEqualTo(3);
        assertThat(address(m, ha)).as("a voice plays it").isNotZero();

        // The voice ends: a's memory is freed and its handle cleared.
        m.setInt(SharedLayout.VOICES_USING_OFF + 4L * ha, 0);
        publisher.round();
        assertThat(address(m, ha)).isZero();
        assertThat(publisher.handlesInUse()).isEqualTo(3);   // b, c, and the last one
        publisher.close();
    }

    @Test
    void theVariationTheNewestNoteTookReachesTheFeedOncePerNote() {
        Memory m = block();
        TestFeed feed = new TestFeed();
        VariationPublisher publisher = new VariationPublisher(new SharedBlock(m), feed, null, "test");
        TestSound a = new TestSound(1000, 0.25f, 0);
        TestSound b = new TestSound(2000, 0.5f, 1);
        feed.slots.add(a);
        feed.slots.add(b);
        m.setInt(SharedLayout.LAST_PLAYED_OFF, -1);
        publisher.round();
        assertThat(feed.lastPlayed).as("no note yet").isNull();
        int ha = slot(m, 1, 0), hb = slot(m, 1, 1);

        // Two notes in one round, as the shim writes them: the handle, then the count.
        m.setLong(SharedLayout.POOL_SEEN_OFF, 1);
        m.setInt(SharedLayout.LAST_PLAYED_OFF, ha);
        m.setLong(SharedLayout.NOTES_PLAYED_OFF, 1);
        m.setInt(SharedLayout.LAST_PLAYED_OFF, hb);
        m.setLong(SharedLayout.NOTES_PLAYED_OFF, 2);
        publisher.round();
        assertThat(feed.lastPlayed).isSameAs(b);
        assertThat(feed.notes).isEqualTo(2);

        // The same variation again (replayed when generation is behind) is a new note all the same.
        feed.lastPlayed = null;
        m.setLong(SharedLayout.NOTES_PLAYED_OFF, 3);
        publisher.round();
        assertThat(feed.lastPlayed).isSameAs(b);
        assertThat(feed.notes).isEqualTo(3);

        // No new note: nothing reported.
        feed.lastPlayed = null;
        publisher.round();
        assertThat(feed.lastPlayed).isNull();
        publisher.close();
    }

    @Test
    void parameterChangesFromTheAudioThreadReachTheInstrument() {
        Memory m = block();
        TestFeed feed = new TestFeed();
        VariationPublisher publisher = new VariationPublisher(new SharedBlock(m), feed, null, "test");
        for (int i = 0; i < 3; i++) {
            long at = SharedLayout.EVENTS_OFF + (long) SharedLayout.EVENT_SIZE * i;
            m.setInt(at + SharedLayout.EVENT_KIND_OFF, SharedLayout.PARAMETER);
            m.setInt(at + SharedLayout.EVENT_INDEX_OFF, 4 + i);
            m.setDouble(at + SharedLayout.EVENT_VALUE_OFF, 0.1 * (i + 1));
        }
        m.setLong(SharedLayout.EVENT_WRITE_OFF, 3);

        publisher.round();

        assertThat(feed.parameters[4]).isEqualTo(0.1);
        assertThat(feed.parameters[6]).isEqualTo(0.30000000000000004);
        assertThat(m.getLong(SharedLayout.EVENT_READ_OFF)).isEqualTo(3);
        publisher.close();
    }

    @Test
    void notesJavaPlaysQueueForTheAudioThreadUntilTheRingIsFull() {
        Memory m = block();
        SharedBlock shared = new SharedBlock(m);

        assertThat(shared.postNote(60, 0.8f)).isTrue();
        assertThat(shared.postNote(60, 0f)).isTrue();

        assertThat(m.getLong(SharedLayout.NOTE_WRITE_OFF)).isEqualTo(2);
        assertThat(m.getInt(SharedLayout.NOTES_OFF + SharedLayout.NOTE_KEY_OFF)).isEqualTo(60);
        assertThat(m.getFloat(SharedLayout.NOTES_OFF + SharedLayout.NOTE_VELOCITY_OFF)).isEqualTo(0.8f);
        assertThat(m.getFloat(SharedLayout.NOTES_OFF + SharedLayout.NOTE_SIZE + SharedLayout.NOTE_VELOCITY_OFF))
                .isZero();
        for (int i = 2; i < SharedLayout.NOTE_CAPACITY; i++) {
            assertThat(shared.postNote(i % 128, 0.5f)).isTrue();
        }
        assertThat(shared.postNote(1, 0.5f)).as("full: the audio thread has taken none").isFalse();
        m.setLong(SharedLayout.NOTE_READ_OFF, 1);       // the audio thread took one
        assertThat(shared.postNote(1, 0.5f)).isTrue();
        assertThat(m.getInt(SharedLayout.NOTES_OFF + SharedLayout.NOTE_KEY_OFF)).as("the slot taken is reused")
                .isEqualTo(1);
    }

    @Test
    void aVariationPastTheLengthCapIsCutWithAFade() {
        float[] longOne = new float[SharedLayout.MAX_VARIATION_FRAMES + 1000];
        Arrays.fill(longOne, 1f);

        float[] cut = VariationPublisher.cutWithFade(longOne, SharedLayout.MAX_VARIATION_FRAMES, RATE);

        assertThat(cut).hasSize(SharedLayout.MAX_VARIATION_FRAMES);
        assertThat(cut[cut.length - 1]).isZero();
        assertThat(cut[cut.length - 241]).isEqualTo(1f);
        assertThat(cut[0]).isEqualTo(1f);
    }
}
