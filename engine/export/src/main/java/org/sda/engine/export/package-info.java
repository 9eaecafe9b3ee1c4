/**
 * Export: a generated or decoded sound written in the format a user asked for, at the rate they
 * asked for, normalised to a peak or a loudness, and as mono, stereo (a mono-compatible width)
 * or binaural (placed around a listener's head by HRTF convolution).
 *
 * <p>{@link org.sda.engine.export.AudioExporter} is the entry point; {@link
 * org.sda.engine.export.ExportSettings} says what to make. Encoding goes through
 * {@link org.sda.engine.audio.AudioFiles}, so every format except WAV needs the system's
 * libsndfile; a missing encoder is reported by name before anything is written.
 *
 * <p>The default head model is the MIT KEMAR "normal pinna" set (Gardner and Martin, MIT Media
 * Lab, 1994), bundled as a SOFA file; {@link org.sda.engine.export.Hrtf#load} reads a user's own
 * SOFA file. Angles in this package follow the user's view: azimuth in degrees, positive to the
 * right (+90 is the right ear), elevation positive up. SOFA files count azimuth the other way
 * (counter-clockwise, +90 is the left ear); {@link org.sda.engine.export.Hrtf} converts.
 *
 * <p>No Swing here; every class is safe to use from any thread (the HRTF is immutable).
 */
package org.sda.engine.export;
