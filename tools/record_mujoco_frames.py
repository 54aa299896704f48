"""Records Gymnasium 1.3.0's own rendered frames of MuJoCo tasks (MUJOCO_GL=egl) for javelin-mujoco's
MujocoRenderTest, which renders the same states through Javelin's MjRenderer and compares pixels.

    MUJOCO_GL=egl .venv/bin/python tools/record_mujoco_frames.py

Writes javelin-mujoco/src/test/resources/frames/<id>-seed0-step<k>.png (160x160: small to commit, big enough
to see the body) for k zero-action steps after reset(seed=0).
"""
import os
import pathlib

os.environ.setdefault("MUJOCO_GL", "egl")

import gymnasium as gym  # noqa: E402
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parent.parent / "javelin-mujoco/src/test/resources/frames"
SIZE = 160

if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for env_id, steps in (("Hopper-v5", (0, 20)), ("HalfCheetah-v5", (0,))):
        for k in steps:
            env = gym.make(env_id, render_mode="rgb_array", width=SIZE, height=SIZE)
            env.reset(seed=0)
            zero = np.zeros(env.action_space.shape, dtype=np.float32)
            for _ in range(k):
                env.step(zero)
            frame = env.render()
            path = OUT / f"{env_id}-seed0-step{k}.png"
            Image.fromarray(frame).save(path, optimize=True)
            print(path, frame.shape, float(frame.mean()))
            env.close()
