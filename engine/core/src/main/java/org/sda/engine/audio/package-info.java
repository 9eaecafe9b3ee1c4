/**
 * Audio input and output: decoding and encoding files, resampling, channel mixdown and
 * loudness measurement.
 *
 * <p>The entry points are {@link org.sda.engine.audio.AudioFiles} (read, probe, write),
 * {@link org.sda.engine.audio.Resampler}, {@link org.sda.engine.audio.Mixdown} and
 * {@link org.sda.engine.audio.Loudness}. Audio travels as {@link org.sda.engine.audio.AudioBuffer}:
 * one float array per channel, nominally in [-1, 1].
 *
 * <p>Codecs come from well-kept native libraries rather than hand-written decoders: libsndfile
 * (WAV, AIFF, FLAC, Ogg Vorbis, Opus, MP3) and libsoxr (band-limited resampling), both reached
 * through JNA and loaded lazily on first use. Only WAV has a pure-Java path ({@code WavCodec}),
 * so that the commonest format reads and writes on a machine without libsndfile; every other
 * format then fails with a message saying which library is missing.
 *
 * <p>Threading: every public method is safe to call from several threads at once; none keeps
 * state between calls. Each call allocates its result and a small fixed-size native transfer
 * buffer; nothing is pooled or cached apart from the loaded native libraries.
 */
package org.sda.engine.audio;
