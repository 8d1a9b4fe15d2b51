/**
 * Models as users write them, in brms' vocabulary: a {@link io.sivistream.core.formula.Formula}
 * ({@code y ~ 1 + x1 * x2 + (1 | store)}), parsed by a small recursive-descent parser; the
 * {@link io.sivistream.core.formula.Design} it makes of a CSV table (dummy columns, interactions,
 * centring, group effects, offsets, with brms' names); the {@link io.sivistream.core.formula.Response}
 * distributions; and priors in Stan's notation ({@link io.sivistream.core.formula.Density}) resolved
 * per class or parameter with brms' defaults ({@link io.sivistream.core.formula.PriorSet}).
 *
 * <p>The posterior itself is {@code io.sivistream.core.target.FormulaTarget}. docs/models.md has
 * every construct with a worked example and its brms spelling.
 */
package io.sivistream.core.formula;
