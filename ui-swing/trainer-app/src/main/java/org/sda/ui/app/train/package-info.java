/**
 * The Train tab: choose or drop a folder, see what the import accepted and why the rest was not,
 * set up and run a training in the trainer's own process, watch its plots, and save the model.
 */
package org.sda.ui.app.train;
