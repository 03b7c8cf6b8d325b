/**
 * The command-line edge: picocli commands that parse arguments, call one service and render its answer as a table
 * for people or JSON/CSV for programs. Exit codes are {@link io.chainwatch.cli.ExitCodes}.
 */
@NullMarked
package io.chainwatch.cli;

import org.jspecify.annotations.NullMarked;
