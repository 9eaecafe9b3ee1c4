package org.sda.ui.app.generate;

import org.sda.engine.audio.AudioBuffer;

/** A sound in the results list: its audio and its history entry (what made it). */
public record GeneratedSound(AudioBuffer audio, GenerationHistory.Entry entry) {}
