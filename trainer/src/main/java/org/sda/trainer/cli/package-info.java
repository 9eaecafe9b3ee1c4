/**
 * The trainer process entry point ({@link org.sda.trainer.cli.TrainerMain}) and its two progress
 * formats: human (progress bar and lines) and JSON lines on stdout for a parent process.
 */
package org.sda.trainer.cli;
