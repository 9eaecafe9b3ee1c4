/**
 * Turning a folder of the user's sounds into training material: scanning, a verdict per file,
 * decoding at the model rate, log-mel features, a content-hash cache, the train/validation split
 * and the dataset size class that picks the default codebook size.
 *
 * <p>The user's files are only ever read. Nothing here prints: progress goes to an
 * {@link org.sda.engine.dataset.ImportListener}.
 */
package org.sda.engine.dataset;
