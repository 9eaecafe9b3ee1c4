/**
 * The Codes tab: a sound encoded by a model into its code grid, shown level by level, edited
 * (set, swap with a second sound, blend, insert, delete, repeat) with undo and redo, heard cell
 * by cell or from the cursor, saved as {@code codes.json} and exported as audio; the codebook
 * usage heatmap beside it.
 *
 * <p>Swing: EDT only, except the engine work (encode, decode, previews), which runs in order on
 * the panel's own worker thread and hands its results to the EDT with
 * {@code SwingUtilities.invokeLater}.
 */
package org.sda.ui.app.codes;
