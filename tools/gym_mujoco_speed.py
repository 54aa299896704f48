"""Gymnasium's own steps/s on the MuJoCo v5 tasks, for the side-by-side table beside `javelin bench mujoco`.

Each task: gym.make(id) (with its TimeLimit, as a training loop uses it), random float32 actions drawn ahead of
time, reset when an episode ends; 1 s warm-up, then the median of 9 samples of 0.3 s, as Javelin's bench does.

Run in the same sitting as the Javelin bench, never at the same time:
    .venv/bin/python tools/gym_mujoco_speed.py [ids...]   (default: every v5 task javelin bench mujoco measures)
Prints one JSON object.
"""
import json
import statistics
import sys
import time

import gymnasium as gym
import mujoco

TASKS = ["Ant-v5", "HalfCheetah-v5", "Hopper-v5", "Humanoid-v5", "HumanoidStandup-v5", "InvertedDoublePendulum-v5",
         "InvertedPendulum-v5", "Pusher-v5", "Reacher-v5", "Swimmer-v5", "Walker2d-v5"]


def median_rate(call):
    end = time.perf_counter() + 1.0
    while time.perf_counter() < end:
        for _ in range(100):
            call()
    rates = []
    for _ in range(9):
        n = 0
        start = time.perf_counter()
        stop = start + 0.3
        now = start
        while now < stop:
            for _ in range(100):
                call()
            n += 100
            now = time.perf_counter()
        rates.append(n / (now - start))
    return statistics.median(rates)


def measure(env_id):
    env = gym.make(env_id)
    env.reset(seed=0)
    env.action_space.seed(0)
    actions = [env.action_space.sample() for _ in range(4096)]
    t = [0]

    def step():
        _, _, terminated, truncated, _ = env.step(actions[t[0] & 4095])
        t[0] += 1
        if terminated or truncated:
            env.reset()

    env_rate = median_rate(step)
    frame_skip = env.unwrapped.frame_skip
    env.close()
    return {"gymnasium_steps_per_second": round(env_rate), "frame_skip": frame_skip}


if __name__ == "__main__":
    ids = sys.argv[1:] or TASKS
    print(json.dumps({"gymnasium": gym.__version__, "mujoco": mujoco.__version__,
                      "tasks": {i: measure(i) for i in ids}}))
