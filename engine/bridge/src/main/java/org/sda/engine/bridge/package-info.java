/**
 * The Java side of the VST3 plugin: the only Java code that knows the native shim exists.
 *
 * <p>The shim (C, module plugin-shim) answers the host and owns two lock-free rings per plugin
 * instance in native memory; {@link org.sda.engine.bridge.PluginBridge} is what the shim calls
 * (through JNI, from the host's non-audio threads) to create an instrument, prepare it, start
 * and stop its {@link org.sda.engine.bridge.RenderLoop} and move state. The render loop reads
 * events from and writes audio to the rings through {@link org.sda.engine.bridge.SharedBlock},
 * a direct view of the native memory, and sleeps in the shim's futex wait through JNA.
 * {@link org.sda.engine.bridge.ParameterTableGenerator} writes the shim's static parameter table
 * at build time, so a host scanning the plugin never starts a JVM.
 *
 * <p>Knows {@link org.sda.engine.instrument.Instrument}, never audio models.
 */
package org.sda.engine.bridge;
