/**
 * The instrument: MIDI-like events in, stereo audio out, over a pool of generated variations.
 * Knows nothing of any plugin format; the VST3 bridge, the standalone host and the offline
 * renderer are adapters around {@link org.sda.engine.instrument.Instrument}.
 */
package org.sda.engine.instrument;
