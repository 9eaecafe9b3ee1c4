package org.sda.ui.common;

import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.awt.Color;
import javax.swing.UIManager;
import org.sda.engine.model.CodebookVerdict;

/** The FlatLaf look every SDA window uses; its tweaks live in {@code theme/FlatLightLaf.properties}. EDT. */
public final class Theme {

    private Theme() {
    }

    /** Installs FlatLaf light with SDA's tweaks. Call once, before the first window. */
    public static void install() {
        FlatLaf.registerCustomDefaultsSource("org.sda.ui.common.theme");
        FlatLightLaf.setup();
    }

    /** The health light's colour for a verdict; grey when there is none. */
    public static Color healthColor(CodebookVerdict verdict) {
        String key = verdict == null ? "SdaHealth.unknown" : switch (verdict) {
            case HEALTHY -> "SdaHealth.healthy";
            case UNDERUSED -> "SdaHealth.underused";
            case COLLAPSED -> "SdaHealth.collapsed";
        };
        Color c = UIManager.getColor(key);
        if (c != null) {
            return c;
        }
        return verdict == null ? Color.GRAY : switch (verdict) {
            case HEALTHY -> new Color(0x2e9d48);
            case UNDERUSED -> new Color(0xe0a400);
            case COLLAPSED -> new Color(0xd23c32);
        };
    }
}
