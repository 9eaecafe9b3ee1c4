/*
 * VST3 ABI, processing group: IAudioProcessor, IProcessContextRequirements, process data, events
 * (IEventList) and parameter changes (IParameterChanges, IParamValueQueue).
 */
#ifndef SDA_VST3_PROCESSOR_H
#define SDA_VST3_PROCESSOR_H

#include "vst3_base.h"

typedef uint64_t v3_speaker_arrangement;
enum { V3_SPEAKER_L = 1 << 0, V3_SPEAKER_R = 1 << 1 };
#define V3_ARRANGEMENT_STEREO ((v3_speaker_arrangement)(V3_SPEAKER_L | V3_SPEAKER_R))

enum { V3_REALTIME = 0, V3_PREFETCH = 1, V3_OFFLINE = 2 };          /* ProcessModes */
enum { V3_SAMPLE_32 = 0, V3_SAMPLE_64 = 1 };                         /* SymbolicSampleSizes */

struct v3_process_setup {                                            /* ProcessSetup */
    int32_t process_mode;
    int32_t symbolic_sample_size;
    int32_t max_samples_per_block;
    double sample_rate;
};

struct v3_audio_bus_buffers {                                        /* AudioBusBuffers */
    int32_t num_channels;
    uint64_t silence_flags;                                          /* bit per channel: 1 = silent */
    union {
        float **channels32;
        double **channels64;
    };
};

struct v3_process_context {                                          /* ProcessContext */
    uint32_t state;
    double sample_rate;
    int64_t project_time_samples;
    int64_t system_time;
    int64_t continuous_time_samples;
    double project_time_music;
    double bar_position_music;
    double cycle_start_music;
    double cycle_end_music;
    double tempo;
    int32_t time_sig_numerator;
    int32_t time_sig_denominator;
    uint8_t chord_key_note;
    uint8_t chord_root_note;
    int16_t chord_mask;
    int32_t smpte_offset_subframes;
    uint32_t frame_rate_fps;
    uint32_t frame_rate_flags;
    int32_t samples_to_next_clock;
};

/* ---- IParamValueQueue, IParameterChanges ---------------------------------------------- */

struct v3_param_value_queue {
    struct v3_funknown unknown;
    v3_param_id (*get_parameter_id)(void *self);
    int32_t (*get_point_count)(void *self);
    v3_result (*get_point)(void *self, int32_t index, int32_t *sample_offset, double *value);
    v3_result (*add_point)(void *self, int32_t sample_offset, double value, int32_t *index);
};
static const v3_tuid v3_param_value_queue_iid = V3_ID(0x01263A18, 0xED074F6F, 0x98C9D356, 0x4686F9BA);

struct v3_parameter_changes {
    struct v3_funknown unknown;
    int32_t (*get_parameter_count)(void *self);
    struct v3_param_value_queue **(*get_parameter_data)(void *self, int32_t index);
    struct v3_param_value_queue **(*add_parameter_data)(void *self, const v3_param_id *id, int32_t *index);
};
static const v3_tuid v3_parameter_changes_iid = V3_ID(0xA4779663, 0x0BB64A56, 0xB44384A8, 0x466FEB9D);

/* ---- Events, IEventList --------------------------------------------------------------- */

enum {
    V3_EVENT_NOTE_ON = 0,
    V3_EVENT_NOTE_OFF = 1,
    V3_EVENT_DATA = 2,
    V3_EVENT_POLY_PRESSURE = 3,
    V3_EVENT_NOTE_EXPRESSION_VALUE = 4,
    V3_EVENT_NOTE_EXPRESSION_TEXT = 5,
    V3_EVENT_CHORD = 6,
    V3_EVENT_SCALE = 7,
    V3_EVENT_LEGACY_MIDI_CC_OUT = 65535
};

struct v3_note_on_event {
    int16_t channel;
    int16_t pitch;                      /* MIDI key 0..127 */
    float tuning;                       /* cents */
    float velocity;                     /* 0..1 */
    int32_t length;
    int32_t note_id;
};

struct v3_note_off_event {
    int16_t channel;
    int16_t pitch;
    float velocity;
    int32_t note_id;
    float tuning;
};

struct v3_event {                                                    /* Event */
    int32_t bus_index;
    int32_t sample_offset;
    double ppq_position;
    uint16_t flags;
    uint16_t type;
    union {
        struct v3_note_on_event note_on;
        struct v3_note_off_event note_off;
        struct { uint32_t size; uint32_t type; const uint8_t *bytes; } data;
        struct { uint32_t type_id; int32_t note_id; uint32_t text_len; const v3_char16 *text; } expression_text;
        uint8_t largest[24];
    };
};

