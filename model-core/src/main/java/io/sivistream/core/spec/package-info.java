/**
 * Model specifications: the YAML file a user writes to say which model to fit, on which columns,
 * with which prior, family, critic, training and streaming settings.
 *
 * <p>{@link io.sivistream.core.spec.ModelSpec#parse} turns YAML into an immutable, validated record
 * tree; every block is optional and falls back to the defaults of its config record. Mistakes are
 * reported as {@link io.sivistream.core.spec.SpecException} with the file name, the key path and
 * the allowed values, ready to show to the user.
 */
package io.sivistream.core.spec;
