/**
 * Data sets and draw files: the validated {@link io.sivistream.core.data.Dataset} rows a likelihood
 * sums over, and reading/writing them as CSV with messages that name the file, the line and the
 * column of every problem ({@link io.sivistream.core.data.DataException}).
 */
package io.sivistream.core.data;
