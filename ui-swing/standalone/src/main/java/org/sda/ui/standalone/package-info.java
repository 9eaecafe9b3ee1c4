/**
 * The standalone host: the same instrument and editor panel as in a DAW, in a window of its own,
 * with audio out, MIDI in, the on-screen and the computer keyboard, and recording to a file.
 */
package org.sda.ui.standalone;
