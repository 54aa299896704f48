"""Records trajectories of Gymnasium-Robotics' Fetch v4 tasks for javelin-mujoco's FetchTrajectoriesTest.

Gymnasium-Robotics is not in the machine's package index, so this runs it from a source checkout:
    git clone https://github.com/Farama-Foundation/Gymnasium-Robotics /tmp/gr   (only gymnasium_robotics/*.py
    and envs/assets/fetch, envs/assets/stls/fetch, envs/assets/textures are needed; the textures may be copied
    from Debian's dart-doc: /usr/share/doc/dart/data/mjcf/openai/robotics/textures)
    GR_SOURCE=/tmp/gr .venv/bin/python tools/record_fetch_trajectories.py
Its package __init__ imports every env family (pettingzoo, ...); the Fetch envs need only mujoco, numpy and
gymnasium, so the script loads gymnasium_robotics.envs.fetch without running that __init__.

For each task and seed: reset(seed=seed), then random float32 actions (action space seeded with seed + 1000),
resetting without a seed after each truncation (50 steps) so the generator continues as in training. One gzipped
JSON file per id under javelin-mujoco/src/test/resources/fetch/; floats with repr(), which round-trips float64.
"""
import gzip
import json
import os
import sys
import types

import gymnasium as gym
import mujoco
import numpy as np

SRC = os.environ.get("GR_SOURCE", "/tmp/gr")
pkg = types.ModuleType("gymnasium_robotics")
pkg.__path__ = [os.path.join(SRC, "gymnasium_robotics")]
sys.modules["gymnasium_robotics"] = pkg
envs_pkg = types.ModuleType("gymnasium_robotics.envs")
envs_pkg.__path__ = [os.path.join(SRC, "gymnasium_robotics", "envs")]
sys.modules["gymnasium_robotics.envs"] = envs_pkg
from gymnasium_robotics.utils import mujoco_utils  # noqa: E402


class _IntEnums(types.ModuleType):
    """mujoco 3.14's enums compare equal to numpy ints but `numpy_int in (enum, enum)` is False, which breaks
    mujoco_utils' joint-type asserts; this view of the module gives those enums as plain ints (same values)."""

    def __getattr__(self, name):
        return getattr(mujoco, name)


_shim = _IntEnums("mujoco")
_shim.mjtJoint = types.SimpleNamespace(**{k: int(getattr(mujoco.mjtJoint, k)) for k in dir(mujoco.mjtJoint) if k.startswith("mjJNT")})
mujoco_utils.mujoco = _shim
from gymnasium_robotics.envs.fetch.pick_and_place import MujocoFetchPickAndPlaceEnv  # noqa: E402
from gymnasium_robotics.envs.fetch.push import MujocoFetchPushEnv  # noqa: E402
from gymnasium_robotics.envs.fetch.reach import MujocoFetchReachEnv  # noqa: E402
from gymnasium_robotics.envs.fetch.slide import MujocoFetchSlideEnv  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "javelin-mujoco", "src", "test", "resources", "fetch")
SEEDS = (0, 1, 42)
STEPS = 120
CASES = [  # (id, class, reward_type)
    ("FetchReach-v4", MujocoFetchReachEnv, "sparse"),
    ("FetchReachDense-v4", MujocoFetchReachEnv, "dense"),
    ("FetchPush-v4", MujocoFetchPushEnv, "sparse"),
    ("FetchSlide-v4", MujocoFetchSlideEnv, "sparse"),
    ("FetchPickAndPlace-v4", MujocoFetchPickAndPlaceEnv, "sparse"),
    ("FetchPickAndPlaceDense-v4", MujocoFetchPickAndPlaceEnv, "dense"),
]


def plain(x):
    if isinstance(x, np.ndarray):
        return [float(v) for v in x.ravel().tolist()]
    if isinstance(x, dict):
        return {k: plain(v) for k, v in x.items()}
    return float(x)


def record(env_id, cls, reward_type):
    runs = []
    for seed in SEEDS:
        env = gym.wrappers.TimeLimit(cls(reward_type=reward_type), max_episode_steps=50)
        env.action_space.seed(seed + 1000)
        obs, info = env.reset(seed=seed)
        events = [{"reset": plain(obs)}]
        for _ in range(STEPS):
            action = env.action_space.sample()
            obs, reward, terminated, truncated, info = env.step(action)
            achieved = env.unwrapped.compute_reward(obs["achieved_goal"][None], obs["desired_goal"][None], [info])
            events.append({"action": plain(action.astype(np.float64)), "obs": plain(obs), "reward": float(reward),
                           "terminated": bool(terminated), "truncated": bool(truncated),
                           "is_success": float(info["is_success"]), "compute_reward": float(achieved[0])})
            if terminated or truncated:
                obs, info = env.reset()
                events.append({"reset": plain(obs)})
        env.close()
        runs.append({"seed": seed, "events": events})
    doc = {"id": env_id, "max_episode_steps": 50, "mujoco": mujoco.__version__, "gymnasium": gym.__version__, "runs": runs}
    path = os.path.join(OUT, env_id + ".json.gz")
    with gzip.open(path, "wt", encoding="utf-8") as f:
        json.dump(doc, f, separators=(",", ":"))
    print(f"{path}: {sum(len(r['events']) for r in runs)} events")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for case in CASES:
        record(*case)
