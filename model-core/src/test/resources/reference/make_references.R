# Reference posteriors for the streaming accuracy tests (StreamingAccuracyTest), from Stan's NUTS.
# Run from the repository root:  Rscript model-core/src/test/resources/reference/make_references.R
# Needs Debian's r-cran-rstan and libboost-dev (and, on Debian 12,
#   ln -sfn /usr/include /usr/lib/R/site-library/BH/include).
# Writes <name>.csv.gz (one draw per row, header = parameter names) and <name>.txt (sampler
# settings, R-hat and bulk ESS of every parameter) beside this script, and the synthetic Poisson
# stream poisson_sparse.csv.
suppressMessages(library(rstan))
rstan_options(auto_write = FALSE)
options(mc.cores = 2)
here <- "model-core/src/test/resources/reference"
data_dir <- "../shared/data"

glm_code <- "
data {
  int<lower=1> N;
  int<lower=1> D;
  matrix[N, D] X;
  int<lower=0, upper=1> family; // 0 bernoulli-logit, 1 poisson-log
  int<lower=0> y[N];
  real<lower=0> prior_sd;
}
parameters {
  vector[D] beta;
}
model {
  beta ~ normal(0, prior_sd);
  if (family == 0) {
    y ~ bernoulli_logit(X * beta);
  } else {
    y ~ poisson_log(X * beta);
  }
}
"
model <- stan_model(model_code = glm_code)

reference <- function(name, X, y, family, prior_sd, seed) {
  fit <- sampling(model, data = list(N = nrow(X), D = ncol(X), X = X, family = family, y = y, prior_sd = prior_sd),
                  chains = 4, iter = 5000, warmup = 2500, seed = seed, refresh = 0,
                  control = list(adapt_delta = 0.9))
  draws <- as.matrix(fit, pars = "beta")
  colnames(draws) <- colnames(X)
  s <- summary(fit, pars = "beta")$summary
  if (max(s[, "Rhat"]) >= 1.01) stop(name, ": R-hat ", max(s[, "Rhat"]))
  con <- gzfile(file.path(here, paste0(name, ".csv.gz")), "w")
  write.csv(format(as.data.frame(draws), digits = 7), con, row.names = FALSE, quote = FALSE)
  close(con)
  info <- c(sprintf("%s: Stan NUTS (rstan %s), 4 chains x 2,500 draws after 2,500 warm-up, adapt_delta 0.9, seed %d",
                    name, packageVersion("rstan"), seed),
            sprintf("rows %d, parameters %d, prior normal(0, %g) on every coefficient, %s likelihood",
                    nrow(X), ncol(X), prior_sd, if (family == 0) "bernoulli-logit" else "poisson-log"),
            sprintf("max R-hat %.4f, min bulk ESS %.0f, divergences %d", max(s[, "Rhat"]), min(s[, "n_eff"]),
                    sum(get_divergent_iterations(fit))))
  writeLines(info, file.path(here, paste0(name, ".txt")))
  cat(info, sep = "\n")
}

glm_data <- function(frame) {
  X <- as.matrix(frame[, setdiff(names(frame), "y")])
  list(X = X, y = as.integer(frame$y))
}

train <- glm_data(read.csv(file.path(data_dir, "waveform_train.csv")))
reference("waveform_train", train$X, train$y, 0, 10, 11)

test <- read.csv(file.path(data_dir, "waveform_test.csv"))
slice <- glm_data(test[2001:4000, ])
reference("waveform_test_2001_4000", slice$X, slice$y, 0, 10, 12)

# a sparse-count Poisson stream: 6 coefficients (intercept + 5 standard-normal features), mean count
# about 0.14, 1,000 rows
set.seed(20261202)
n <- 1000
X <- cbind(intercept = 1, matrix(rnorm(n * 5), n, 5, dimnames = list(NULL, paste0("x", 1:5))))
beta <- c(-2.3, 0.5, -0.4, 0.3, 0, 0.2)
y <- rpois(n, exp(X %*% beta))
write.csv(data.frame(X, y = y), file.path(here, "poisson_sparse.csv"), row.names = FALSE, quote = FALSE)
cat(sprintf("poisson_sparse.csv: mean count %.3f\n", mean(y)))
reference("poisson_sparse", X, y, 1, 10, 13)
