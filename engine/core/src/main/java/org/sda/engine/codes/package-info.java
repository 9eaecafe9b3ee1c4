/**
 * Code editing: a sound as a grid of discrete codes ({@link org.sda.engine.codes.CodeGrid}, levels
 * by code frames), encoded from audio and decoded back through a model
 * ({@link org.sda.engine.codes.GridCodec}), edited by undoable commands
 * ({@link org.sda.engine.codes.GridEdit}, {@link org.sda.engine.codes.EditHistory}), stored as
 * {@code codes.json} ({@link org.sda.engine.codes.CodesJson}, see {@code docs/CODES-FORMAT.md}) and
 * previewed one codebook entry at a time ({@link org.sda.engine.codes.CodePreview}).
 *
 * <p>Grids are immutable and share their storage between versions, so the grid a UI or a render
 * thread holds never changes under it and an edit of a long grid costs only the part it touches.
 */
package org.sda.engine.codes;
