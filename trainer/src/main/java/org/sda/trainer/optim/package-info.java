/** Optimisers shared by the RVQ-VAE and the prior trainers (AdamW with decoupled weight decay). */
package org.sda.trainer.optim;
