package org.sda.engine.bridge;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.sda.engine.instrument.InstrumentParameter;
import org.sda.engine.io.AtomicFiles;

/**
 * Writes the native shim's parameter table ({@code sda_params_generated.h}) from
 * {@link InstrumentParameter}, the one source of truth, so hosts can list parameters without a
 * JVM. Run by Maven before the shim is compiled: {@code ParameterTableGenerator OUTPUT.h}.
 *
 * <p>Checks what the shim relies on: unique ids, titles present, {@code min < max}, defaults in
 * range, and the two parameters the MIDI mapping needs (pitch bend, mod wheel).
 */
public final class ParameterTableGenerator {

    private ParameterTableGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ParameterTableGenerator OUTPUT.h");
            System.exit(2);
        }
        Path out = Path.of(args[0]).toAbsolutePath();
        String header = generate();
        Files.createDirectories(out.getParent());
        AtomicFiles.write(out, stream -> {
            Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            w.write(header);
            w.flush();
        });
        System.out.println("wrote " + out + " (" + InstrumentParameter.values().length + " parameters)");
    }

    /** The header's text. Throws {@link IllegalStateException} if the table breaks a rule above. */
    public static String generate() {
        validate();
        StringBuilder b = new StringBuilder();
        b.append("/* Generated from org.sda.engine.instrument.InstrumentParameter by ParameterTableGenerator.\n")
                .append(" * Do not edit: change the enum and rebuild. */\n")
                .append("#ifndef SDA_PARAMS_GENERATED_H\n#define SDA_PARAMS_GENERATED_H\n\n")
                .append("#define SDA_PARAM_COUNT ").append(InstrumentParameter.values().length).append("\n");
        for (InstrumentParameter p : InstrumentParameter.values()) {
            b.append("#define SDA_PARAM_ID_").append(p.name()).append(' ').append(p.id()).append("u\n");
        }
        b.append("\nstatic const struct sda_param_def sda_param_table[SDA_PARAM_COUNT] = {\n");
        for (InstrumentParameter p : InstrumentParameter.values()) {
            b.append(String.format(Locale.ROOT, "    { %du, %s, %s, %s, %s, %s, %s, %s, %d },%n",
                    p.id(), cString(p.title()), cString(p.shortTitle()), cString(p.units()),
                    number(p.min()), number(p.max()), number(p.defaultValue()),
                    number(p.defaultNormalized()), p.stepCount()));
        }
        b.append("};\n\n#endif\n");
        return b.toString();
    }

    private static void validate() {
        Set<Integer> ids = new HashSet<>();
        for (InstrumentParameter p : InstrumentParameter.values()) {
            if (!ids.add(p.id()) || p.id() < 0) {
                throw new IllegalStateException("parameter id " + p.id() + " of " + p + " is negative or not unique");
            }
            if (p.title().isBlank() || !(p.min() < p.max()) || p.defaultValue() < p.min() || p.defaultValue() > p.max()
                    || p.stepCount() < 0) {
                throw new IllegalStateException("parameter " + p + " has no title, an empty range, a default"
                        + " outside its range or a negative step count");
            }
        }
        InstrumentParameter.valueOf("PITCH_BEND");
        InstrumentParameter.valueOf("MOD_WHEEL");
    }

    private static String number(double v) {
        return Double.toString(v);       // round-trips exactly; C reads the same double
    }

    /** A C string literal: ASCII printable as is, everything else as octal-escaped UTF-8 bytes. */
    static String cString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (byte raw : s.getBytes(StandardCharsets.UTF_8)) {
            int c = raw & 0xFF;
            if (c == '"' || c == '\\') {
                b.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7F) {
                b.append((char) c);
            } else {
                b.append(String.format(Locale.ROOT, "\\%03o", c));
            }
        }
        return b.append('"').toString();
    }
}
