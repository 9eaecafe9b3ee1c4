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
#define TABLE_FIELD(java, member) \
    fprintf(out, "    /** offsetof(struct sda_pool_table, " #member ") */\n    public static final int " java " = %zu;\n", \
            offsetof(struct sda_pool_table, member))
#define VARIATION_FIELD(java, member) \
    fprintf(out, "    /** offsetof(struct sda_variation, " #member ") */\n    public static final int " java " = %zu;\n", \
            offsetof(struct sda_variation, member))
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
    CONSTANT("EVENT_CAPACITY", SDA_EVENT_CAPACITY);
    CONSTANT("NOTE_CAPACITY", SDA_NOTE_CAPACITY);
    CONSTANT("POOL_SLOTS", SDA_POOL_SLOTS);
    CONSTANT("VARIATION_HANDLES", SDA_VARIATION_HANDLES);
    CONSTANT("VARIATION_OCTAVES", SDA_VARIATION_OCTAVES);
    CONSTANT("MAX_VARIATION_FRAMES", SDA_MAX_VARIATION_FRAMES);
    CONSTANT("NOTE_ON", SDA_EVENT_NOTE_ON);
    CONSTANT("NOTE_OFF", SDA_EVENT_NOTE_OFF);
    CONSTANT("PARAMETER", SDA_EVENT_PARAMETER);
    CONSTANT("ALL_NOTES_OFF", SDA_EVENT_ALL_NOTES_OFF);
    FIELD("MAGIC_OFF", magic);
    FIELD("VERSION_OFF", version);
    FIELD("EVENT_CAPACITY_OFF", event_capacity);
    FIELD("POOL_SLOTS_OFF", pool_slots);
    FIELD("SAMPLE_RATE_OFF", sample_rate);
    FIELD("MAX_BLOCK_OFF", max_block);
    FIELD("VARIATION_HANDLES_OFF", variation_handles);
    FIELD("WAKE_SEQ_OFF", wake_seq);
    FIELD("JAVA_ALIVE_OFF", java_alive);
    FIELD("EVENT_WRITE_OFF", event_write);
    FIELD("POOL_SEEN_OFF", pool_seen);
    FIELD("NOTE_READ_OFF", note_read);
    FIELD("NOTE_WRITE_OFF", note_write);
    FIELD("NOTES_OFF", notes);
    FIELD("EVENT_READ_OFF", event_read);
    FIELD("POOL_GEN_OFF", pool_gen);
    FIELD("BLOCKS_OFF", blocks);
    FIELD("NOTES_WITHOUT_SOUND_OFF", notes_without_sound);
    FIELD("VOICES_STOLEN_OFF", voices_stolen);
    FIELD("EVENTS_DROPPED_OFF", events_dropped);
    FIELD("OFFLINE_WAITS_OFF", offline_waits);
    FIELD("MAX_PROCESS_NS_OFF", max_process_ns);
    FIELD("LATE_BLOCKS_OFF", late_blocks);
    FIELD("NOTES_PLAYED_OFF", notes_played);
    FIELD("LAST_PLAYED_OFF", last_played);
    FIELD("VOICES_USING_OFF", voices_using);
    FIELD("PLAYED_OFF", played);
    FIELD("TABLES_OFF", tables);
    FIELD("VARIATIONS_OFF", variations);
    FIELD("EVENTS_OFF", events);
    CONSTANT("SIZE", sizeof(struct sda_shared));
    CONSTANT("EVENT_SIZE", sizeof(struct sda_event));
    EVENT_FIELD("EVENT_TIME_OFF", time);
    EVENT_FIELD("EVENT_KIND_OFF", kind);
    EVENT_FIELD("EVENT_INDEX_OFF", index);
    EVENT_FIELD("EVENT_VALUE_OFF", value);
    CONSTANT("NOTE_SIZE", sizeof(struct sda_note));
    fprintf(out, "    /** offsetof(struct sda_note, key) */\n    public static final int NOTE_KEY_OFF = %zu;\n",
            offsetof(struct sda_note, key));
    fprintf(out, "    /** offsetof(struct sda_note, velocity) */\n    public static final int NOTE_VELOCITY_OFF = %zu;\n",
            offsetof(struct sda_note, velocity));
    CONSTANT("TABLE_SIZE", sizeof(struct sda_pool_table));
    TABLE_FIELD("TABLE_EPOCH_OFF", epoch);
    TABLE_FIELD("TABLE_FIRST_OFF", first);
    TABLE_FIELD("TABLE_CAN_WAIT_OFF", can_wait);
    TABLE_FIELD("TABLE_SLOTS_OFF", slots);
    CONSTANT("VARIATION_SIZE", sizeof(struct sda_variation));
    VARIATION_FIELD("VARIATION_ADDRESS_OFF", address);
    VARIATION_FIELD("VARIATION_FRAMES_OFF", frames);
    VARIATION_FIELD("VARIATION_OCTAVES_OFF", octaves);
    VARIATION_FIELD("VARIATION_RATE_OFF", rate);
    VARIATION_FIELD("VARIATION_INDEX_OFF", index);
    VARIATION_FIELD("VARIATION_EPOCH_OFF", epoch);
    fprintf(out, "}\n");
    return fclose(out) == 0 ? 0 : 1;
}
