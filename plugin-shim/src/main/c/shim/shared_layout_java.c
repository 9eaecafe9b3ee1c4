/*
 * Writes the Java mirror of shared.h (org.sda.engine.bridge.SharedLayout): every offset, size and
 * constant the Java side of the shared block uses, computed by this compiler from the header the
 * shim itself is built with. The engine's bridge module compiles and runs this at build time, so
 * the two sides have one definition.
 *
 * usage: shared_layout_java OUTPUT.java
 */
#include <stdio.h>
#include "shared.h"

#define FIELD(java, member) \
    fprintf(out, "    /** offsetof(struct sda_shared, " #member ") */\n    public static final int " java " = %zu;\n", \
            offsetof(struct sda_shared, member))
#define EVENT_FIELD(java, member) \
    fprintf(out, "    /** offsetof(struct sda_event, " #member ") */\n    public static final int " java " = %zu;\n", \
            offsetof(struct sda_event, member))
#define CONSTANT(java, value) \
    fprintf(out, "    /** " #value " */\n    public static final int " java " = %lld;\n", (long long) (value))

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT.java\n", argv[0]);
        return 2;
    }
    FILE *out = fopen(argv[1], "w");
    if (out == NULL) {
        perror(argv[1]);
        return 1;
    }
    fprintf(out, "package org.sda.engine.bridge;\n\n");
    fprintf(out, "/**\n * The layout of the shim's {@code struct sda_shared} (plugin-shim's {@code shared.h}), generated at\n"
                 " * build time by compiling that header: do not edit. Offsets are in bytes from the block's start.\n */\n");
    fprintf(out, "public final class SharedLayout {\n\n    private SharedLayout() {\n    }\n\n");
    CONSTANT("MAGIC", SDA_SHARED_MAGIC);
    CONSTANT("VERSION", SDA_SHARED_VERSION);
    CONSTANT("AUDIO_CAPACITY", SDA_AUDIO_CAPACITY);
    CONSTANT("EVENT_CAPACITY", SDA_EVENT_CAPACITY);
    CONSTANT("NOTE_ON", SDA_EVENT_NOTE_ON);
    CONSTANT("NOTE_OFF", SDA_EVENT_NOTE_OFF);
    CONSTANT("PARAMETER", SDA_EVENT_PARAMETER);
    CONSTANT("ALL_NOTES_OFF", SDA_EVENT_ALL_NOTES_OFF);
    FIELD("MAGIC_OFF", magic);
    FIELD("VERSION_OFF", version);
    FIELD("AUDIO_CAPACITY_OFF", audio_capacity);
    FIELD("EVENT_CAPACITY_OFF", event_capacity);
    FIELD("SAMPLE_RATE_OFF", sample_rate);
    FIELD("MAX_BLOCK_OFF", max_block);
    FIELD("LATENCY_OFF", latency);
    FIELD("EVENT_WRITE_OFF", event_write);
    FIELD("AUDIO_READ_OFF", audio_read);
    FIELD("KNOWN_UNTIL_OFF", known_until);
    FIELD("WAKE_SEQ_OFF", wake_seq);
    FIELD("OFFLINE_WAITING_OFF", offline_waiting);
    FIELD("EVENT_READ_OFF", event_read);
    FIELD("AUDIO_WRITE_OFF", audio_write);
    FIELD("RENDERED_UNTIL_OFF", rendered_until);
    FIELD("RENDER_WAITING_OFF", render_waiting);
    FIELD("DONE_SEQ_OFF", done_seq);
    FIELD("SEEN_SEQ_OFF", seen_seq);
    FIELD("RENDER_ALIVE_OFF", render_alive);
    FIELD("BLOCKS_OFF", blocks);
    FIELD("UNDERRUNS_OFF", underruns);
    FIELD("UNDERRUN_FRAMES_OFF", underrun_frames);
    FIELD("EVENTS_DROPPED_OFF", events_dropped);
    FIELD("OFFLINE_TIMEOUTS_OFF", offline_timeouts);
    FIELD("MAX_PROCESS_NS_OFF", max_process_ns);
    FIELD("EVENTS_OFF", events);
    FIELD("LEFT_OFF", left);
    FIELD("RIGHT_OFF", right);
    CONSTANT("SIZE", sizeof(struct sda_shared));
    CONSTANT("EVENT_SIZE", sizeof(struct sda_event));
    EVENT_FIELD("EVENT_TIME_OFF", time);
    EVENT_FIELD("EVENT_KIND_OFF", kind);
    EVENT_FIELD("EVENT_INDEX_OFF", index);
    EVENT_FIELD("EVENT_VALUE_OFF", value);
    fprintf(out, "}\n");
    return fclose(out) == 0 ? 0 : 1;
}
