/*
 * The objects a host hands to a plugin: a memory IBStream (optionally moving data in small
 * chunks, as some hosts' streams do), an IEventList, IParameterChanges with their queues, and an
 * empty host context. Plain C structs with a vtable pointer first, as the ABI wants.
 */
#include <stdlib.h>
#include <string.h>

#include "host.h"

v3_result host_no_interface(void *self, const v3_tuid iid, void **obj)
{
    (void)self;
    (void)iid;
    if (obj != NULL) {
        *obj = NULL;
    }
    return V3_NO_INTERFACE;
}

uint32_t host_static_ref(void *self)
{
    (void)self;
    return 1;
}

/* ---- IBStream ------------------------------------------------------------------------------ */

static v3_result stream_read(void *self, void *buffer, int32_t n, int32_t *done)
{
    struct host_stream *s = self;
    if (buffer == NULL || n < 0) {
        return V3_INVALID_ARG;
    }
    int64_t left = s->size - s->pos;
    int64_t take = n < left ? n : left;
    if (s->max_chunk > 0 && take > s->max_chunk) {
        take = s->max_chunk;
    }
    if (take > 0) {
        memcpy(buffer, s->data + s->pos, (size_t)take);
    }
    s->pos += take;
    if (done != NULL) {
        *done = (int32_t)take;
    }
    return V3_OK;
}

static v3_result stream_write(void *self, void *buffer, int32_t n, int32_t *done)
{
    struct host_stream *s = self;
    if (buffer == NULL || n < 0) {
        return V3_INVALID_ARG;
    }
    int32_t take = s->max_chunk > 0 && n > s->max_chunk ? s->max_chunk : n;
    if (s->pos + take > s->capacity) {
        int64_t cap = (s->pos + take) * 2 + 64;
        uint8_t *bigger = realloc(s->data, (size_t)cap);
        if (bigger == NULL) {
            return V3_OUT_OF_MEMORY;
        }
        s->data = bigger;
        s->capacity = cap;
    }
    memcpy(s->data + s->pos, buffer, (size_t)take);
    s->pos += take;
    if (s->pos > s->size) {
        s->size = s->pos;
    }
    if (done != NULL) {
        *done = take;
    }
    return V3_OK;
}

static v3_result stream_seek(void *self, int64_t pos, int32_t mode, int64_t *result)
{
    struct host_stream *s = self;
    int64_t base = mode == V3_SEEK_SET ? 0 : mode == V3_SEEK_CUR ? s->pos : s->size;
    if (base + pos < 0 || base + pos > s->size) {
        return V3_INVALID_ARG;
    }
    s->pos = base + pos;
    if (result != NULL) {
        *result = s->pos;
    }
    return V3_OK;
}

static v3_result stream_tell(void *self, int64_t *pos)
{
    struct host_stream *s = self;
    if (pos == NULL) {
        return V3_INVALID_ARG;
    }
    *pos = s->pos;
    return V3_OK;
}

static const struct v3_bstream stream_vtable = {
    { host_no_interface, host_static_ref, host_static_ref }, stream_read, stream_write, stream_seek, stream_tell
};

void host_stream_init(struct host_stream *s, const void *data, int64_t size)
{
    memset(s, 0, sizeof *s);
    s->vtable = &stream_vtable;
    if (size > 0) {
        s->data = malloc((size_t)size);
        memcpy(s->data, data, (size_t)size);
        s->size = s->capacity = size;
    }
}

void host_stream_free(struct host_stream *s)
{
    free(s->data);
    memset(s, 0, sizeof *s);
}

/* ---- IEventList ------------------------------------------------------------------------ */

static int32_t events_count(void *self)
{
    return ((struct host_events *)self)->count;
}

static v3_result events_get(void *self, int32_t index, struct v3_event *event)
{
    struct host_events *e = self;
    if (event == NULL || index < 0 || index >= e->count) {
        return V3_INVALID_ARG;
    }
    *event = e->events[index];
    return V3_OK;
}

