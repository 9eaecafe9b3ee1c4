/**
 * The model library: the user's trained models as {@code .sda} files under one folder
 * ({@code $XDG_DATA_HOME/sda/library}), with an SQLite index (FTS5 full-text search) for listing and
 * searching them. The files are the source of truth: the index is rebuilt from them when it is lost
 * or damaged, and names and tags a user gives live in a small notes file beside each model, so a
 * model's own bytes (and the content hash DAW projects remember) never change. No Swing: the app's
 * Library tab and the plugin editor's model browser both sit on {@link org.sda.engine.library.ModelLibrary}.
 */
package org.sda.engine.library;
