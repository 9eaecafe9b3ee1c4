/**
 * Installing the VST3 bundle where hosts look for it ({@code ~/.vst3} on Linux) and removing it
 * again: what makes a folder our bundle, an atomic copy-and-rename install that never replaces a
 * folder it cannot prove is ours, and the matching uninstall. Knows the bundle's layout, not
 * the VST3 interfaces inside the shim.
 */
package org.sda.engine.install;
