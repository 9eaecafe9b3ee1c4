package org.sda.engine.instrument.preset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sda.engine.io.AtomicFiles;

/**
 * A VST3 preset file ({@code .vstpreset}) of this plugin: the component state (our instrument
 * state JSON, as {@code Instrument.saveState} writes it) and the preset's metadata. Immutable.
 *
 * <p>The layout is Steinberg's preset container (VST3 SDK, {@code vstpresetfile.h}); every number
 * is little-endian:
 * <pre>
 * offset 0   'VST3'                       4 bytes
 *        4   version = 1                  int32
 *        8   class ID                     32 ASCII hex digits (the processor's FUID)
 *        40  offset of the chunk list     int64
 *        48  'Comp' data                  the component state
 *            'Info' data                  metadata XML (MetaInfo), last before the list
 *            'List'  count                int32
 *                    entries              count × (id 4 bytes, offset int64, size int64)
 * </pre>
 * There is no controller state ('Cont'): the plugin is a single component.
 */
public final class VstPreset {

    /** The processor's class ID (the shim's factory.c, {@code sda_component_cid}) as presets write it. */
    public static final String CLASS_ID = "5DA0C1A57B3E4D219A6F0E5253444131";
    /** The factory's vendor and the class's name (factory.c): the user preset folder's two names. */
    public static final String VENDOR = "Small DataSet Audio";
    public static final String PLUGIN = "Small DataSet Audio";
    /** The file name ending. */
    public static final String EXTENSION = ".vstpreset";

    static final int HEADER_SIZE = 48;
    private static final int VERSION = 1;
    private static final int ENTRY_SIZE = 20;
    private static final Pattern ATTR = Pattern.compile("<Attr id=\"([^\"]*)\" value=\"([^\"]*)\"");

    private final byte[] component;
    private final Map<String, String> meta;

    /**
     * @param component the instrument state JSON
     * @param meta metadata attributes by id ("Name", "MusicalCategory", …); kept in order
     */
    public VstPreset(byte[] component, Map<String, String> meta) {
        this.component = Objects.requireNonNull(component, "component").clone();
        this.meta = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    }

    /** A preset with this name and the instrument state {@code component}. */
    public static VstPreset named(String name, byte[] component) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("MediaType", "VstPreset");
        meta.put("PlugInName", PLUGIN);
        meta.put("PlugInCategory", "Instrument|Synth");
        meta.put("Name", name);
        return new VstPreset(component, meta);
    }

    /** The component state: the instrument state JSON. A copy. */
    public byte[] component() {
        return component.clone();
    }

    /** Metadata attributes by id. */
    public Map<String, String> meta() {
        return meta;
    }

    /** The preset's name from its metadata, or {@code null}. */
    public String name() {
        return meta.get("Name");
    }

    /** The whole file. */
    public byte[] encode() {
        byte[] info = infoXml().getBytes(StandardCharsets.UTF_8);
        long infoOffset = HEADER_SIZE + (long) component.length;
        long listOffset = infoOffset + info.length;
        ByteBuffer out = ByteBuffer.allocate((int) listOffset + 8 + 2 * ENTRY_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        out.put(ascii("VST3")).putInt(VERSION).put(ascii(CLASS_ID)).putLong(listOffset);
        out.put(component).put(info);
        out.put(ascii("List")).putInt(2);
        out.put(ascii("Comp")).putLong(HEADER_SIZE).putLong(component.length);
        out.put(ascii("Info")).putLong(infoOffset).putLong(info.length);
        return out.array();
    }

    /** Writes the file atomically: a reader never sees half of it. */
    public void write(Path file) throws IOException {
        byte[] bytes = encode();
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * Reads a preset file of this plugin.
     *
     * @throws PresetException naming the file, when it is cut short, another plugin's, or damaged
     */
    public static VstPreset read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PresetException(file, "cannot be read (" + e.getMessage() + ")");
        }
        return decode(bytes, file);
    }

    /**
     * Reads a preset from its bytes.
     *
     * @param file named in the messages; may be {@code null}
     */
    public static VstPreset decode(byte[] bytes, Path file) throws PresetException {
        if (bytes.length < 4 || !"VST3".equals(new String(bytes, 0, 4, StandardCharsets.US_ASCII))) {
            throw new PresetException(file, "not a VST3 preset (no 'VST3' header)");
        }
        if (bytes.length < HEADER_SIZE) {
            throw new PresetException(file, "the preset is cut short (" + bytes.length + " bytes, its header alone is 48)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int version = in.getInt(4);
        if (version < 1) {
            throw new PresetException(file, "the preset has an invalid version (" + version + ")");
        }
        String classId = new String(bytes, 8, 32, StandardCharsets.US_ASCII);
        if (!CLASS_ID.equalsIgnoreCase(classId)) {
            throw new PresetException(file, "a preset of another plugin (class ID " + printable(classId)
                    + ", this plugin's is " + CLASS_ID + ")");
        }
        long listOffset = in.getLong(40);
        if (listOffset < HEADER_SIZE || listOffset > bytes.length - 8L) {
            throw new PresetException(file, "the preset is cut short or damaged (its chunk list at "
                    + listOffset + " is outside the file's " + bytes.length + " bytes)");
        }
        int at = (int) listOffset;
        if (!"List".equals(new String(bytes, at, 4, StandardCharsets.US_ASCII))) {
            throw new PresetException(file, "the preset is damaged (no chunk list where its header points)");
        }
        int count = in.getInt(at + 4);
        if (count < 0 || count > (bytes.length - at - 8) / ENTRY_SIZE) {
            throw new PresetException(file, "the preset is cut short or damaged (its chunk list claims "
                    + count + " entries)");
        }
        byte[] comp = null;
        Map<String, String> meta = new LinkedHashMap<>();
        for (int e = 0; e < count; e++) {
            int entry = at + 8 + e * ENTRY_SIZE;
            String id = new String(bytes, entry, 4, StandardCharsets.US_ASCII);
            long offset = in.getLong(entry + 4);
            long size = in.getLong(entry + 12);
            if (offset < HEADER_SIZE || size < 0 || offset + size > listOffset) {
                throw new PresetException(file, "the preset is damaged (chunk '" + printable(id) + "' at "
                        + offset + ", " + size + " bytes, lies outside its data)");
            }
            byte[] data = java.util.Arrays.copyOfRange(bytes, (int) offset, (int) (offset + size));
            if ("Comp".equals(id)) {
                comp = data;
            } else if ("Info".equals(id)) {
                meta = parseInfo(new String(data, StandardCharsets.UTF_8));
            }
        }
        if (comp == null) {
            throw new PresetException(file, "the preset holds no component state ('Comp' chunk)");
        }
        return new VstPreset(comp, meta);
    }

    private String infoXml() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<MetaInfo>\n");
        meta.forEach((k, v) -> xml.append("\t<Attr id=\"").append(escape(k)).append("\" value=\"").append(escape(v))
                .append("\" type=\"string\" flags=\"writeProtected\"/>\n"));
        return xml.append("</MetaInfo>\n").toString();
    }

    private static Map<String, String> parseInfo(String xml) {
        Map<String, String> meta = new LinkedHashMap<>();
        Matcher m = ATTR.matcher(xml);
        while (m.find()) {
            meta.put(unescape(m.group(1)), unescape(m.group(2)));
        }
        return meta;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&");
    }

    private static String printable(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? s : "(not text)";
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
