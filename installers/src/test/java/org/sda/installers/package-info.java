/**
 * Tests of the assembled bundle and of the distributable: layout, the jlink'ed runtime against
 * what jdeps says the jars need, the engine running on that runtime, install and uninstall from
 * the unpacked tar.gz. They run after {@code package}, as failsafe integration tests.
 */
package org.sda.installers;
