/**
 * The editor panel inside a plugin host: what the VST3 shim's {@code IPlugView} calls through JNI
 * to embed the panel in the host's X11 window, and the queue that carries the panel's edits to the
 * host's UI thread.
 */
package org.sda.ui.editor.plugin;
