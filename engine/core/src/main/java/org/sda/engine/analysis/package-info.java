/**
 * Musical controls from a model's latent space: a principal component analysis of the encoder's
 * continuous latent over a dataset ({@link org.sda.engine.analysis.LatentAnalyzer}), each axis
 * named after the audio descriptor it correlates with most ({@link org.sda.engine.analysis.Descriptors}),
 * stored in the model's manifest ({@link org.sda.engine.model.SdaManifest.Analysis}), and applied
 * as offsets to a latent before decoding ({@link org.sda.engine.analysis.LatentControls}), the one
 * place decode, generation and the instrument share.
 */
package org.sda.engine.analysis;
