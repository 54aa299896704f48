#!/usr/bin/python3
"""PyTorch side of the engine benchmark (issue 2): the same workloads and harness as
dev.javelin.bench.EngineBench, printing the same JSON fields.

Run with Debian's PyTorch 1.13: /usr/bin/python3 tools/bench_torch.py [--threads 1,2] [--only W5-256,...]
Harness: warm up in rounds of WARMUP_S until the time per call settles (5%, at most 8 rounds), then SAMPLES samples of enough calls to last ~SAMPLE_S each; the
reported time is the median per call in microseconds.
"""
import argparse
import json
import statistics
import time

import torch

WARMUP_S = 0.5
SAMPLE_S = 0.05
SAMPLES = 21


def measure(step):
    previous, per = None, 0.0
    for _ in range(8):
        t0 = time.perf_counter()
        calls = 0
        while time.perf_counter() - t0 < WARMUP_S or calls < 5:
            step()
            calls += 1
        per = (time.perf_counter() - t0) / calls
        if previous is not None and abs(per - previous) < 0.05 * per:
            break
        previous = per
    inner = max(1, int(SAMPLE_S / per))
    samples = []
    for _ in range(SAMPLES):
        t = time.perf_counter()
        for _ in range(inner):
            step()
        samples.append((time.perf_counter() - t) / inner * 1e6)
    return statistics.median(samples)


def mlp(sizes, act):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(act())
    return torch.nn.Sequential(*layers)


def train_step(sizes, act, batch):
    """fwd + MSE loss + bwd + Adam(lr=1e-3) on a fixed random batch."""
    net = mlp(sizes, act)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    x = torch.randn(batch, sizes[0])
    y = torch.randn(batch, sizes[-1])

    def step():
        opt.zero_grad()
        loss = ((net(x) - y) ** 2).mean()
        loss.backward()
        opt.step()
    return step


def act_step(sizes, act):
    net = mlp(sizes, act)
    x = torch.randn(1, sizes[0])

    def step():
        with torch.no_grad():
            net(x)
    return step


def gemm_step(n):
    a, b, c = torch.randn(n, n), torch.randn(n, n), torch.empty(n, n)

    def step():
        torch.mm(a, b, out=c)
    return step


WORKLOADS = [
    # key, description, step factory, flops per step (0: not a GEMM)
    ("W1", "MLP 4-64-64-2 tanh, batch 64, fwd+bwd+Adam", lambda: train_step([4, 64, 64, 2], torch.nn.Tanh, 64), 0),
    ("W2", "MLP 17-256-256-6 relu, batch 256, fwd+bwd+Adam", lambda: train_step([17, 256, 256, 6], torch.nn.ReLU, 256), 0),
    ("W3", "MLP 4-64-64-2 tanh, batch 1, forward, no grad", lambda: act_step([4, 64, 64, 2], torch.nn.Tanh), 0),
    ("W4", "MLP 64-1024-1024-64 relu, batch 512, fwd+bwd+Adam", lambda: train_step([64, 1024, 1024, 64], torch.nn.ReLU, 512), 0),
    ("W5-256", "sgemm 256x256x256", lambda: gemm_step(256), 2 * 256 ** 3),
    ("W5-1024", "sgemm 1024x1024x1024", lambda: gemm_step(1024), 2 * 1024 ** 3),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--only", default="", help="comma-separated workload keys")
    args = ap.parse_args()
    only = set(filter(None, args.only.split(",")))
    torch.manual_seed(0)
    results = []
    for threads in [int(t) for t in args.threads.split(",")]:
        torch.set_num_threads(threads)
        for key, desc, factory, flops in WORKLOADS:
            if only and key not in only:
                continue
            us = measure(factory())
            r = {"workload": key, "description": desc, "threads": threads, "median_us": round(us, 3)}
            if flops:
                r["gflops"] = round(flops / us / 1e3, 2)
            results.append(r)
    print(json.dumps({"engine": "pytorch " + torch.__version__, "results": results}))


if __name__ == "__main__":
    main()
