package org.sda.ui.editor;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import java.awt.Color;
import javax.swing.UIManager;

/**
 * The instrument's FlatLaf look; its tweaks live in {@code theme/FlatDarkLaf.properties} beside
 * this class. Event thread.
 */
public final class EditorLook {

    private EditorLook() {}

    /** Installs the look (once per JVM is enough; again is harmless). */
    public static void install() {
        FlatLaf.registerCustomDefaultsSource("org.sda.ui.editor.theme");
        FlatDarkLaf.setup();
    }

    /** A colour of the theme, by key ("Sda.good"), with a fallback when the look is another. */
    static Color color(String key, Color fallback) {
        Color c = UIManager.getColor(key);
        return c == null ? fallback : c;
    }
}
