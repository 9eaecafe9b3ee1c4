/**
 * The instrument's editor panel: model, knobs, controls, the pool and an on-screen keyboard. The
 * VST3 shim loads it through a child class loader only when the host calls {@code createView}, and
 * the standalone host shows the same panel in a window of its own.
 */
package org.sda.ui.editor;
