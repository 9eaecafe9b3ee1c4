package org.sda.ui.common;

import java.awt.FlowLayout;
import java.awt.GridBagConstraints;
import java.awt.Insets;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;

/** The two layouts every settings form here is made of: label-and-field rows, and a row of controls. EDT only. */
public final class Forms {

    private Forms() {
    }

    /** Components side by side, left-aligned, a few pixels apart. */
    public static JPanel flow(JComponent... components) {
        JPanel p = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 0));
        for (JComponent c : components) {
            p.add(c);
        }
        return p;
    }

    /**
     * Adds {@code label} and {@code field} as row {@code row} of a {@code GridBagLayout} form: the label
     * right-aligned at the row's top (beside tall fields too), the field filling the width. Returns the next row.
     */
    public static int row(JPanel form, int row, String label, JComponent field) {
        GridBagConstraints c = new GridBagConstraints();
        c.gridy = row;
        c.insets = new Insets(3, 3, 3, 6);
        c.anchor = GridBagConstraints.FIRST_LINE_END;
        form.add(new JLabel(label), c);
        c.gridx = 1;
        c.anchor = GridBagConstraints.LINE_START;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.weightx = 1;
        form.add(field, c);
        return row + 1;
    }
}
