/**
 * The bundle in a real host, Debian's Ardour 7: its VST3 scanner, and headless sessions run with
 * {@code ardour7-lua} on the "None (Dummy)" backend that export what the plugin plays.
 */
package org.sda.installers.ardour;