struct v3_event_list {
    struct v3_funknown unknown;
    int32_t (*get_event_count)(void *self);
    v3_result (*get_event)(void *self, int32_t index, struct v3_event *event);
    v3_result (*add_event)(void *self, struct v3_event *event);
};
static const v3_tuid v3_event_list_iid = V3_ID(0x3A2C4214, 0x346349FE, 0xB2C4F397, 0xB9695A44);

/* ---- ProcessData ---------------------------------------------------------------------- */

struct v3_process_data {                                             /* ProcessData */
    int32_t process_mode;
    int32_t symbolic_sample_size;
    int32_t num_samples;                /* 0: a parameter flush, no audio */
    int32_t num_inputs;
    int32_t num_outputs;
    struct v3_audio_bus_buffers *inputs;
    struct v3_audio_bus_buffers *outputs;
    struct v3_parameter_changes **input_parameter_changes;
    struct v3_parameter_changes **output_parameter_changes;
    struct v3_event_list **input_events;
    struct v3_event_list **output_events;
    struct v3_process_context *context;
};

/* ---- IAudioProcessor, IProcessContextRequirements ------------------------------------- */

struct v3_audio_processor {
    struct v3_funknown unknown;
    v3_result (*set_bus_arrangements)(void *self, v3_speaker_arrangement *inputs, int32_t num_inputs,
                                      v3_speaker_arrangement *outputs, int32_t num_outputs);
    v3_result (*get_bus_arrangement)(void *self, int32_t direction, int32_t index, v3_speaker_arrangement *arr);
    v3_result (*can_process_sample_size)(void *self, int32_t symbolic_sample_size);
    uint32_t (*get_latency_samples)(void *self);
    v3_result (*setup_processing)(void *self, struct v3_process_setup *setup);
    v3_result (*set_processing)(void *self, v3_bool state);
    v3_result (*process)(void *self, struct v3_process_data *data);
    uint32_t (*get_tail_samples)(void *self);
};
static const v3_tuid v3_audio_processor_iid = V3_ID(0x42043F99, 0xB7DA453C, 0xA569E79D, 0x9AAEC33D);

struct v3_process_context_requirements {
    struct v3_funknown unknown;
    uint32_t (*get_process_context_requirements)(void *self);
};
static const v3_tuid v3_process_context_requirements_iid =
    V3_ID(0x2A654303, 0xEF764E3D, 0x95B5FE83, 0x730EF6D0);

static_assert(sizeof(struct v3_process_setup) == 24, "ProcessSetup");
static_assert(offsetof(struct v3_process_setup, sample_rate) == 16, "ProcessSetup::sampleRate");
static_assert(sizeof(struct v3_audio_bus_buffers) == 24, "AudioBusBuffers");
static_assert(offsetof(struct v3_audio_bus_buffers, silence_flags) == 8, "AudioBusBuffers::silenceFlags");
static_assert(offsetof(struct v3_audio_bus_buffers, channels32) == 16, "AudioBusBuffers::channelBuffers32");
static_assert(offsetof(struct v3_process_data, inputs) == 24, "ProcessData::inputs");
static_assert(offsetof(struct v3_process_data, input_events) == 56, "ProcessData::inputEvents");
static_assert(sizeof(struct v3_process_data) == 80, "ProcessData");
static_assert(offsetof(struct v3_process_context, tempo) == 72, "ProcessContext::tempo");
static_assert(offsetof(struct v3_process_context, samples_to_next_clock) == 104, "ProcessContext::samplesToNextClock");
static_assert(sizeof(struct v3_process_context) == 112, "ProcessContext");
static_assert(offsetof(struct v3_event, type) == 18, "Event::type");
static_assert(offsetof(struct v3_event, note_on) == 24, "Event union");
static_assert(sizeof(struct v3_event) == 48, "Event");
static_assert(sizeof(struct v3_note_on_event) == 20, "NoteOnEvent");
static_assert(sizeof(struct v3_note_off_event) == 16, "NoteOffEvent");
static_assert(sizeof(struct v3_audio_processor) == 11 * sizeof(void *), "IAudioProcessor slots");
static_assert(sizeof(struct v3_param_value_queue) == 7 * sizeof(void *), "IParamValueQueue slots");
static_assert(sizeof(struct v3_parameter_changes) == 6 * sizeof(void *), "IParameterChanges slots");
static_assert(sizeof(struct v3_event_list) == 6 * sizeof(void *), "IEventList slots");

#endif
