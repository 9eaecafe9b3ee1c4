package org.sda.ui.app.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sda.engine.io.AtomicFiles;

/**
 * The Generate tab's settings as a VST3 preset file ({@code .vstpreset}), so that a sound found
 * in the app is found again in the DAW.
 *
 * <p>The file is Steinberg's preset container: a 48-byte header ({@code "VST3"}, version 1, the
 * plugin's class ID as 32 ASCII hex digits, the offset of the chunk list), the component state
 * ({@code "Comp"}), and the chunk list. The component state is the instrument's own state JSON
 * ({@code sda-instrument}, version 1, as docs/INSTRUMENT.md describes): the plugin reads its
 * temperature, top-k, top-p, seed (modulo 1000, its range), variation lock and the three control
 * parameters from it, and ignores the {@code "app"} object where the app keeps what the plugin
 * has no parameter for (the full seed, duration, count, axis offsets by name).
 *
 * @param seed the app's seed; the plugin gets {@code seed % 1000}
 * @param axes offsets along the model's control axes, by axis name
 * @param controlPercents the same offsets as the plugin's Control 1–3 (±100 % = the edge of the
 *     safe range), in axis order; may be shorter than three
 */
public record GeneratePreset(double temperature, int topK, double topP, long seed, boolean lock,
                             double duration, int count, Map<String, Double> axes, double[] controlPercents) {

    /** The plugin's class ID (plugin-shim factory.c), as the VST3 SDK writes it in presets. */
    public static final String CLASS_ID = "5DA0C1A57B3E4D219A6F0E5253444131";

    private static final ObjectMapper JSON = new ObjectMapper();

    public GeneratePreset {
        axes = Map.copyOf(axes);
        controlPercents = controlPercents.clone();
    }

    /** Writes the preset, atomically. */
    public void write(Path file) throws IOException {
        byte[] component = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state());
        ByteBuffer out = ByteBuffer.allocate(48 + component.length + 4 + 4 + 20).order(ByteOrder.LITTLE_ENDIAN);
        out.put("VST3".getBytes(StandardCharsets.US_ASCII));
        out.putInt(1);
        out.put(CLASS_ID.getBytes(StandardCharsets.US_ASCII));
        out.putLong(48L + component.length);
        out.put(component);
        out.put("List".getBytes(StandardCharsets.US_ASCII));
        out.putInt(1);
        out.put("Comp".getBytes(StandardCharsets.US_ASCII));
        out.putLong(48);
        out.putLong(component.length);
        byte[] all = out.array();
        AtomicFiles.write(file, stream -> stream.write(all));
    }

    private ObjectNode state() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "sda-instrument");
        root.put("formatVersion", 1);
        root.putNull("model");
        ArrayNode parameters = root.putArray("parameters");
        parameter(parameters, 1, "Temperature", Math.max(0.1, Math.min(2.0, temperature)), 0.1, 2.0);
        parameter(parameters, 2, "Top-k", Math.min(256, topK), 0, 256);
        parameter(parameters, 3, "Top-p", Math.max(0.05, topP), 0.05, 1.0);
        parameter(parameters, 4, "Variation seed", Math.floorMod(seed, 1000), 0, 999);
        parameter(parameters, 5, "Variation lock", lock ? 1 : 0, 0, 1);
        for (int i = 0; i < Math.min(3, controlPercents.length); i++) {
            parameter(parameters, 15 + i, "Control " + (i + 1), Math.max(-100, Math.min(100, controlPercents[i])), -100, 100);
        }
        ObjectNode app = root.putObject("app");
        app.put("seed", seed);
        app.put("temperature", temperature);
        app.put("topK", topK);
        app.put("topP", topP);
        app.put("duration", duration);
        app.put("count", count);
        ObjectNode axesNode = app.putObject("axes");
        axes.forEach(axesNode::put);
        return root;
    }

    private static void parameter(ArrayNode parameters, int id, String name, double value, double min, double max) {
        ObjectNode p = parameters.addObject();
        p.put("id", id);
        p.put("name", name);
        p.put("value", value);
        p.put("normalized", (value - min) / (max - min));
    }

    /**
     * Reads a preset written here or by the plugin's host (then only the plugin's parameters
     * are there, and duration and count keep {@code fallback}'s values).
     *
     * @throws IOException naming the file when it is not a VST3 preset of this plugin
     */
    public static GeneratePreset read(Path file, GeneratePreset fallback) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 48 || !new String(bytes, 0, 4, StandardCharsets.US_ASCII).equals("VST3")) {
            throw new IOException(file + ": not a VST3 preset (.vstpreset)");
        }
        String classId = new String(bytes, 8, 32, StandardCharsets.US_ASCII);
        if (!classId.equals(CLASS_ID)) {
            throw new IOException(file + ": a preset of another plugin (class " + classId + ")");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long listOffset = in.getLong(40);
        if (listOffset < 48 || listOffset + 8 > bytes.length) {
            throw new IOException(file + ": the preset's chunk list is missing or cut short");
        }
        int entries = in.getInt((int) listOffset + 4);
        for (int e = 0; e < entries; e++) {
            int at = (int) listOffset + 8 + e * 20;
            if (at + 20 > bytes.length) {
                break;
            }
            String id = new String(bytes, at, 4, StandardCharsets.US_ASCII);
            long offset = in.getLong(at + 4);
            long size = in.getLong(at + 12);
            if (id.equals("Comp") && offset >= 48 && offset + size <= bytes.length) {
                return fromState(JSON.readTree(new String(bytes, (int) offset, (int) size, StandardCharsets.UTF_8)), fallback, file);
            }
        }
        throw new IOException(file + ": the preset has no component state");
    }

    private static GeneratePreset fromState(JsonNode root, GeneratePreset f, Path file) throws IOException {
        if (root == null || !"sda-instrument".equals(root.path("format").asText())) {
            throw new IOException(file + ": not a Small DataSet Audio preset");
        }
        Map<Integer, Double> values = new LinkedHashMap<>();
        for (JsonNode p : root.path("parameters")) {
            values.put(p.path("id").asInt(-1), p.path("value").asDouble());
        }
        JsonNode app = root.path("app");
        Map<String, Double> axes = new LinkedHashMap<>();
        app.path("axes").fields().forEachRemaining(e -> axes.put(e.getKey(), e.getValue().asDouble()));
        double[] controls = new double[3];
        for (int i = 0; i < 3; i++) {
            controls[i] = values.getOrDefault(15 + i, 0.0);
        }
        return new GeneratePreset(
                app.has("temperature") ? app.get("temperature").asDouble() : values.getOrDefault(1, f.temperature()),
                app.has("topK") ? app.get("topK").asInt() : (int) Math.round(values.getOrDefault(2, (double) f.topK())),
                app.has("topP") ? app.get("topP").asDouble() : values.getOrDefault(3, f.topP()),
                app.has("seed") ? app.get("seed").asLong() : Math.round(values.getOrDefault(4, (double) f.seed())),
                values.getOrDefault(5, f.lock() ? 1.0 : 0.0) >= 0.5,
                app.path("duration").asDouble(f.duration()),
                app.path("count").asInt(f.count()),
                axes.isEmpty() ? f.axes() : axes, controls);
    }
}
