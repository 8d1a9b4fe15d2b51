/**
 * The {@code sivistream} command line: {@link io.sivistream.app.cli.Main} is the top command and
 * registers the subcommands ({@code fit}, {@code hmc}, ...).
 *
 * <p>Conventions: results go to stdout (summary tables), progress and messages to stderr. A user
 * error (bad spec, bad data, bad option) prints exactly one line {@code sivistream: <message>} and
 * exits with status 2; an unexpected failure prints its message with a hint to rerun with
 * {@code --debug} (which prints the stack trace) and exits with status 1.
 */
package io.sivistream.app.cli;
