/**
 * The {@code sda} command line: one picocli command per subcommand, output through the
 * command's own writers so tests can capture it, progress bars on stderr when it is a terminal.
 */
package org.sda.engine.cli;
