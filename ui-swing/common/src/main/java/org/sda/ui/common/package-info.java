/**
 * What every SDA window shares: the FlatLaf theme and the widgets no library has (knob, on-screen
 * keyboard, code grid view, codebook heatmap) and the model and preset browser. Swing only: every
 * method here is called on the AWT event thread unless its Javadoc says otherwise, and engine
 * events reach it through {@code SwingUtilities.invokeLater}.
 */
package org.sda.ui.common;
