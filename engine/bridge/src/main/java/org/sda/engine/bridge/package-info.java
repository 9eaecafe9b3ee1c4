/**
 * The Java side of the VST3 plugin: the only Java code that knows the native shim exists.
 *
 * <p>The shim (C, module plugin-shim) answers the host and renders the voices itself on the
 * host's audio thread; Java makes the sounds. {@link org.sda.engine.bridge.PluginBridge} is what
 * the shim calls (through JNI, from the host's non-audio threads) to create an instrument, prepare
 * it, start and stop its {@link org.sda.engine.bridge.VariationPublisher} and move state. The
 * publisher copies the instrument's variations into native memory and publishes them in the
 * shared block through {@link org.sda.engine.bridge.SharedBlock}, a direct view of that memory,
 * and hands the host's parameter changes from the block's event ring to the instrument.
 * {@link org.sda.engine.bridge.ParameterTableGenerator} writes the shim's static parameter table
 * at build time, so a host scanning the plugin never starts a JVM.
 *
 * <p>Knows {@link org.sda.engine.instrument.Instrument}, never audio models.
 */
package org.sda.engine.bridge;
