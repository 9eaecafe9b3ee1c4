/*
 * A manual check in a second real host: plays notes on a VST3 bundle through Carla's own engine
 * (its "Dummy" driver: real-time paced blocks, no sound card or JACK) at 48 kHz, blocks of 256,
 * and reports the plugin's output peaks. Not part of the build: it needs Carla's standalone
 * library and headers, e.g. from Carla's source (main branch; Debian 12 has no Carla package):
 *
 *   cmake -S cmake -B build -DCARLA_ENABLE_JSFX=OFF && make -C build carla-standalone
 *   gcc -o carla-play carla-play.c -ISRC/source/backend -ISRC/source/includes \
 *       -Lbuild -lcarla_standalone2 -Wl,-rpath,build
 *   ./carla-play PATH/SmallDataSetAudio.vst3 build
 *
 * A note every 0.5 s for 10 s (keys 60-71, velocity 100, held 0.3 s). The second argument is the
 * folder of Carla's binaries.
 */
#include "CarlaHost.h"
#include <stdio.h>
#include <time.h>
#include <unistd.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: carla-play BUNDLE.vst3 CARLA_BINARIES_DIR\n"); return 1; }
    CarlaHostHandle h = carla_standalone_host_init();
    carla_set_engine_option(h, ENGINE_OPTION_PROCESS_MODE, ENGINE_PROCESS_MODE_CONTINUOUS_RACK, NULL);
    carla_set_engine_option(h, ENGINE_OPTION_AUDIO_BUFFER_SIZE, 256, NULL);
    carla_set_engine_option(h, ENGINE_OPTION_AUDIO_SAMPLE_RATE, 48000, NULL);
    carla_set_engine_option(h, ENGINE_OPTION_PATH_BINARIES, 0, argv[2]);
    carla_set_engine_option(h, ENGINE_OPTION_PATH_RESOURCES, 0, argv[2]);
    if (!carla_engine_init(h, "Dummy", "sda-carla-play")) { printf("engine init failed: %s\n", carla_get_last_error(h)); return 2; }
    printf("engine: Dummy, %u Hz, %u frames\n", (unsigned) carla_get_sample_rate(h), carla_get_buffer_size(h));
    double t0 = now();
    if (!carla_add_plugin(h, BINARY_NATIVE, PLUGIN_VST3, argv[1], NULL, NULL, 0, NULL, 0)) { printf("add plugin failed: %s\n", carla_get_last_error(h)); carla_engine_close(h); return 3; }
    printf("plugin added in %.2f s: %u plugin(s)\n", now() - t0, carla_get_current_plugin_count(h));
    carla_set_active(h, 0, true);
    double first = -1, heldMax = 0, silentMax = 0; int notes = 0, notesHeard = 0;
    double start = now();
    while (now() - start < 10.0) {
        double t = now() - start; int slot = (int)(t * 2); double inSlot = t * 2 - slot; /* a note every 0.5 s, held 0.3 s */
        static int lastOn = -1, lastOff = -1; static double slotMax = 0;
        if (slot != lastOn) { if (lastOn >= 0 && slotMax > 0.01) notesHeard++; slotMax = 0; carla_send_midi_note(h, 0, 0, 60 + slot % 12, 100); lastOn = slot; notes++; }
        if (inSlot > 0.6 && lastOff != slot) { carla_send_midi_note(h, 0, 0, 60 + slot % 12, 0); lastOff = slot; }
        carla_engine_idle(h);
        float p = carla_get_output_peak_value(h, 0, true); if (carla_get_output_peak_value(h, 0, false) > p) p = carla_get_output_peak_value(h, 0, false);
        if (p > 0.01 && first < 0) first = now() - t0;
        if (inSlot < 0.6) { if (p > heldMax) heldMax = p; if (p > slotMax) slotMax = p; } else if (inSlot > 0.95 && p > silentMax) silentMax = p;
        usleep(5000);
    }
    printf("notes sent %d, of the %d judged (at the next note) with output peak > 0.01: %d; max peak while held %.3f, max peak late in the gaps %.3f; first sound %.2f s after add_plugin\n",
           notes, notes - 1, notesHeard, heldMax, silentMax, first);
    carla_remove_all_plugins(h);
    carla_engine_close(h);
    return 0;
}
