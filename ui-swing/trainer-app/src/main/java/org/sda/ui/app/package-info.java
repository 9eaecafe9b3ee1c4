/**
 * The desktop app: Train (import, settings, live plots of the trainer's JSON events, health),
 * Generate, Codes and Library. The trainer runs as a child process; this app never links PyTorch.
 */
package org.sda.ui.app;