static v3_result events_add(void *self, struct v3_event *event)
{
    struct host_events *e = self;
    if (event == NULL || e->count >= HOST_MAX_EVENTS) {
        return V3_INVALID_ARG;
    }
    e->events[e->count++] = *event;
    return V3_OK;
}

static const struct v3_event_list events_vtable = {
    { host_no_interface, host_static_ref, host_static_ref }, events_count, events_get, events_add
};

void host_events_init(struct host_events *e)
{
    e->vtable = &events_vtable;
    e->count = 0;
}

void host_events_note(struct host_events *e, int on, int32_t offset, int16_t pitch, float velocity)
{
    struct v3_event ev;
    memset(&ev, 0, sizeof ev);
    ev.sample_offset = offset;
    ev.type = on ? V3_EVENT_NOTE_ON : V3_EVENT_NOTE_OFF;
    if (on) {
        ev.note_on.pitch = pitch;
        ev.note_on.velocity = velocity;
        ev.note_on.note_id = -1;
    } else {
        ev.note_off.pitch = pitch;
        ev.note_off.velocity = velocity;
        ev.note_off.note_id = -1;
    }
    events_add(e, &ev);
}

/* ---- IParameterChanges, IParamValueQueue -------------------------------------------------- */

static v3_param_id queue_id(void *self) { return ((struct host_queue *)self)->id; }
static int32_t queue_count(void *self) { return ((struct host_queue *)self)->count; }

static v3_result queue_point(void *self, int32_t index, int32_t *offset, double *value)
{
    struct host_queue *q = self;
    if (offset == NULL || value == NULL || index < 0 || index >= q->count) {
        return V3_INVALID_ARG;
    }
    *offset = q->offsets[index];
    *value = q->values[index];
    return V3_OK;
}

static v3_result queue_add(void *self, int32_t offset, double value, int32_t *index)
{
    struct host_queue *q = self;
    if (q->count >= HOST_MAX_POINTS) {
        return V3_INVALID_ARG;
    }
    q->offsets[q->count] = offset;
    q->values[q->count] = value;
    if (index != NULL) {
        *index = q->count;
    }
    q->count++;
    return V3_OK;
}

static const struct v3_param_value_queue queue_vtable = {
    { host_no_interface, host_static_ref, host_static_ref }, queue_id, queue_count, queue_point, queue_add
};

static int32_t changes_count(void *self) { return ((struct host_changes *)self)->count; }

static struct v3_param_value_queue **changes_data(void *self, int32_t index)
{
    struct host_changes *c = self;
    return index >= 0 && index < c->count ? (struct v3_param_value_queue **)&c->queues[index] : NULL;
}

static struct v3_param_value_queue **changes_add_data(void *self, const v3_param_id *id, int32_t *index)
{
    struct host_changes *c = self;
    if (id == NULL || c->count >= HOST_MAX_QUEUES) {
        return NULL;
    }
    struct host_queue *q = &c->queues[c->count];
    q->vtable = &queue_vtable;
    q->id = *id;
    q->count = 0;
    if (index != NULL) {
        *index = c->count;
    }
    c->count++;
    return (struct v3_param_value_queue **)q;
}

static const struct v3_parameter_changes changes_vtable = {
    { host_no_interface, host_static_ref, host_static_ref }, changes_count, changes_data, changes_add_data
};

void host_changes_init(struct host_changes *c)
{
    c->vtable = &changes_vtable;
    c->count = 0;
}

void host_changes_add(struct host_changes *c, v3_param_id id, int32_t offset, double value)
{
    for (int32_t i = 0; i < c->count; i++) {
        if (c->queues[i].id == id) {
            queue_add(&c->queues[i], offset, value, NULL);
            return;
        }
    }
    struct v3_param_value_queue **q = changes_add_data(c, &id, NULL);
    if (q != NULL) {
        queue_add(q, offset, value, NULL);
    }
}

/* ---- Host context ------------------------------------------------------------------------- */

static const struct v3_funknown context_vtable = { host_no_interface, host_static_ref, host_static_ref };
static const struct v3_funknown *context_object = &context_vtable;
struct v3_funknown **host_context = (struct v3_funknown **)&context_object;
