"""Records trajectories of Gymnasium 1.3.0's MuJoCo v5 tasks for javelin-mujoco's replay test.

For each case (task id, keyword options, time limit) and seed: reset(seed=seed), then random float32
actions (from the action space, seeded separately), resetting without a seed after each termination or
truncation so the generator continues as in training. Written as one gzipped JSON file per case under
javelin-mujoco/src/test/resources/gymnasium/. Floats are written with repr(), which round-trips float64.

Run: .venv/bin/python tools/record_mujoco_trajectories.py [case ...]   (needs: pip install mujoco gymnasium)
With case names (e.g. Ant-v5-options), only those cases are recorded. Files are gzipped with mtime 0, so
re-recording an unchanged case rewrites the same bytes.
"""
import gzip
import json
import os
import sys

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
    # non-default options: every keyword each task reads, with values that change its bits or its terminations
    ("Ant-v5-options", "Ant-v5",
     {"frame_skip": 4, "forward_reward_weight": 1.5, "ctrl_cost_weight": 0.3, "contact_cost_weight": 2e-3,
      "healthy_reward": 0.5, "main_body": "torso", "healthy_z_range": (0.3, 0.9), "contact_force_range": (-0.5, 0.4),
      "reset_noise_scale": 0.2, "exclude_current_positions_from_observation": False,
      "include_cfrc_ext_in_observation": False}, 30, 60),
    ("Ant-v5-no-termination", "Ant-v5",
     {"main_body": 0, "terminate_when_unhealthy": False, "healthy_z_range": (0.5, 0.6)}, 30, 40),
    ("Walker2d-v5-options", "Walker2d-v5",
     {"forward_reward_weight": 1.5, "ctrl_cost_weight": 0.01, "healthy_reward": 2.0, "healthy_z_range": (0.9, 1.5),
      "healthy_angle_range": (-0.5, 0.5), "reset_noise_scale": 0.02,
      "exclude_current_positions_from_observation": False}, 30, 60),
    ("Walker2d-v5-no-termination", "Walker2d-v5", {"terminate_when_unhealthy": False, "frame_skip": 8}, 30, 40),
    # xml_file by bare name resolves in Gymnasium's assets: v4's model, whose right foot has friction 0.9
    ("Walker2d-v5-v4-model", "Walker2d-v5", {"xml_file": "walker2d.xml"}, 30, 60),
    ("Humanoid-v5-options", "Humanoid-v5",
     {"forward_reward_weight": 1.0, "ctrl_cost_weight": 0.05, "contact_cost_weight": 1e-3,
      "contact_cost_range": (float("-inf"), 0.5), "healthy_reward": 2.0, "terminate_when_unhealthy": False,
      "healthy_z_range": (1.1, 2.1), "reset_noise_scale": 0.05, "exclude_current_positions_from_observation": False,
      "include_cinert_in_observation": False, "include_cvel_in_observation": False,
      "include_qfrc_actuator_in_observation": True, "include_cfrc_ext_in_observation": False}, 25, 40),
    ("HumanoidStandup-v5-options", "HumanoidStandup-v5",
     {"uph_cost_weight": 2.0, "ctrl_cost_weight": 0.2, "impact_cost_weight": 1e-5, "impact_cost_range": (-1.0, 0.1),
      "reset_noise_scale": 0.03, "exclude_current_positions_from_observation": False,
      "include_cinert_in_observation": False, "include_cvel_in_observation": True,
      "include_qfrc_actuator_in_observation": False, "include_cfrc_ext_in_observation": False}, 25, 40),
    ("Swimmer-v5-options", "Swimmer-v5",
     {"frame_skip": 2, "forward_reward_weight": 2.0, "ctrl_cost_weight": 1e-2, "reset_noise_scale": 0.2,
      "exclude_current_positions_from_observation": False}, 30, 40),
    ("Reacher-v5-options", "Reacher-v5", {"frame_skip": 3, "reward_dist_weight": 2.0, "reward_control_weight": 0.3}, 30, 40),
    ("Pusher-v5-options", "Pusher-v5",
     {"frame_skip": 4, "reward_near_weight": 0.7, "reward_dist_weight": 1.3, "reward_control_weight": 0.3}, 30, 40),
    ("InvertedPendulum-v5-options", "InvertedPendulum-v5", {"frame_skip": 3, "reset_noise_scale": 0.1}, 30, 60),
    ("InvertedDoublePendulum-v5-options", "InvertedDoublePendulum-v5",
     {"frame_skip": 4, "healthy_reward": 5.0, "reset_noise_scale": 0.2}, 30, 60),
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
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write(json.dumps(doc, separators=(",", ":")).encode("utf-8"))
    print(f"{path}: {sum(len(r['events']) for r in runs)} events")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    wanted = set(sys.argv[1:])
    unknown = wanted - {c[0] for c in CASES}
    if unknown:
        sys.exit(f"unknown case(s) {sorted(unknown)}; cases: {[c[0] for c in CASES]}")
    for case in CASES:
        if not wanted or case[0] in wanted:
            record(*case)
