/*
 * The real-time voice renderer: note and parameter events at sample offsets in, a mono mix spread
 * to stereo out. The C twin of the Java engine's VoiceEngine and Voice (engine/instrument), kept
 * to the same arithmetic, in the same order and precision, so that the two render the same
 * samples (the parity test holds them to it):
 *
 *   - 16 voices counted against the polyphony, 32 in all: every counted voice can have a stolen
 *     one fading out beside it (3 ms), so stealing never clicks;
 *   - amplitude = velocity²; a linear ADSR whose every ramp lasts at least 0.7 ms;
 *   - keytracking around the root note: ratio 2^((key - root) / 12), read with 4-point Hermite
 *     interpolation, from the band-limited octave copy when the ratio is 2 or more;
 *   - pitch bend (±2 semitones) and mod-wheel vibrato (5.5 Hz, up to ±0.5 semitone) on every voice;
 *   - gain in dB, glided over about 5 ms while something sounds;
 *   - the variation lock and pool size reach the supply with every note-on.
 *
 * Threads: one renderer belongs to one audio thread. Nothing here allocates, locks or makes a
 * system call, except the supply's offline wait (bounces only). All state lives in the struct,
 * sized at compile time for spans of up to SDA_VOICES_SPAN frames.
 */
#ifndef SDA_VOICES_H
#define SDA_VOICES_H

#include <stdint.h>

#include "params.h"

#define SDA_POLYPHONY 16
#define SDA_VOICE_COUNT (2 * SDA_POLYPHONY)
#define SDA_VOICES_SPAN 4096              /* frames rendered in one go; longer blocks are split */
#define SDA_MAX_OCTAVES 4                 /* the samples and three band-limited octave copies */
#define SDA_VOICES_OFFLINE_WAIT_NS 30000000000ull  /* a bounce's note waits this long for a fresh variation */

enum sda_voice_event_kind {
    SDA_VOICE_NOTE_ON = 1,                /* index: key; value: velocity 0..1 (0 or NaN: a note-off) */
    SDA_VOICE_NOTE_OFF = 2,               /* index: key */
    SDA_VOICE_PARAMETER = 3,              /* index: parameter id; value: normalized 0..1 */
    SDA_VOICE_ALL_NOTES_OFF = 4
};

/* Events of one block; a render call takes them sorted by offset (equal offsets in host order). */
struct sda_voice_event {
    int32_t offset;
    int32_t kind;
    int32_t index;
    int32_t pad;
    double value;
};

/* What a note plays: a variation's samples and its octave copies, and the supply's handle of it. */
struct sda_sound {
    const float *octave[SDA_MAX_OCTAVES];
    int32_t frames[SDA_MAX_OCTAVES];
    int32_t octaves;                      /* 1..SDA_MAX_OCTAVES */
    int32_t handle;                       /* given back through let_go when the voice stops */
};

/*
 * Where note-ons get their sound. Every function is called on the audio thread and must keep to
 * its contract (no allocation, lock or system call), except `wait`, called only offline.
 */
struct sda_supply {
    void *ctx;
    /* The variation the next note plays; 0 when none is ready. fresh: only one not played yet. */
    int (*next)(void *ctx, int locked, int32_t pool_size, int fresh, struct sda_sound *out);
    /* Whether waiting can bring a variation (generation is running and not failing). */
    int (*can_wait)(void *ctx);
    /* Offline only: sleeps about a millisecond and looks for newly published variations. */
    void (*wait)(void *ctx);
    /* A voice stopped playing `handle`. */
    void (*let_go)(void *ctx, int32_t handle);
};

enum sda_voice_stage { SDA_IDLE, SDA_ATTACK, SDA_DECAY, SDA_SUSTAIN, SDA_RELEASE, SDA_STEAL };

struct sda_voice {
    int32_t stage;
    int32_t key;
    const float *samples;
    int32_t length;
    int32_t handle;
    double position;
    double ratio;
    float amplitude;
    float level;
    float step;
    int64_t start_order;
};

struct sda_voices {
    double sample_rate;
    int32_t host_rate;                    /* the rate rounded to whole Hz: variations are made at it */
    int32_t span;                         /* frames per span, 1..SDA_VOICES_SPAN */
    int32_t polyphony;
    int32_t offline;                      /* a bounce: note-ons may wait, bounded, for fresh variations */
    double min_ramp;
    double steal_fade;
    double gain_coefficient;
    double lfo_increment;
    double normalized[SDA_PARAM_COUNT];

    double lfo_phase;
    double gain;                          /* smoothed linear gain; -1 until the first block */
    int64_t note_counter;

    /* Derived from the parameters at every block start and after every parameter event. */
    double gain_target;
    double attack_samples;
    double decay_samples;
    float sustain;
    double release_samples;
    int32_t keytrack;
    int32_t root;
    double bend_ratio;
    double vibrato_depth;                 /* ln units of frequency ratio */
    int32_t locked;
    int32_t pool_size;

    uint64_t notes_without_sound;         /* note-ons that found no variation ready */
    uint64_t voices_stolen;
    uint64_t events_dropped;              /* past a block's event capacity (processor.c) */

    struct sda_voice voices[SDA_VOICE_COUNT];
    float mix[SDA_VOICES_SPAN];
    float speed[SDA_VOICES_SPAN];
};

/* Not on the audio thread (or before it runs): every voice idle, parameters at `normalized`
 * (SDA_PARAM_COUNT values in table order; NULL for the defaults). `max_span` 1..SDA_VOICES_SPAN. */
void sda_voices_init(struct sda_voices *v, double sample_rate, int32_t max_span, const double *normalized);

/* Stops every voice at once, giving their sounds back to `supply` (may be NULL). */
void sda_voices_stop_all(struct sda_voices *v, const struct sda_supply *supply);

/* Sets a parameter between blocks (a restored state); normalized is clamped, NaN ignored. */
void sda_voices_set_parameter(struct sda_voices *v, int32_t id, double normalized);

/*
 * Renders `frames` samples into left and right (overwriting), applying `events` at their offsets
 * (offsets past the block apply at its last sample; with frames == 0 they all apply).
 * Returns 1 when any voice sounded in the block (0: the block is silence).
 */
int sda_voices_render(struct sda_voices *v, float *left, float *right, int32_t frames,
                      const struct sda_voice_event *events, int32_t count, const struct sda_supply *supply);

/* Voices sounding now, fading ones included. */
int32_t sda_voices_active(const struct sda_voices *v);

#endif
