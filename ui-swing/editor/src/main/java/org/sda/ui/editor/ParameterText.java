package org.sda.ui.editor;

import java.util.Locale;
import org.sda.engine.instrument.InstrumentParameter;

/** A parameter's value as a person reads it: "-6.0 dB", "C4", "On". Stateless. */
final class ParameterText {

    private static final String[] NOTES = {"C", "C♯", "D", "D♯", "E", "F", "F♯", "G", "G♯", "A", "A♯", "B"};

    private ParameterText() {}

    static String of(InstrumentParameter p, double normalized) {
        double v = p.toPlain(normalized);
        if (p == InstrumentParameter.ROOT_NOTE) {
            int n = (int) Math.round(v);
            return NOTES[n % 12] + (n / 12 - 1);
        }
        if (p.stepCount() == 1) {
            return v >= 0.5 ? "On" : "Off";
        }
        if (p.stepCount() > 0) {
            return withUnit(String.valueOf(Math.round(v)), p);
        }
        if (p == InstrumentParameter.GAIN && v <= p.min()) {
            return "-∞ dB";
        }
        double abs = Math.abs(v);
        String number = abs >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : abs >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
        return withUnit(number, p);
    }

    private static String withUnit(String number, InstrumentParameter p) {
        return p.units().isEmpty() ? number : number + " " + p.units();
    }
}
