/*
 * The voice renderer (voices.h). Line for line the arithmetic of the Java VoiceEngine and Voice:
 * the same float and double steps in the same order, so that both render the same samples.
 * Compiled with -ffp-contract=off: no fused multiply-adds, as in Java.
 */
#include <math.h>
#include <string.h>
#include <time.h>

#include "voices.h"

#define MIN_RAMP_SECONDS 0.0007           /* shortest ramp of any stage: below a click, above a softening */
#define STEAL_FADE_SECONDS 0.003          /* how long a stolen voice takes to fade out */
#define MAX_VIBRATO_SEMITONES 0.5
#define VIBRATO_HZ 5.5
#define GAIN_SMOOTHING_SECONDS 0.005
#define TWO_PI (2 * 3.14159265358979323846)

/* ---- Parameters, as the Java ParameterValues reads them ---------------------------------- */

static const struct sda_param_def *param_def(uint32_t id)
{
    for (int i = 0; i < SDA_PARAM_COUNT; i++) {
        if (sda_param_table[i].id == id) {
            return &sda_param_table[i];
        }
    }
    return NULL;
}

static int param_slot(uint32_t id)
{
    for (int i = 0; i < SDA_PARAM_COUNT; i++) {
        if (sda_param_table[i].id == id) {
            return i;
        }
    }
    return -1;
}

/* InstrumentParameter.toPlain: clamped, discrete parameters on a step (Math.round: ties up). */
static double plain(const struct sda_voices *v, uint32_t id)
{
    int slot = param_slot(id);
    const struct sda_param_def *d = param_def(id);
    double n = v->normalized[slot];
    n = n < 0 ? 0 : n > 1 ? 1 : n;
    if (d->step_count > 0) {
        n = round(n * d->step_count) / (double)d->step_count;
    }
    return d->min + n * (d->max - d->min);
}

static int32_t integer(const struct sda_voices *v, uint32_t id)
{
    return (int32_t)round(plain(v, id));
}

static int on(const struct sda_voices *v, uint32_t id)
{
    return v->normalized[param_slot(id)] >= 0.5;
}

void sda_voices_set_parameter(struct sda_voices *v, int32_t id, double normalized)
{
    int slot = id < 0 ? -1 : param_slot((uint32_t)id);
    if (slot < 0 || normalized != normalized) {
        return;
    }
    v->normalized[slot] = normalized < 0.0 ? 0.0 : normalized > 1.0 ? 1.0 : normalized;
}

int32_t sda_voices_active(const struct sda_voices *v)
{
    int32_t n = 0;
    for (int i = 0; i < SDA_VOICE_COUNT; i++) {
        n += v->voices[i].stage != SDA_IDLE;
    }
    return n;
}

static void derive(struct sda_voices *v)
{
    double rate = v->sample_rate / 1000.0;
    double gain_db = plain(v, SDA_PARAM_ID_GAIN);
    v->gain_target = pow(10, gain_db / 20);
    /* Glide only while something sounds: a note that starts in silence starts at the gain set. */
    if (v->gain < 0 || sda_voices_active(v) == 0) {
        v->gain = v->gain_target;
    }
    v->attack_samples = plain(v, SDA_PARAM_ID_ATTACK) * rate;
    v->decay_samples = plain(v, SDA_PARAM_ID_DECAY) * rate;
    v->sustain = (float)(plain(v, SDA_PARAM_ID_SUSTAIN) / 100.0);
    v->release_samples = plain(v, SDA_PARAM_ID_RELEASE) * rate;
    v->keytrack = on(v, SDA_PARAM_ID_KEYTRACK);
    v->root = integer(v, SDA_PARAM_ID_ROOT_NOTE);
    v->bend_ratio = pow(2, plain(v, SDA_PARAM_ID_PITCH_BEND) / 12);
    v->vibrato_depth = plain(v, SDA_PARAM_ID_MOD_WHEEL) / 100.0 * MAX_VIBRATO_SEMITONES * (log(2) / 12);
    v->locked = on(v, SDA_PARAM_ID_VARIATION_LOCK);
    v->pool_size = integer(v, SDA_PARAM_ID_POOL_SIZE);
}

