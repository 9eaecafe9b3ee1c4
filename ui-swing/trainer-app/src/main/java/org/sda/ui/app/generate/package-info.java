/**
 * The Generate tab: a model's prior sampled with the user's settings (temperature, top-k,
 * top-p, seed, duration, count, control axes), results to play and export, presets in the
 * plugin's {@code .vstpreset} format, the history of everything made (SQLite, audio beside it)
 * with exact regeneration, and A/B of two sounds at matched loudness.
 *
 * <p>Swing: every method runs on the EDT unless its Javadoc says otherwise; generation runs in a
 * {@link javax.swing.SwingWorker}, and the engine's progress reaches the EDT through
 * {@code publish}.
 */
package org.sda.ui.app.generate;
