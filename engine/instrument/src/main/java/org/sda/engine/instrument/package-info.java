/**
 * The instrument: MIDI-like events in, stereo audio out, over a pool of generated variations.
 * Knows nothing of any plugin format; the VST3 bridge, the standalone host and the offline
 * renderer are adapters around {@link org.sda.engine.instrument.Instrument}, made by
 * {@link org.sda.engine.instrument.Instruments#create()}.
 *
 * <p>Inside, three kinds of thread and what they share:
 * <ul>
 *   <li>the <b>render thread</b> (the adapter's) calls the event methods and {@code render}; it
 *       runs the {@code VoiceEngine} (voices, ADSR, keytracking, bend,
 *       vibrato, stealing) and allocates nothing, takes no lock and does no I/O;
 *   <li><b>generation workers</b> (a bounded pool per model,
 *       {@link org.sda.engine.instrument.Instruments#defaultWorkers()}) ask the model's
 *       {@link org.sda.engine.instrument.VariationSource} for new sounds, resample them once to the
 *       host rate and publish them into the {@code VariationPool}'s slots, each
 *       a volatile field written once per hand-over;
 *   <li>the <b>host's main thread</b> prepares, loads models, saves and restores state; a model is
 *       swapped in as one immutable session object, so the render thread never sees half a switch.
 * </ul>
 * Parameters live in {@code ParameterValues}, one volatile double each, which all three read.
 * Volatile fields rather than atomic arrays: an atomic array's VarHandle can compile a lambda form
 * on whichever thread first crosses an invocation threshold, which allocated on the render thread.
 */
package org.sda.engine.instrument;
