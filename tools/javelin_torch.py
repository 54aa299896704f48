"""Load a Javelin checkpoint in PyTorch, and run an exported ONNX policy in onnxruntime, on the same observations.

    python tools/javelin_torch.py <run-dir|checkpoint> [--onnx policy.onnx] [--policy policy.safetensors] [--observations N]

Rebuilds the run's policy as torch.nn modules whose parameter names are Javelin's (PPO's ActorCritic: actor.0.weight,
..., log_std; SAC's actor: latent_pi.0.weight, mu.weight, log_std.weight; AMP's policy model: net.0.weight, ...),
loads the checkpoint's "policy" group with load_state_dict(strict=True) -- so every name and shape must match --
and computes the deterministic action from raw observations as Javelin evaluates: the state preprocessor
(skrl's RunningStandardScaler), the MLP, then argmax / clip into the box / tanh rescaled onto the box.
With --onnx it runs `javelin export`'s file in onnxruntime and prints the largest difference; with --policy it
loads `javelin export --format safetensors`'s policy-only file into a plain torch.nn.Sequential (net.0, net.2, ...)
from that file alone (structure in its metadata) and does the same.

Needs torch, safetensors, pyyaml (and onnxruntime for --onnx): a venv from the machine's package index, e.g.
    python3 -m venv .venv && .venv/bin/pip install --index-url file:///opt/pypi/simple torch safetensors pyyaml onnxruntime
The env's action bounds are read from the checkpoint's run config; observations are random (a third of them
100x as large, a third at +-1e4, far outside the scaler's range).
"""
import argparse
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import yaml
from safetensors import safe_open

ACTIVATIONS = {"tanh": nn.Tanh, "relu": nn.ReLU, "elu": nn.ELU, "silu": nn.SiLU, "sigmoid": nn.Sigmoid,
               "softplus": nn.Softplus, "identity": nn.Identity}

# (observation size, action space) of the envs the examples use; "discrete" gives the number of actions
SPACES = {
    "CartPole-v1": (4, ("discrete", 2, 0)),
    "Acrobot-v1": (6, ("discrete", 3, 0)),
    "MountainCar-v0": (2, ("discrete", 3, 0)),
    "Pendulum-v1": (3, ("box", [-2.0], [2.0])),
    "MountainCarContinuous-v0": (2, ("box", [-1.0], [1.0])),
    "PendulumSpin-v0": (3, ("box", [-2.0], [2.0])),
}


def mlp(sizes, activation, last_activation=False):
    """torch.nn.Sequential(Linear, act, ..., Linear[, act]): parameters named 0.weight, 2.weight, ... as Javelin's Mlp."""
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2 or last_activation:
            layers.append(ACTIVATIONS[activation]())
    return nn.Sequential(*layers)


class PpoActorCritic(nn.Module):
    """Javelin's ActorCritic: separate actor/critic MLPs, or a trunk with linear heads; log_std per action."""

    def __init__(self, obs, outputs, cfg, gaussian):
        super().__init__()
        hidden = cfg.get("hidden_sizes", [64, 64])
        act = cfg.get("activation", "tanh")
        self.shared = cfg.get("shared_model", False)
        state_dependent = gaussian and cfg.get("log_std", "state_independent") == "state_dependent"
        actor_out = 2 * outputs if state_dependent else outputs
        self.outputs = outputs
        if self.shared:
            self.trunk = mlp([obs] + hidden, act, last_activation=True)
            self.actor = nn.Linear(hidden[-1], actor_out)
            self.critic = nn.Linear(hidden[-1], 1)
        else:
            self.actor = mlp([obs] + hidden + [actor_out], act)
            self.critic = mlp([obs] + hidden + [1], act)
        if gaussian and not state_dependent:
            self.log_std = nn.Parameter(torch.zeros(outputs))

    def deterministic(self, x):
        return self.actor(self.trunk(x) if self.shared else x)[:, : self.outputs]


class AmpPolicy(nn.Module):
    """skrl's AMP policy model as Javelin saves it: net.* and log_std."""

    def __init__(self, obs, outputs, cfg):
        super().__init__()
        self.net = mlp([obs] + cfg.get("hidden_sizes", [1024, 512]) + [outputs], cfg.get("activation", "relu"))
        self.log_std = nn.Parameter(torch.zeros(outputs))

    def deterministic(self, x):
        return self.net(x)


class SacActor(nn.Module):
    """SB3's SAC actor as Javelin names it: latent_pi, mu, log_std."""

    def __init__(self, obs, outputs, cfg):
        super().__init__()
        arch = cfg.get("net_arch", [256, 256])
        self.latent_pi = mlp([obs] + arch, cfg.get("activation", "relu"), last_activation=True)
        self.mu = nn.Linear(arch[-1], outputs)
        self.log_std = nn.Linear(arch[-1], outputs)

    def deterministic(self, x):
        return torch.tanh(self.mu(self.latent_pi(x)))


def read_run(path):
    if os.path.isdir(path):
        run = path
        files = sorted((f for f in os.listdir(os.path.join(run, "checkpoints")) if f.endswith(".safetensors")),
                       key=lambda f: os.path.getmtime(os.path.join(run, "checkpoints", f)))
        checkpoint = os.path.join(run, "checkpoints", files[-1])
    else:
        checkpoint = path
        run = os.path.dirname(os.path.dirname(os.path.abspath(path)))
    with open(os.path.join(run, "config.yaml")) as f:
        cfg = yaml.safe_load(f)
    groups = {}
    with safe_open(checkpoint, "pt") as f:
        for name in f.keys():
            group, _, rest = name.partition(".")
            groups.setdefault(group, {})[rest] = f.get_tensor(name)
    return cfg, checkpoint, groups


