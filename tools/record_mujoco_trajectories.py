"""Records trajectories of Gymnasium 1.3.0's MuJoCo v5 tasks for javelin-mujoco's replay test.

For each case (task id, keyword options, time limit) and seed: reset(seed=seed), then random float32
actions (from the action space, seeded separately), resetting without a seed after each termination or
truncation so the generator continues as in training. Written as one gzipped JSON file per case under
javelin-mujoco/src/test/resources/gymnasium/. Floats are written with repr(), which round-trips float64.

Run: .venv/bin/python tools/record_mujoco_trajectories.py   (needs: pip install mujoco gymnasium)
"""
import gzip
import json
import os

import gymnasium as gym
import mujoco
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "javelin-mujoco", "src", "test", "resources", "gymnasium")
SEEDS = (0, 1, 42)

# (file name, id, kwargs, max_episode_steps, steps per seed)
CASES = [
    ("Ant-v5", "Ant-v5", {}, 40, 90),
    ("HalfCheetah-v5", "HalfCheetah-v5", {}, 40, 90),
    ("HalfCheetah-v5-options", "HalfCheetah-v5",
     {"ctrl_cost_weight": 0.5, "reset_noise_scale": 0.2, "exclude_current_positions_from_observation": False}, 30, 40),
    ("Hopper-v5", "Hopper-v5", {}, 40, 120),
    ("Hopper-v5-options", "Hopper-v5",
     {"healthy_z_range": (0.5, float("inf")), "terminate_when_unhealthy": False,
      "exclude_current_positions_from_observation": False}, 30, 40),
    ("Walker2d-v5", "Walker2d-v5", {}, 40, 120),
    ("Humanoid-v5", "Humanoid-v5", {}, 25, 50),
    ("HumanoidStandup-v5", "HumanoidStandup-v5", {}, 25, 50),
    ("Swimmer-v5", "Swimmer-v5", {}, 40, 90),
    ("Reacher-v5", "Reacher-v5", {}, 50, 110),
    ("Pusher-v5", "Pusher-v5", {}, 40, 90),
    ("InvertedPendulum-v5", "InvertedPendulum-v5", {}, 40, 120),
    ("InvertedDoublePendulum-v5", "InvertedDoublePendulum-v5", {}, 40, 120),
]


def plain(x):
    if isinstance(x, np.ndarray):
        return [plain(v) for v in x.tolist()]
    if isinstance(x, (np.floating, float)):
        return float(x)
    if isinstance(x, (np.integer, int, bool, np.bool_)):
        return x.item() if hasattr(x, "item") else x
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    if isinstance(x, dict):
        return {k: plain(v) for k, v in x.items()}
    return x


def record(name, env_id, kwargs, max_steps, steps):
    runs = []
    for seed in SEEDS:
        env = gym.make(env_id, max_episode_steps=max_steps, **kwargs)
        env.action_space.seed(seed + 1000)
        obs, info = env.reset(seed=seed)
        events = [{"reset": plain(obs), "info": plain(info)}]
        for _ in range(steps):
            action = env.action_space.sample()
            obs, reward, terminated, truncated, info = env.step(action)
            events.append({"action": plain(action.astype(np.float64)), "obs": plain(obs), "reward": float(reward),
                           "terminated": bool(terminated), "truncated": bool(truncated), "info": plain(info)})
            if terminated or truncated:
                obs, info = env.reset()
                events.append({"reset": plain(obs), "info": plain(info)})
        env.close()
        runs.append({"seed": seed, "events": events})
    doc = {"id": env_id, "kwargs": plain(kwargs), "max_episode_steps": max_steps,
           "gymnasium": gym.__version__, "mujoco": mujoco.__version__, "runs": runs}
    path = os.path.join(OUT, name + ".json.gz")
    with gzip.open(path, "wt", encoding="utf-8") as f:
        json.dump(doc, f, separators=(",", ":"))
    print(f"{path}: {sum(len(r['events']) for r in runs)} events")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for case in CASES:
        record(*case)