void sda_voices_init(struct sda_voices *v, double sample_rate, int32_t max_span, const double *normalized)
{
    memset(v, 0, sizeof *v);
    v->sample_rate = sample_rate;
    v->host_rate = (int32_t)llround(sample_rate);
    v->span = max_span < 1 ? 1 : max_span > SDA_VOICES_SPAN ? SDA_VOICES_SPAN : max_span;
    v->polyphony = SDA_POLYPHONY;
    v->min_ramp = fmax(1.0, MIN_RAMP_SECONDS * sample_rate);
    v->steal_fade = fmax(1.0, STEAL_FADE_SECONDS * sample_rate);
    v->gain_coefficient = 1 - exp(-1 / (GAIN_SMOOTHING_SECONDS * sample_rate));
    v->lfo_increment = TWO_PI * VIBRATO_HZ / sample_rate;
    v->gain = -1;
    for (int i = 0; i < SDA_PARAM_COUNT; i++) {
        v->normalized[i] = normalized != NULL ? normalized[i] : sda_param_table[i].default_normalized;
    }
    derive(v);
}

/* ---- One voice (Voice.java) ---------------------------------------------------------------- */

static int is_held(const struct sda_voice *x)
{
    return x->stage == SDA_ATTACK || x->stage == SDA_DECAY || x->stage == SDA_SUSTAIN;
}

static int is_counted(const struct sda_voice *x)
{
    return x->stage != SDA_IDLE && x->stage != SDA_STEAL;
}

static void voice_stop(struct sda_voice *x, const struct sda_supply *supply)
{
    if (x->stage != SDA_IDLE && x->handle >= 0 && supply != NULL && supply->let_go != NULL) {
        supply->let_go(supply->ctx, x->handle);
    }
    x->stage = SDA_IDLE;
    x->samples = NULL;
    x->handle = -1;
    x->level = 0;
}

void sda_voices_stop_all(struct sda_voices *v, const struct sda_supply *supply)
{
    for (int i = 0; i < SDA_VOICE_COUNT; i++) {
        voice_stop(&v->voices[i], supply);
    }
}

static void voice_start(struct sda_voice *x, const struct sda_sound *s, int32_t key, double ratio, float amplitude,
                        int64_t start_order)
{
    /* Two or more times faster: read the band-limited octave copy, at a ratio in [1, 2). */
    int octave = 0;
    double r = ratio;
    while (r >= 2.0 && octave < s->octaves - 1) {
        r *= 0.5;
        octave++;
    }
    x->samples = s->octave[octave];
    x->length = s->frames[octave];
    x->handle = s->handle;
    x->position = 0;
    x->ratio = r;
    x->amplitude = amplitude;
    x->key = key;
    x->start_order = start_order;
    x->level = 0;
    x->stage = SDA_ATTACK;
    x->step = 0;                          /* set by the first render from the current attack time */
}

static void voice_release(struct sda_voice *x, double release_samples, const struct sda_supply *supply)
{
    if (!is_held(x)) {
        return;
    }
    x->stage = SDA_RELEASE;
    x->step = (float)(x->level / release_samples);
    if (x->level <= 0) {
        voice_stop(x, supply);
    }
}

static void voice_steal(struct sda_voice *x, double fade_samples, const struct sda_supply *supply)
{
    if (x->stage == SDA_IDLE) {
        return;
    }
    x->stage = SDA_STEAL;
    x->step = (float)(x->level / fade_samples);
    if (x->level <= 0) {
        voice_stop(x, supply);
    }
}

static void voice_render(struct sda_voice *x, float *mix, const float *speed, int32_t frames,
                         const struct sda_voices *v, const struct sda_supply *supply)
{
    if (x->stage == SDA_IDLE) {
        return;
    }
    if (x->stage == SDA_ATTACK && x->step == 0) {
        x->step = (float)(1.0 / fmax(v->min_ramp, v->attack_samples));
    }
    const float *s = x->samples;
    const int32_t length = x->length;
    const float sustain = v->sustain;
    const float sustain_slew = (float)(1.0 / v->min_ramp);
    float level = x->level, step = x->step;
    double position = x->position;
    for (int32_t i = 0; i < frames; i++) {
        switch (x->stage) {
        case SDA_ATTACK:
            level += step;
            if (level >= 1.0f) {
                level = 1.0f;
                x->stage = SDA_DECAY;
                step = (float)((1.0 - sustain) / fmax(v->min_ramp, v->decay_samples));
            }
            break;
        case SDA_DECAY:
            level -= step;
            if (level <= sustain) {
                level = sustain;
                x->stage = SDA_SUSTAIN;
            }
            break;
        case SDA_SUSTAIN: {
            /* Follows a moving sustain parameter without stepping. */
            float d = sustain - level;
            float m = sustain_slew < d ? sustain_slew : d;
            level += -sustain_slew > m ? -sustain_slew : m;
            if (level <= 0.0f && sustain <= 0.0f) {
                voice_stop(x, supply);
                return;
            }
            break;
        }
        case SDA_RELEASE:
        case SDA_STEAL:
            level -= step;
            if (level <= 0.0f) {
                voice_stop(x, supply);
                return;
            }
            break;
        default:
            return;
        }
        int32_t index = (int32_t)position;
        if (index >= length) {
            voice_stop(x, supply);
            return;
        }
        float frac = (float)(position - index);
        float xm1 = index > 0 ? s[index - 1] : 0.0f;
        float x0 = s[index];
        float x1 = index + 1 < length ? s[index + 1] : 0.0f;
        float x2 = index + 2 < length ? s[index + 2] : 0.0f;
        /* 4-point, 3rd-order Hermite (Catmull-Rom) interpolation. */
        float c1 = 0.5f * (x1 - xm1);
        float c2 = xm1 - 2.5f * x0 + 2.0f * x1 - 0.5f * x2;
        float c3 = 0.5f * (x2 - xm1) + 1.5f * (x0 - x1);
        float value = ((c3 * frac + c2) * frac + c1) * frac + x0;
        mix[i] += value * level * x->amplitude;
        position += x->ratio * speed[i];
    }
    x->level = level;
    x->step = step;
    x->position = position;
}