def scaler(cfg, groups):
    """skrl's RunningStandardScaler at inference, in float32: clip((x - mean) / (sqrt(var) + eps), -c, c)."""
    scaled = cfg.get("state_preprocessor") or (cfg["algo"] == "ppo" and cfg.get("normalize", False))
    if not scaled:
        return lambda x: x
    kwargs = cfg.get("state_preprocessor_kwargs") or {}
    eps, clip = kwargs.get("epsilon", 1e-8), kwargs.get("clip_threshold", 5.0)
    state = groups["state_preprocessor"]
    mean, scale = state["running_mean"], torch.sqrt(state["running_variance"]) + eps
    return lambda x: torch.clamp((x - mean) / scale, -clip, clip)


def policy(cfg, groups):
    obs, space = SPACES[cfg["env"]]
    discrete = space[0] == "discrete"
    outputs = space[1] if discrete else len(space[1])
    algo = cfg["algo"]
    if algo == "ppo":
        model = PpoActorCritic(obs, outputs, cfg, not discrete)
    elif algo == "sac":
        model = SacActor(obs, outputs, cfg)
    elif algo == "amp":
        model = AmpPolicy(obs, outputs, cfg)
    else:
        sys.exit(f"no PyTorch rebuild for algorithm '{algo}'; known: ppo, sac, amp")
    model.load_state_dict(groups["policy"], strict=True)  # every Javelin name and shape must match
    standardize = scaler(cfg, groups)

    def act(x):
        with torch.no_grad():
            out = model.deterministic(standardize(torch.from_numpy(x)))
        if discrete:
            return (out.argmax(dim=1, keepdim=True) + space[2]).numpy().astype(np.float32)
        low, high = torch.tensor(space[1]), torch.tensor(space[2])
        if algo == "sac":
            out = low + (high - low) * (out + 1) / 2
        return torch.clamp(out, low, high).numpy()

    return model, act, obs


def policy_file(path):
    """A policy-only .safetensors as a function of raw observations: Sequential MLP, scaler and head from the file."""
    with safe_open(path, "pt") as f:
        meta = f.metadata()
        t = {name: f.get_tensor(name) for name in f.keys()}
    activations = meta["activations"].split(",")
    layers = []
    for i, a in enumerate(activations):
        out, inp = t[f"net.{2 * i}.weight"].shape
        layers.append(nn.Linear(inp, out))
        layers.append(ACTIVATIONS[a]())
    net = nn.Sequential(*layers)
    net.load_state_dict({k[len("net."):]: v for k, v in t.items() if k.startswith("net.")}, strict=True)
    clip = float(meta.get("observation_clip", "inf"))

    def act(x):
        with torch.no_grad():
            h = torch.from_numpy(x)
            if "observation_mean" in t:
                h = torch.clamp((h - t["observation_mean"]) / t["observation_scale"], -clip, clip)
            h = net(h)
            if meta["head"] == "argmax":
                return (h.argmax(dim=1, keepdim=True) + int(meta["action_start"])).numpy().astype(np.float32)
            low, high = t["action_low"], t["action_high"]
            if meta["head"] == "tanh_rescale":
                if "mean_clip" in meta:
                    c = float(meta["mean_clip"])
                    h = torch.clamp(h, -c, c)
                h = low + (high - low) * (torch.tanh(h) + 1) / 2
            return torch.clamp(h, low, high).numpy()

    return net, act


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("run", help="run directory or checkpoint file")
    p.add_argument("--onnx", help="the same run's `javelin export --format onnx` file")
    p.add_argument("--policy", help="the same run's `javelin export --format safetensors` file")
    p.add_argument("--observations", type=int, default=1000)
    args = p.parse_args()

    cfg, checkpoint, groups = read_run(args.run)
    model, act, obs = policy(cfg, groups)
    print(f"{cfg['algo']} on {cfg['env']}: {checkpoint}")
    print("PyTorch module:", type(model).__name__, [n for n, _ in model.named_parameters()])
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, size=(args.observations, obs)).astype(np.float32)
    x[1::3] *= 100
    x[2::3] = np.sign(x[2::3]) * 1e4
    torch_actions = act(x)
    print("PyTorch actions, first 3 rows:", torch_actions[:3].tolist())
    if args.onnx:
        import onnxruntime as ort
        session = ort.InferenceSession(args.onnx, providers=["CPUExecutionProvider"])
        meta = session.get_modelmeta()
        print("ONNX input:", [(i.name, i.type, i.shape) for i in session.get_inputs()],
              "output:", [(o.name, o.type, o.shape) for o in session.get_outputs()])
        print("ONNX metadata:", {k: v for k, v in sorted(meta.custom_metadata_map.items())})
        onnx_actions = session.run(["action"], {"observation": x})[0].astype(np.float32)
        print("onnxruntime actions, first 3 rows:", onnx_actions[:3].tolist())
        diff = float(np.max(np.abs(onnx_actions - torch_actions)))
        print(f"max |onnxruntime - PyTorch| over {args.observations} observations: {diff:.3g}")
    if args.policy:
        net, act_file = policy_file(args.policy)
        print("policy file as", net)
        diff = float(np.max(np.abs(act_file(x) - torch_actions)))
        print(f"max |policy file - checkpoint| over {args.observations} observations: {diff:.3g}")


if __name__ == "__main__":
    main()
