package io.sivistream.core.predict;

/**
 * The posterior-predictive answer for one input.
 *
 * <p>{@code mean}, {@code sd}, {@code q05} and {@code q95} describe the {@link #quantity()}:
 * <ul>
 *   <li>{@code response} (linear regression): y = x·β + ε with the spec's noise sd, so the sd and
 *       interval include both the posterior spread of x·β and the noise;</li>
 *   <li>{@code probability} (logistic regression): P(y = 1 | x, β), the class probability, with
 *       its posterior sd and 90% interval;</li>
 *   <li>{@code count} (Poisson regression): the count y; mean = the expected rate, sd and the
 *       5/95% quantiles (whole numbers) of the posterior-predictive count distribution.</li>
 * </ul>
 * {@code expected} is the posterior of the mean function E[y | x, β] itself (x·β, the
 * probability, the rate λ = exp(x·β)), without observation noise.
 *
 * @param quantity what the four numbers describe: response, probability or count
 * @param mean     posterior-predictive mean
 * @param sd       posterior-predictive standard deviation
 * @param q05      5% posterior-predictive quantile
 * @param q95      95% posterior-predictive quantile
 * @param expected posterior summary of the mean function at this input
 * @param draws    number of posterior draws used
 */
public record PredictiveSummary(String quantity, double mean, double sd, double q05, double q95,
    Band expected, int draws) {}
