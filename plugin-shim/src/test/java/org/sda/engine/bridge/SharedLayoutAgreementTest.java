package org.sda.engine.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge on this class path reads the shared block at the offsets of the header this shim is
 * built from. The bridge's SharedLayout is generated from shared.h when the bridge is built; this
 * compiles the same generator against the header as it is now and compares every constant, so a
 * header changed without rebuilding the bridge fails here rather than corrupting audio.
 */
class SharedLayoutAgreementTest {

    private static final Path SHIM_SOURCES = Path.of("src", "main", "c", "shim").toAbsolutePath();
    private static final Pattern CONSTANT = Pattern.compile("public static final int (\\w+) = (-?\\d+);");

    @Test
    void theBridgeReadsTheBlockAtTheOffsetsOfTheShimsHeader(@TempDir Path work) throws Exception {
        Path generator = work.resolve("shared-layout-java");
        run("cc", "-std=c11", "-I" + SHIM_SOURCES, "-o", generator.toString(),
                SHIM_SOURCES.resolve("shared_layout_java.c").toString());
        Path java = work.resolve("SharedLayout.java");
        run(generator.toString(), java.toString());

        Map<String, Long> fromHeader = new LinkedHashMap<>();
        Matcher m = CONSTANT.matcher(Files.readString(java));
        while (m.find()) {
            fromHeader.put(m.group(1), Long.parseLong(m.group(2)));
        }
        assertThat(fromHeader).containsKeys("MAGIC", "EVENTS_OFF", "TABLES_OFF", "VARIATIONS_OFF", "SIZE")
                .hasSizeGreaterThan(40);
        Map<String, Long> inBridge = new LinkedHashMap<>();
        for (String name : fromHeader.keySet()) {
            inBridge.put(name, (long) SharedLayout.class.getField(name).getInt(null));
        }
        assertThat(inBridge).as("SharedLayout in the bridge jar against shared.h now").isEqualTo(fromHeader);
    }

    /** The promises the layout makes to both sides: each writer's counters on a cache line of its own. */
    @Test
    void eachSidesCountersStartACacheLineAndTheTablesFollowTheHeader() {
        assertThat(SharedLayout.EVENT_WRITE_OFF % 64).isZero();
        assertThat(SharedLayout.EVENT_READ_OFF % 64).isZero();
        assertThat(SharedLayout.BLOCKS_OFF % 64).isZero();
        assertThat(SharedLayout.VOICES_USING_OFF % 64).isZero();
        assertThat(SharedLayout.TABLES_OFF % 64).isZero();
        assertThat(SharedLayout.EVENT_READ_OFF - SharedLayout.EVENT_WRITE_OFF).isGreaterThanOrEqualTo(64);
        assertThat(SharedLayout.POOL_SEEN_OFF / 64).as("the audio thread's pool counter beside its event counter")
                .isEqualTo(SharedLayout.EVENT_WRITE_OFF / 64);
        assertThat(SharedLayout.POOL_GEN_OFF / 64).isEqualTo(SharedLayout.EVENT_READ_OFF / 64);
        assertThat(SharedLayout.PLAYED_OFF).isEqualTo(SharedLayout.VOICES_USING_OFF + 4 * SharedLayout.VARIATION_HANDLES);
        assertThat(SharedLayout.VARIATIONS_OFF).isEqualTo(SharedLayout.TABLES_OFF + 2 * SharedLayout.TABLE_SIZE);
        assertThat(SharedLayout.TABLE_SIZE).isEqualTo(SharedLayout.TABLE_SLOTS_OFF + 4 * SharedLayout.POOL_SLOTS);
        assertThat((double) SharedLayout.POOL_SLOTS).as("the pool size parameter's maximum")
                .isEqualTo(org.sda.engine.instrument.InstrumentParameter.POOL_SIZE.max());
        assertThat(SharedLayout.SIZE).isGreaterThanOrEqualTo(SharedLayout.EVENTS_OFF
                + SharedLayout.EVENT_SIZE * SharedLayout.EVENT_CAPACITY);
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }
}
