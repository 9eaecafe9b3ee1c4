package org.sda.ui.editor;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.sda.engine.model.SdaManifest;
import org.sda.ui.common.Knob;

/**
 * The zones painted on a control knob, from its axis in the model's analysis. A control at ±100 %
 * reaches the edge of the axis's safe range on that side (the 2nd or 98th percentile of where the
 * model's sounds lie), so the whole knob stays inside what the model learned; the outer fifth on
 * each side is marked as its edge, where few of the sounds lie. A side along which the safe range
 * does not reach (it lies wholly on the other side of the sounds' mean) does nothing and is grey,
 * as is a control the model has no axis for. Stateless.
 */
final class ControlZones {

    /** Where the edge zone starts, in percent of the control's reach. */
    static final double EDGE_PERCENT = 80;

    private ControlZones() {}

    static List<Knob.Zone> of(SdaManifest.Axis axis) {
        Color safe = EditorLook.color("Sda.zone.safe", new Color(0x2e6b4e));
        Color edge = EditorLook.color("Sda.zone.edge", new Color(0x8a6d1e));
        Color none = EditorLook.color("Sda.zone.none", Color.DARK_GRAY);
        List<Knob.Zone> zones = new ArrayList<>();
        if (axis == null) {
            zones.add(new Knob.Zone(0, 1, none, "no axis"));
            return zones;
        }
        double e = (1 - EDGE_PERCENT / 100) / 2; // normalized width of an edge zone
        if (axis.safeMin() < 0) {
            zones.add(new Knob.Zone(0, e, edge, "near the edge of the sounds"));
            zones.add(new Knob.Zone(e, 0.5, safe, "inside the sounds"));
        } else {
            zones.add(new Knob.Zone(0, 0.5, none, "no effect on this side"));
        }
        if (axis.safeMax() > 0) {
            zones.add(new Knob.Zone(0.5, 1 - e, safe, "inside the sounds"));
            zones.add(new Knob.Zone(1 - e, 1, edge, "near the edge of the sounds"));
        } else {
            zones.add(new Knob.Zone(0.5, 1, none, "no effect on this side"));
        }
        return zones;
    }
}
