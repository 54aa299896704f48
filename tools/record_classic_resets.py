"""Records Gymnasium 1.3.0's classic-control episodes for seeds, so Javelin's reset(seed) can be checked against them.

Run with a Python that has gymnasium 1.3.0 and numpy 2.x:
    /work/main/.venv/bin/python tools/record_classic_resets.py
Writes javelin-env/src/test/resources/gymnasium-resets/classic.json: for every classic-control id and seed,
the events of one gym.make(id, max_episode_steps=40) env:
    reset(seed), three reset() that continue np_random, reset(seed) again (the same episode start),
    then 60 steps of the action space's samples (actions recorded), with reset() after every
    terminated or truncated step, so time-limit truncations and continuing resets are covered.
Each reset records the observation and the float64 state (env.unwrapped.state); each step the action,
observation, reward, terminated and truncated. ClassicResetsTest replays them.
"""
import json
import os
import sys

import gymnasium as gym
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "javelin-env", "src", "test", "resources",
                   "gymnasium-resets", "classic.json")
IDS = ["CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1", "Acrobot-v1"]
SEEDS = [0, 1, 42, 123456789, 2**40 + 7]
TIME_LIMIT = 40
STEPS = 60


def floats(a):
    return [float(v) for v in np.asarray(a).ravel()]


def reset_event(env, seed):
    obs, info = env.reset(seed=seed)
    return {"reset": seed, "obs": floats(obs), "state": floats(env.unwrapped.state)}


def record(env_id, seed):
    env = gym.make(env_id, max_episode_steps=TIME_LIMIT)
    env.action_space.seed(seed)
    events = [reset_event(env, seed)]
    events += [reset_event(env, None) for _ in range(3)]
    events.append(reset_event(env, seed))
    for _ in range(STEPS):
        action = env.action_space.sample()
        obs, reward, terminated, truncated, _ = env.step(action)
        events.append({
            "action": int(action) if np.ndim(action) == 0 else floats(action),
            "obs": floats(obs), "reward": float(reward),
            "terminated": bool(terminated), "truncated": bool(truncated),
        })
        if terminated or truncated:
            events.append(reset_event(env, None))
    env.close()
    return {"id": env_id, "seed": seed, "max_episode_steps": TIME_LIMIT, "events": events}


def main():
    if gym.__version__ != "1.3.0":
        sys.exit(f"gymnasium {gym.__version__}: record with gymnasium 1.3.0")
    runs = [record(env_id, seed) for env_id in IDS for seed in SEEDS]
    for run in runs:
        ends = [e for e in run["events"] if "action" in e and (e["terminated"] or e["truncated"])]
        print(f'{run["id"]:26s} seed {run["seed"]:>14}: {len(ends)} episode ends, '
              f'{sum(e["truncated"] for e in ends)} truncated')
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"gymnasium_version": gym.__version__, "numpy_version": np.__version__, "runs": runs}, f,
                  separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
