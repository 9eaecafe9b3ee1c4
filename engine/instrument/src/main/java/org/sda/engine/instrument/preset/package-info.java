/**
 * VST3 preset files ({@code .vstpreset}) holding the instrument's state: reading and writing the
 * format ({@link org.sda.engine.instrument.preset.VstPreset}), the user's and the bundle's preset
 * folders ({@link org.sda.engine.instrument.preset.PresetLibrary}), and the factory presets of the
 * demo model ({@link org.sda.engine.instrument.preset.FactoryPresets}). One implementation for the
 * plugin's editor, the standalone host and the trainer app.
 */
package org.sda.engine.instrument.preset;
