package org.sda.engine.instrument;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The instrument's state as a project stores it: UTF-8 JSON.
 *
 * <pre>
 * {
 *   "format": "sda-instrument",
 *   "formatVersion": 1,
 *   "model": {"demo": false, "path": "/abs/path/model.sda", "contentHash": "…sha-256 hex…"},
 *   "parameters": [{"id": 0, "name": "Gain", "value": -6.0, "normalized": 0.818…}, …]
 * }
 * </pre>
 *
 * {@code model} is {@code null} when no model was chosen; for the built-in demo model it is
 * {@code {"demo": true}} (its path is the bundle's and moves with it). Parameters are keyed by the
 * stable id; {@code normalized} is what is restored (bit for bit, so a project reopens exactly),
 * {@code value} (plain, in the unit) is for people and is used when {@code normalized} is absent;
 * the name is for people too. The
 * variation seed is parameter 4: with the model and the sampling parameters it fixes every
 * variation ({@link VariationRequest#seedFor}).
 *
 * <p>Reading never throws anything but {@link StateException}, whose message says what is wrong;
 * unknown fields are ignored, unknown parameter ids skipped, values clamped into range. Stateless
 * and thread-safe.
 */
final class InstrumentState {

    static final String FORMAT = "sda-instrument";
    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A blob that is not an instrument state, or a broken one; the message says which. */
    static final class StateException extends Exception {
        private static final long serialVersionUID = 1L;

        StateException(String message) {
            super(message);
        }
    }

    /**
     * What a blob holds.
     *
     * @param model the model reference, or {@code null} for none
     * @param parameters normalized values by parameter, in id order; only those the blob had
     * @param notes what was odd but not fatal (unknown ids, values out of range), for the restore message
     */
    record Parsed(ModelReference model, Map<InstrumentParameter, Double> parameters, String notes) {

        /** Sets every parameter the blob had. */
        void applyTo(ParameterValues values) {
            parameters.forEach((p, normalized) -> values.setNormalized(p.id(), normalized));
        }
    }

    private InstrumentState() {}

    static byte[] write(ModelReference model, ParameterValues values) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        if (model == null) {
            root.putNull("model");
        } else {
            ObjectNode m = root.putObject("model");
            m.put("demo", model.demo());
            if (!model.demo()) {
                m.put("path", model.path().toString());
                m.put("contentHash", model.contentHash());
            }
        }
        ArrayNode list = root.putArray("parameters");
        for (InstrumentParameter p : InstrumentParameter.values()) {
            ObjectNode entry = list.addObject();
            entry.put("id", p.id());
            entry.put("name", p.title());
            entry.put("value", values.plain(p));
            entry.put("normalized", values.normalized(p));
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write instrument state", e); // a tree of plain values always writes
        }
    }

    static Parsed read(byte[] blob) throws StateException {
        if (blob == null || blob.length == 0) {
            throw new StateException("the state is empty");
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(blob));
        } catch (CharacterCodingException e) {
            throw new StateException("the state is not UTF-8 text (another plugin's, or damaged)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(blob);
        } catch (IOException e) {
            throw new StateException("the state is not complete JSON (truncated or damaged): "
                    + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
            throw new StateException("the state is not a Small DataSet Audio instrument state");
        }
        StringBuilder notes = new StringBuilder();
        int version = root.path("formatVersion").asInt(-1);
        if (version < 1) {
            throw new StateException("the state has no valid format version");
        }
        if (version > FORMAT_VERSION) {
            notes.append("state written by a newer version (format ").append(version)
                    .append("); restored what this version knows. ");
        }
        ModelReference model = readModel(root.path("model"));
        Map<InstrumentParameter, Double> parameters = new LinkedHashMap<>();
        JsonNode list = root.path("parameters");
        if (!list.isArray()) {
            throw new StateException("the state has no parameter list");
        }
        for (JsonNode entry : list) {
            JsonNode id = entry.path("id");
            JsonNode value = entry.path("value");
            JsonNode normalized = entry.path("normalized");
            if (!id.canConvertToInt() || !ParameterValues.isValid(id.asInt())
                    || !(value.isNumber() || normalized.isNumber())) {
                notes.append("skipped an unknown or malformed parameter entry. ");
                continue;
            }
            InstrumentParameter p = InstrumentParameter.byId(id.asInt());
            if (normalized.isNumber() && Double.isFinite(normalized.asDouble())) {
                double n = normalized.asDouble();
                if (n < 0 || n > 1) {
                    notes.append(p.title()).append(" was out of range and was clamped. ");
                }
                parameters.put(p, Math.min(1, Math.max(0, n)));
                continue;
            }
            double v = value.asDouble();
            if (!value.isNumber() || !Double.isFinite(v)) {
                notes.append(p.title()).append(" was not a number; kept its current value. ");
                continue;
            }
            if (v < p.min() || v > p.max()) {
                notes.append(p.title()).append(" was out of range and was clamped. ");
            }
            parameters.put(p, p.toNormalized(v));
        }
        for (InstrumentParameter p : InstrumentParameter.values()) {
            if (!parameters.containsKey(p)) {
                notes.append(p.title()).append(" was missing; kept its current value. ");
            }
        }
        return new Parsed(model, parameters, notes.toString().trim());
    }

    private static ModelReference readModel(JsonNode node) throws StateException {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new StateException("the state's model reference is malformed");
        }
        if (node.path("demo").asBoolean(false)) {
            return ModelReference.demo(null, null);
        }
        String path = node.path("path").asText(null);
        if (path == null || path.isBlank()) {
            throw new StateException("the state's model reference has no path");
        }
        try {
            String hash = node.path("contentHash").asText(null);
            return ModelReference.file(Path.of(path), hash == null || hash.isBlank() ? null : hash);
        } catch (InvalidPathException e) {
            throw new StateException("the state's model path is not valid here: " + path);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
