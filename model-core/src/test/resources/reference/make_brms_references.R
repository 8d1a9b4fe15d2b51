# brms reference posteriors for the formula models (FormulaAccuracyTest), from Stan's NUTS.
# Run from the repository root:  Rscript model-core/src/test/resources/reference/make_brms_references.R [name ...]
# Needs Debian's r-cran-brms, r-cran-rstan and libboost-dev (and, on Debian 12,
#   ln -sfn /usr/include /usr/lib/R/site-library/BH/include).
# For each model NAME it writes, into brms/ beside this script: NAME.csv (the synthetic data, made
# here with a fixed seed), NAME_draws.csv.gz (10,000 draws: 4 chains x 2,500 after 2,500 warm-up,
# columns named as brms prints them), and NAME.txt (formula, family, priors as brms resolved them,
# sampler settings, max R-hat, min bulk ESS, divergences). The matching spec is brms/NAME.yaml.
suppressMessages(library(brms))
options(mc.cores = 2)
here <- "model-core/src/test/resources/reference/brms"
dir.create(here, showWarnings = FALSE)

reference <- function(name, formula, family, data, prior = NULL, seed, adapt_delta = 0.95) {
  write.csv(data, file.path(here, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
  args <- list(formula = formula, data = data, family = family, chains = 4, iter = 5000, warmup = 2500,
               seed = seed, refresh = 0, control = list(adapt_delta = adapt_delta, max_treedepth = 12))
  if (!is.null(prior)) args$prior <- prior
  fit <- do.call(brm, args)
  draws <- as_draws_df(fit)
  keep <- grep("^(b_|sd_|sigma$|nu$|shape$|r_)", names(draws), value = TRUE)
  # y | se(s) has a sigma of constant 0 in brms' draws, not a parameter
  keep <- keep[sapply(keep, function(v) sd(draws[[v]]) > 0)]
  out <- as.data.frame(draws)[, keep, drop = FALSE]
  # subset_draws keeps the chains, which R-hat needs (a plain column subset would drop them)
  s <- posterior::summarise_draws(posterior::subset_draws(draws, variable = keep), "rhat", "ess_bulk")
  divergent <- sum(nuts_params(fit, pars = "divergent__")$Value)
  if (max(s$rhat) >= 1.01) stop(name, ": R-hat ", max(s$rhat))
  con <- gzfile(file.path(here, paste0(name, "_draws.csv.gz")), "w")
  # quoted: the names r_g[level,Intercept] hold commas
  write.csv(signif(out, 7), con, row.names = FALSE, quote = TRUE)
  close(con)
  pr <- prior_summary(fit)
  info <- c(sprintf("%s: brms %s (rstan %s), %s, family %s", name, packageVersion("brms"), packageVersion("rstan"),
                    deparse1(formula(fit)$formula), family$family),
            sprintf("rows %d; 4 chains x 2,500 draws after 2,500 warm-up, adapt_delta %.2f, seed %d", nrow(data),
                    adapt_delta, seed),
            sprintf("max R-hat %.4f, min bulk ESS %.0f, divergences %d", max(s$rhat), min(s$ess_bulk), divergent),
            "priors:",
            sprintf("  %s %s %s %s", ifelse(pr$prior == "", "(flat)", pr$prior), pr$class, pr$coef, pr$group))
  writeLines(info, file.path(here, paste0(name, ".txt")))
  cat(info, sep = "\n")
}

models <- list(
  # 1. gaussian, unknown sigma, flat priors on the coefficients (the intercept too), an uncentred year
  gaussian_year = function() {
    set.seed(101)
    n <- 60
    year <- sample(1990:2019, n, replace = TRUE)
    x <- round(rnorm(n), 3)
    y <- round(3 + 0.4 * (year - 2005) + 1.5 * x + rnorm(n, 0, 2), 3)
    reference("gaussian_year", bf(y ~ year + x), gaussian(), data.frame(y, year, x),
              prior = set_prior("", class = "Intercept"), seed = 1)
  },
  # 2. radon-style varying intercepts: 900 rows, 85 groups of uneven size, half-Cauchy group sd
  radon = function() {
    set.seed(102)
    J <- 85
    size <- pmax(1, rpois(J, 1) + round(rexp(J, 1 / 9.5)))
    size <- round(size * 900 / sum(size))
    size[1] <- size[1] + 900 - sum(size)
    county <- rep(sprintf("c%02d", 1:J), size)
    floor <- rbinom(900, 1, 0.3)
    a <- rnorm(J, 1.4, 0.35)
    y <- round(a[match(county, sprintf("c%02d", 1:J))] - 0.65 * floor + rnorm(900, 0, 0.75), 3)
    reference("radon", bf(y ~ floor + (1 | county)), gaussian(), data.frame(y, floor, county),
              prior = set_prior("cauchy(0, 2.5)", class = "sd"), seed = 2)
  },
  # 3. eight schools (Rubin 1981): known measurement sds, a funnel
  eight_schools = function() {
    d <- data.frame(school = LETTERS[1:8], y = c(28, 8, -3, 7, -1, 1, 18, 12),
                    sigma = c(15, 10, 16, 11, 9, 11, 10, 18))
    reference("eight_schools", bf(y | se(sigma) ~ 1 + (1 | school)), gaussian(), d,
              prior = set_prior("cauchy(0, 5)", class = "sd"), seed = 3, adapt_delta = 0.99)
  },
  # 4a. negative binomial with unknown shape (brms' defaults)
  negbinomial = function() {
    set.seed(104)
    n <- 300
    x1 <- round(rnorm(n), 3)
    x2 <- round(runif(n, -1, 1), 3)
    y <- rnbinom(n, size = 3, mu = exp(1 + 0.5 * x1 - 0.3 * x2))
    reference("negbinomial", bf(y ~ x1 + x2), negbinomial(), data.frame(y, x1, x2), seed = 4)
  },
  # 4b. Student-t with unknown nu (brms' defaults)
  student = function() {
    set.seed(105)
    n <- 200
    x <- round(rnorm(n), 3)
    y <- round(1 + 2 * x + 1.5 * rt(n, df = 3), 3)
    reference("student", bf(y ~ x), student(), data.frame(y, x), seed = 5)
  },
  # 5. binomial with trials, a categorical predictor (dummy coded, first level the reference)
  binomial = function() {
    set.seed(106)
    n <- 120
    trials <- sample(5:20, n, replace = TRUE)
    x <- round(rnorm(n), 3)
    arm <- sample(c("control", "low", "high"), n, replace = TRUE)
    eta <- -0.5 + 0.8 * x + c(control = 0, high = 1, low = 0.4)[arm]
    y <- rbinom(n, trials, plogis(eta))
    reference("binomial", bf(y | trials(trials) ~ x + arm), binomial(), data.frame(y, trials, x, arm), seed = 6)
  },
  # bernoulli with an interaction
  bernoulli = function() {
    set.seed(107)
    n <- 300
    x1 <- round(rnorm(n), 3)
    x2 <- round(rnorm(n), 3)
    y <- rbinom(n, 1, plogis(0.3 + 1.2 * x1 - 0.8 * x2 + 0.5 * x1 * x2))
    reference("bernoulli", bf(y ~ x1 * x2), bernoulli(), data.frame(y, x1, x2),
              prior = set_prior("normal(0, 2.5)", class = "b"), seed = 7)
  },
  # uncorrelated varying intercepts and slopes
  slopes = function() {
    set.seed(109)
    n <- 240
    g <- sample(sprintf("g%d", 1:12), n, replace = TRUE)
    a <- rnorm(12, 0, 0.8)
    b <- rnorm(12, 0, 0.5)
    x <- round(rnorm(n), 3)
    k <- match(g, sprintf("g%d", 1:12))
    y <- round(1 + a[k] + (0.7 + b[k]) * x + rnorm(n, 0, 0.6), 3)
    reference("slopes", bf(y ~ x + (1 + x || g)), gaussian(), data.frame(y, x, g),
              prior = set_prior("normal(0, 1)", class = "sd"), seed = 9)
  },
  # poisson with an offset (log exposure)
  poisson = function() {
    set.seed(108)
    n <- 200
    x <- round(rnorm(n), 3)
    log_exposure <- round(log(runif(n, 0.5, 5)), 4)
    y <- rpois(n, exp(0.2 + 0.6 * x + log_exposure))
    reference("poisson", bf(y ~ x + offset(log_exposure)), poisson(), data.frame(y, x, log_exposure), seed = 8)
  }
)

wanted <- commandArgs(trailingOnly = TRUE)
if (length(wanted) == 0) wanted <- names(models)
for (m in wanted) models[[m]]()
