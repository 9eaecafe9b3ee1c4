package org.sda.engine.bridge;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.sda.engine.instrument.Instrument;
import org.sda.engine.instrument.InstrumentParameter;

/**
 * A small additive synthesizer that implements {@link Instrument} so the shim and the bridge can
 * be tested end to end before (and independently of) the real voice engine. Its "model" is a
 * file named in the state: the number of harmonics is read from it, so two states with two
 * model files sound different, and a state naming a deleted file restores everything else and
 * says the model is missing, as the real instrument must.
 *
 * <p>Render thread methods allocate nothing. Made by {@link #create()} (the bridge's factory
 * convention).
 */
public final class ToneTestInstrument implements Instrument {

    private static final int VOICES = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final double[] params = new double[InstrumentParameter.values().length];
    private final int[] keys = new int[VOICES];
    private final double[] phases = new double[VOICES];
    private final double[] levels = new double[VOICES];
    private final boolean[] held = new boolean[VOICES];
    private final int[] startOffsets = new int[VOICES];
    private final int[] stopOffsets = new int[VOICES];
    private volatile int harmonics = 1;
    private volatile String model = "";
    private volatile String status = "test tone, no model";
    private double sampleRate = 48000;

    public static Instrument create() {
        return new ToneTestInstrument();
    }

    private ToneTestInstrument() {
        for (InstrumentParameter p : InstrumentParameter.values()) {
            params[p.id()] = p.defaultNormalized();
        }
        java.util.Arrays.fill(keys, -1);
    }

    @Override
    public void prepare(double sampleRate, int maxBlockFrames) {
        this.sampleRate = sampleRate;
    }

    @Override
    public void noteOn(int sampleOffset, int key, float velocity) {
        int v = 0;
        for (int i = 0; i < VOICES; i++) {
            if (keys[i] < 0 || levels[i] < levels[v]) {
                v = i;
                if (keys[i] < 0) {
                    break;
                }
            }
        }
        keys[v] = key;
        phases[v] = 0;
        levels[v] = 0;
        held[v] = true;
        startOffsets[v] = sampleOffset;
        stopOffsets[v] = Integer.MAX_VALUE;
    }

    @Override
    public void noteOff(int sampleOffset, int key) {
        for (int i = 0; i < VOICES; i++) {
            if (keys[i] == key && held[i]) {
                stopOffsets[i] = sampleOffset;
            }
        }
    }

    @Override
    public void allNotesOff() {
        for (int i = 0; i < VOICES; i++) {
            held[i] = false;
        }
    }

    @Override
    public void setParameter(int sampleOffset, int id, double normalized) {
        if (id >= 0 && id < params.length) {
            params[id] = Math.min(1, Math.max(0, normalized));
        }
    }

    @Override
    public double parameter(int id) {
        return params[id];
    }

    @Override
    public boolean render(float[] left, float[] right, int frames) {
        java.util.Arrays.fill(left, 0, frames, 0f);
        java.util.Arrays.fill(right, 0, frames, 0f);
        double gain = Math.pow(10, InstrumentParameter.GAIN.toPlain(params[0]) / 20) * 0.15;
        double attack = 1.0 / (0.002 * sampleRate);
        double release = 1.0 / (0.05 * sampleRate);
        int h = harmonics;
        boolean sound = false;
        for (int v = 0; v < VOICES; v++) {
            if (keys[v] < 0) {
                continue;
            }
            double step = 2 * Math.PI * 440 * Math.pow(2, (keys[v] - 69) / 12.0) / sampleRate;
            for (int i = Math.max(0, startOffsets[v]); i < frames; i++) {
                if (i >= stopOffsets[v]) {
                    held[v] = false;
                }
                levels[v] = held[v] ? Math.min(1, levels[v] + attack) : Math.max(0, levels[v] - release);
                double s = 0;
                for (int k = 1; k <= h; k++) {
                    s += Math.sin(phases[v] * k) / k;
                }
                float out = (float) (s * levels[v] * gain);
                left[i] += out;
                right[i] += out;
                phases[v] += step;
            }
            phases[v] %= 2 * Math.PI * 1000;
            startOffsets[v] = 0;
            stopOffsets[v] = held[v] ? Integer.MAX_VALUE : 0;
            if (!held[v] && levels[v] == 0) {
                keys[v] = -1;
            }
            sound = true;
        }
        return sound;
    }

    @Override
    public int latencySamples() {
        return 0;
    }

    @Override
    public byte[] saveState() {
        ObjectNode node = JSON.createObjectNode();
        node.put("model", model);
        ObjectNode p = node.putObject("parameters");
        for (InstrumentParameter ip : InstrumentParameter.values()) {
            p.put(ip.name(), params[ip.id()]);
        }
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public RestoreResult restoreState(byte[] state) {
        JsonNode node;
        try {
            node = JSON.readTree(state);
        } catch (Exception e) {
            return new RestoreResult(false, "state is not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            return new RestoreResult(false, "state is not a JSON object");
        }
        JsonNode p = node.path("parameters");
        for (InstrumentParameter ip : InstrumentParameter.values()) {
            if (p.path(ip.name()).isNumber()) {
                params[ip.id()] = Math.min(1, Math.max(0, p.path(ip.name()).asDouble()));
            }
        }
        String path = node.path("model").asText("");
        model = path;
        if (path.isEmpty()) {
            harmonics = 1;
            status = "test tone, no model";
            return new RestoreResult(true, status);
        }
        try {
            harmonics = 1 + (int) (Files.size(Path.of(path)) % 7);
            status = "test tone, " + harmonics + " harmonics from " + path;
            return new RestoreResult(true, status);
        } catch (Exception e) {
            harmonics = 1;
            status = "Model missing: " + path;
            return new RestoreResult(false, status);
        }
    }

    @Override
    public String status() {
        return status;
    }

    @Override
    public void close() {
    }
}
