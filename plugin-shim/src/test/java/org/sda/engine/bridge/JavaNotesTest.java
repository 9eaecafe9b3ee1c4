package org.sda.engine.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import com.sun.jna.Pointer;

import org.junit.jupiter.api.Test;

/**
 * Notes Java plays (the editor's on-screen keyboard, through {@link PluginBridge#playNote}) reach
 * the shim's renderer through the shared block's note ring: the bridge's {@link SharedBlock} posts
 * them, the renderer (libsda-voices.so, the plugin's own code through JNA) starts them at the
 * beginning of its next block, in the order played, and a velocity of 0 releases them.
 */
class JavaNotesTest {

    @Test
    void aNotePostedFromJavaSoundsFromTheNextBlocksFirstSampleAndItsNoteOffReleasesIt() {
        VoicesLibrary voices = VoicesLibrary.load();
        Pointer c = voices.sda_voices_api_new(48000, 256);
        try {
            float[] sound = new float[48000];
            Arrays.fill(sound, 0.5f);
            assertThat(voices.sda_voices_api_add(c, sound, new int[] {sound.length}, 1, 0)).isZero();
            SharedBlock shared = new SharedBlock(voices.sda_voices_api_shared(c));
            float[] left = new float[64], right = new float[64];

            assertThat(voices.sda_voices_api_render(c, left, right, 64, null, null, null, null, 0)).isZero();
            assertThat(shared.postNote(60, 1f)).isTrue();
            voices.sda_voices_api_render(c, left, right, 64, null, null, null, null, 0);

            assertThat(left[0]).as("sounds from the block's first sample").isNotZero();
            assertThat(voices.sda_voices_api_active(c)).isEqualTo(1);

            // On and off of another key before a block, in that order: at one instant, so it never
            // sounds (as in the Java engine); in the other order it would be held.
            assertThat(shared.postNote(64, 1f)).isTrue();
            assertThat(shared.postNote(64, 0f)).isTrue();
            assertThat(shared.postNote(60, 0f)).isTrue();
            voices.sda_voices_api_render(c, left, right, 64, null, null, null, null, 0);
            assertThat(voices.sda_voices_api_active(c)).as("60 releasing, 64 on and off at once").isEqualTo(1);
            for (int block = 0; block < 200; block++) {       // 267 ms: past the 200 ms release
                voices.sda_voices_api_render(c, left, right, 64, null, null, null, null, 0);
            }
            assertThat(voices.sda_voices_api_active(c)).isZero();
            assertThat(left[63]).isZero();
        } finally {
            voices.sda_voices_api_free(c);
        }
    }

    @Test
    void theRendererNamesTheVariationEachNewNoteTookForTheEditor() {
        VoicesLibrary voices = VoicesLibrary.load();
        Pointer c = voices.sda_voices_api_new(48000, 256);
        try {
            float[] sound = new float[4800];
            Arrays.fill(sound, 0.5f);
            int h0 = voices.sda_voices_api_add(c, sound, new int[] {sound.length}, 1, 0);
            int h1 = voices.sda_voices_api_add(c, sound, new int[] {sound.length}, 1, 1);
            assertThat(h0).isNotNegative().isNotEqualTo(h1);
            SharedBlock shared = new SharedBlock(voices.sda_voices_api_shared(c));
            float[] left = new float[64], right = new float[64];
            voices.sda_voices_api_render(c, left, right, 64, null, null, null, null, 0);
            long before = shared.notesPlayed();

            shared.postNote(60, 1f);
            voices.sda_voices_api_render(c, left, right, 64, null, null, null, null, 0);
            assertThat(shared.notesPlayed()).isEqualTo(before + 1);
            assertThat(shared.lastPlayed()).as("the seed's variation 0 first").isEqualTo(h0);

            shared.postNote(62, 1f);
            voices.sda_voices_api_render(c, left, right, 64, null, null, null, null, 0);
            assertThat(shared.notesPlayed()).isEqualTo(before + 2);
            assertThat(shared.lastPlayed()).isEqualTo(h1);
        } finally {
            voices.sda_voices_api_free(c);
        }
    }
}
