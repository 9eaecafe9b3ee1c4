/**
 * Signal processing core of the engine: the short-time Fourier transform and its inverse, the
 * Slaney mel filterbank and log-mel features, inversion of mel spectra back to linear magnitudes
 * (non-negative least squares), and phase reconstruction from magnitudes (fast Griffin-Lim with
 * an optional Phase Gradient Heap Integration start).
 *
 * <p>Conventions shared by every class here:
 *
 * <ul>
 *   <li>Signals are mono {@code float[]}; sample rates are in Hz.
 *   <li>Time-frequency matrices are laid out {@code [frames][bins]} (or {@code [frames][nMels]}),
 *       frame-major, so that one frame is one contiguous row. Bins run from DC to Nyquist,
 *       {@code bins = nFft / 2 + 1}.
 *   <li>Frames are centred: frame {@code t} is centred on sample {@code t * hop} of the original
 *       signal, the signal being reflect-padded by {@code nFft / 2} at both ends (librosa's
 *       {@code center=True}). A signal of {@code n} samples has {@code 1 + n / hop} frames.
 *   <li>The forward transform is unnormalised, {@code X[k] = sum_n w[n] x[n] e^{-2 pi i k n / N}},
 *       so a sine of amplitude {@code A} at a bin centre has magnitude {@code A * sum(w) / 2}
 *       ({@code A * nFft / 4} for the periodic Hann window).
 *   <li>Hot paths (STFT, inverse STFT, Griffin-Lim) work on flat float arrays with buffers
 *       allocated once per call, never per frame.
 * </ul>
 */
package org.sda.engine.dsp;