/* ---- The engine (VoiceEngine.java) -------------------------------------------------------- */

/* Releasing voices go first, the quietest of them; otherwise the oldest voice. */
static int better_victim(const struct sda_voice *candidate, const struct sda_voice *current)
{
    int candidate_releasing = candidate->stage == SDA_RELEASE;
    int current_releasing = current->stage == SDA_RELEASE;
    if (candidate_releasing != current_releasing) {
        return candidate_releasing;
    }
    if (candidate_releasing && candidate->level != current->level) {
        return candidate->level < current->level;
    }
    return candidate->start_order < current->start_order;
}

static struct sda_voice *free_voice(struct sda_voices *v, const struct sda_supply *supply)
{
    int counted = 0;
    struct sda_voice *victim = NULL;
    for (int i = 0; i < SDA_VOICE_COUNT; i++) {
        struct sda_voice *x = &v->voices[i];
        if (is_counted(x)) {
            counted++;
            if (victim == NULL || better_victim(x, victim)) {
                victim = x;
            }
        }
    }
    if (counted >= v->polyphony && victim != NULL) {
        voice_steal(victim, v->steal_fade, supply);
        v->voices_stolen++;
    }
    struct sda_voice *quietest_fading = NULL;
    for (int i = 0; i < SDA_VOICE_COUNT; i++) {
        struct sda_voice *x = &v->voices[i];
        if (x->stage == SDA_IDLE) {
            return x;
        }
        if (x->stage == SDA_STEAL && (quietest_fading == NULL || x->level < quietest_fading->level)) {
            quietest_fading = x;
        }
    }
    /* Every spare voice is still fading from earlier steals (a burst within 3 ms): cut the quietest. */
    struct sda_voice *x = quietest_fading != NULL ? quietest_fading : &v->voices[0];
    voice_stop(x, supply);
    return x;
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);  /* vDSO: no system call; offline only anyway */
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Offline: waits, bounded, for a variation not played yet, then takes what there is. */
static int await_fresh(struct sda_voices *v, const struct sda_supply *supply, struct sda_sound *out)
{
    uint64_t start = now_ns();
    int got = supply->next(supply->ctx, v->locked, v->pool_size, 1, out);
    while (!got && supply->can_wait != NULL && supply->wait != NULL && supply->can_wait(supply->ctx)
           && now_ns() - start < SDA_VOICES_OFFLINE_WAIT_NS) {
        supply->wait(supply->ctx);
        got = supply->next(supply->ctx, v->locked, v->pool_size, 1, out);
    }
    return got || supply->next(supply->ctx, v->locked, v->pool_size, 0, out);
}

static void start_note(struct sda_voices *v, int32_t key, float velocity, const struct sda_supply *supply)
{
    struct sda_sound sound;
    int got = 0;
    if (supply != NULL && supply->next != NULL) {
        got = v->offline ? await_fresh(v, supply, &sound)
                         : supply->next(supply->ctx, v->locked, v->pool_size, 0, &sound);
    }
    if (!got) {
        v->notes_without_sound++;
        return;
    }
    double ratio = v->keytrack ? pow(2, (key - v->root) / 12.0) : 1.0;
    struct sda_voice *x = free_voice(v, supply);
    voice_start(x, &sound, key, ratio, velocity * velocity, v->note_counter++);
}

