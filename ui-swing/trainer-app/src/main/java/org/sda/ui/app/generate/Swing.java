package org.sda.ui.app.generate;

import javax.swing.JComponent;

/** Small helpers every control in this package uses: a name for tests, an accessible name and a tooltip. */
final class Swing {

    private Swing() {}

    static <T extends JComponent> T named(T c, String name, String description) {
        c.setName(name);
        c.getAccessibleContext().setAccessibleName(description);
        c.setToolTipText(description);
        return c;
    }
}
