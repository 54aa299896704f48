"""PyTorch reference fixtures for DreamerV3's λ-returns and return normalization.

Run with Debian's PyTorch 1.13:  /usr/bin/python3 tools/make_dreamer_fixtures.py
Writes javelin-rl/src/test/resources/fixtures/dreamer.safetensors:
    lambda/rewards [H, N], lambda/values [H + 1, N], lambda/discounts [H, N], lambda/out [H, N]
    lambda/w [H, N] and lambda/grad_{rewards,values,discounts}: gradients of sum(out * w)
    retnorm/batches [K, M], retnorm/low [K], retnorm/high [K], retnorm/scale [K]: the EMA state after each batch
The recursion is written as the reference agent's critic score (danijar/dreamerv3, 2023), independently of Javelin.
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import save  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "javelin-rl", "src", "test", "resources",
                   "fixtures", "dreamer.safetensors")


def lambda_return(rew, val, disc, lam):
    vals = [val[-1]]
    interm = rew + disc * val[1:] * (1 - lam)
    for t in reversed(range(len(disc))):
        vals.append(interm[t] + disc[t] * lam * vals[-1])
    return torch.stack(list(reversed(vals))[:-1])


def main():
    g = torch.Generator().manual_seed(7)
    h, n, lam = 15, 8, 0.95
    rew = torch.randn(h, n, generator=g).requires_grad_()
    val = (3 * torch.randn(h + 1, n, generator=g)).requires_grad_()
    cont = (torch.rand(h, n, generator=g) > 0.1).float()
    disc = (0.997 * cont).requires_grad_()
    out = lambda_return(rew, val, disc, lam)
    w = torch.randn(h, n, generator=g)
    (out * w).sum().backward()
    t = {"lambda/rewards": rew, "lambda/values": val, "lambda/discounts": disc, "lambda/out": out, "lambda/w": w,
         "lambda/grad_rewards": rew.grad, "lambda/grad_values": val.grad, "lambda/grad_discounts": disc.grad}

    k, m, decay, limit = 5, 120, 0.99, 1.0
    batches = torch.randn(k, m, generator=g) * torch.arange(1, k + 1).float()[:, None] * 4 + 2
    low = high = torch.zeros((), dtype=torch.float64)
    lows, highs, scales = [], [], []
    for b in batches.double():
        low = decay * low + (1 - decay) * torch.quantile(b, 0.05)
        high = decay * high + (1 - decay) * torch.quantile(b, 0.95)
        lows.append(low)
        highs.append(high)
        scales.append(torch.clamp(high - low, min=1 / limit))
    t.update({"retnorm/batches": batches, "retnorm/low": torch.stack(lows).float(),
              "retnorm/high": torch.stack(highs).float(), "retnorm/scale": torch.stack(scales).float()})
    save(OUT, t, metadata={"lambda": str(lam), "retnorm_decay": str(decay), "retnorm_max": str(limit),
                           "torch": torch.__version__})
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