static void apply(struct sda_voices *v, const struct sda_voice_event *e, const struct sda_supply *supply)
{
    switch (e->kind) {
    case SDA_VOICE_NOTE_ON:
        if (!(e->value > 0)) {            /* velocity 0 is MIDI's note-off; NaN is nothing to play */
            struct sda_voice_event off = { e->offset, SDA_VOICE_NOTE_OFF, e->index, 0, 0.0 };
            apply(v, &off, supply);
        } else if (e->index >= 0 && e->index < 128) {
            start_note(v, e->index, (float)(e->value < 1.0 ? e->value : 1.0), supply);
        }
        break;
    case SDA_VOICE_NOTE_OFF:
        for (int i = 0; i < SDA_VOICE_COUNT; i++) {
            struct sda_voice *x = &v->voices[i];
            if (is_held(x) && x->key == e->index) {
                voice_release(x, fmax(v->min_ramp, v->release_samples), supply);
            }
        }
        break;
    case SDA_VOICE_ALL_NOTES_OFF:
        for (int i = 0; i < SDA_VOICE_COUNT; i++) {
            voice_release(&v->voices[i], fmax(v->min_ramp, v->release_samples), supply);
        }
        break;
    case SDA_VOICE_PARAMETER:
        sda_voices_set_parameter(v, e->index, e->value);
        derive(v);
        break;
    default:
        break;
    }
}

/* sin(x) for x >= 0 from + and * alone, step for step as VoiceEngine.sine: libm's sin and Java's
 * differ in the last bit now and then, and a vibrato that drifts by a bit changes which voice a
 * later note steals. Taylor series to x^13 on [-pi/2, pi/2]: error below 7e-10. */
static double sine(double x)
{
    const double pi = 3.14159265358979323846;
    while (x > pi) {
        x -= 2 * pi;
    }
    if (x > 0.5 * pi) {
        x = pi - x;
    } else if (x < -0.5 * pi) {
        x = -pi - x;
    }
    double x2 = x * x;
    return x * (1 + x2 * (-1.0 / 6 + x2 * (1.0 / 120 + x2 * (-1.0 / 5040 + x2 * (1.0 / 362880
        + x2 * (-1.0 / 39916800 + x2 * (1.0 / 6227020800.0)))))));
}

/* Per-sample playback speed shared by all voices: bend × vibrato. */
static void fill_speed(struct sda_voices *v, int32_t frames)
{
    if (v->vibrato_depth <= 0) {
        float s = (float)v->bend_ratio;
        for (int32_t i = 0; i < frames; i++) {
            v->speed[i] = s;
        }
        v->lfo_phase = 0;                 /* the next vibrato starts from the centre pitch */
        return;
    }
    double phase = v->lfo_phase;
    for (int32_t i = 0; i < frames; i++) {
        double x = v->vibrato_depth * sine(phase);
        /* e^x to second order: |x| <= 0.029, so the error is below 5e-6. */
        v->speed[i] = (float)(v->bend_ratio * (1 + x + 0.5 * x * x));
        phase += v->lfo_increment;
    }
    v->lfo_phase = fmod(phase, TWO_PI);
}

static int render_span(struct sda_voices *v, float *left, float *right, int32_t offset, int32_t frames,
                       const struct sda_supply *supply)
{
    memset(v->mix, 0, sizeof(float) * (size_t)frames);
    fill_speed(v, frames);
    int sounded = 0;
    for (int i = 0; i < SDA_VOICE_COUNT; i++) {
        struct sda_voice *x = &v->voices[i];
        if (x->stage != SDA_IDLE) {
            sounded = 1;
            voice_render(x, v->mix, v->speed, frames, v, supply);
        }
    }
    /* Nothing sounds: no need to glide, and a restored project starts exactly at its gain. */
    double g = v->gain < 0 || !sounded ? v->gain_target : v->gain;
    for (int32_t i = 0; i < frames; i++) {
        g += (v->gain_target - g) * v->gain_coefficient;
        float out = (float)(v->mix[i] * g);
        left[offset + i] = out;
        right[offset + i] = out;
    }
    v->gain = g;
    return sounded;
}

int sda_voices_render(struct sda_voices *v, float *left, float *right, int32_t frames,
                      const struct sda_voice_event *events, int32_t count, const struct sda_supply *supply)
{
    derive(v);
    int sounded = 0;
    int32_t e = 0;
    int32_t last = frames > 1 ? frames - 1 : 0;
    int32_t pos = 0;
    if (events == NULL) {
        count = 0;
    }
    do {
        while (e < count && (events[e].offset < 0 ? 0 : events[e].offset < last ? events[e].offset : last) <= pos) {
            apply(v, &events[e], supply);
            e++;
        }
        if (pos >= frames) {
            break;
        }
        int32_t next = frames;
        if (e < count) {
            int32_t o = events[e].offset < 0 ? 0 : events[e].offset;
            next = o < last ? o : last;
        }
        int32_t end = next < pos + v->span ? next : pos + v->span;
        sounded |= render_span(v, left, right, pos, end - pos, supply);
        pos = end;
    } while (pos < frames || e < count);
    return sounded;
}
