"""PyTorch reference of the SIVI-SM training step at the authors' waveform configuration.

Written after the structure of the authors' public implementation (Yu and Zhang, ICLR 2023):
the target score is the closed-form logistic score (the family step differentiates through it;
`--score autograd` takes it from autograd of the log posterior instead),
one Adam step for the family and one for the critic per iteration, fresh draws for each.
It is the baseline the engine benchmark is compared with, side by side on the same machine:

    python3 docs/bench/sivism_reference.py --data ../shared/data/waveform_train.csv --threads 1
    ./sivistream bench engine --task waveform --iterations 3000

Prints a last line "it_per_s=<number>" like `sivistream bench engine`.
"""
import argparse
import time

import numpy as np
import torch
import torch.nn as nn


def mlp(widths):
    layers = []
    for i in range(len(widths) - 1):
        layers.append(nn.Linear(widths[i], widths[i + 1]))
        if i < len(widths) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--iterations", type=int, default=2000)
    p.add_argument("--warmup", type=int, default=200)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--device", default="cpu")
    p.add_argument("--score", choices=["analytic", "autograd"], default="analytic",
                   help="analytic: closed-form logistic score, as the authors' code computes it (the family "
                        "step differentiates through it); autograd: gradient of the log posterior")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    dev = torch.device(a.device)

    raw = np.genfromtxt(a.data, delimiter=",", names=True)
    names = [n for n in raw.dtype.names if n != "y"]
    X = torch.tensor(np.stack([raw[n] for n in names], axis=1), dtype=torch.float32, device=dev)
    y = torch.tensor(raw["y"], dtype=torch.float32, device=dev)
    d, k, n = X.shape[1], 10, 100

    def log_posterior(x):  # x: n x d, prior N(0, 10^2)
        eta = x @ X.T
        loglik = (y * eta - nn.functional.softplus(eta)).sum(1)
        return loglik - 0.5 * (x * x).sum(1) / 100.0

    yX = y @ X  # sum_i y_i x_i

    def score(x, create_graph):
        if a.score == "analytic":
            # S(x) = sum_i (y_i - sigmoid(x . X_i)) X_i - x / 100, as one matmul
            return yX - torch.sigmoid(x @ X.T) @ X - x / 100.0
        if not x.requires_grad:
            x = x.requires_grad_(True)
        lp = log_posterior(x).sum()
        return torch.autograd.grad(lp, x, create_graph=create_graph)[0]

    family = mlp([k, 100, 100, d]).to(dev)
    log_sigma = torch.zeros(d, device=dev, requires_grad=True)
    critic = mlp([d, 256, 256, d]).to(dev)
    opt_phi = torch.optim.Adam(list(family.parameters()) + [log_sigma], lr=1e-3)
    opt_f = torch.optim.Adam(critic.parameters(), lr=1e-3)

    def iteration():
        # family step: minimise E[2 f(x)^T (S(x) - grad log q(x|z)) - |f(x)|^2]
        z = torch.randn(n, k, device=dev)
        eps = torch.randn(n, d, device=dev)
        sigma = log_sigma.exp()
        x = family(z) + sigma * eps
        f = critic(x)
        s = score(x, create_graph=True)
        loss = (2 * (f * (s + eps / sigma)).sum(1) - (f * f).sum(1)).mean()
        opt_phi.zero_grad()
        loss.backward()
        opt_phi.step()
        # critic step on fresh draws of the updated family
        with torch.no_grad():
            z = torch.randn(n, k, device=dev)
            eps = torch.randn(n, d, device=dev)
            sigma = log_sigma.exp()
            x = family(z) + sigma * eps
        s = score(x.clone(), create_graph=False).detach()
        f = critic(x)
        loss_f = -(2 * (f * (s + eps / sigma)).sum(1) - (f * f).sum(1)).mean()
        opt_f.zero_grad()
        loss_f.backward()
        opt_f.step()

    for _ in range(a.warmup):
        iteration()
    if dev.type == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(a.iterations):
        iteration()
    if dev.type == "cuda":
        torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    print(f"torch={torch.__version__} threads={a.threads} device={a.device} score={a.score} iterations={a.iterations} "
          f"seconds={seconds:.3f} it_per_s={a.iterations / seconds:.1f}")


if __name__ == "__main__":
    main()
