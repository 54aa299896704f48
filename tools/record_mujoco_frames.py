"""Records Gymnasium 1.3.0's own rendered frames (MuJoCo's renderer, MUJOCO_GL=egl) for javelin-mujoco's
MjRendererTest: each task at reset(seed=0) and after 10 steps of a fixed action, 240x240 PNG.

Run: MUJOCO_GL=egl .venv/bin/python tools/record_mujoco_frames.py   (needs: pip install mujoco gymnasium imageio)
"""
import os

import gymnasium as gym
import imageio.v3 as iio
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "javelin-mujoco", "src", "test", "resources", "frames")

if __name__ == "__main__":
    os.environ.setdefault("MUJOCO_GL", "egl")
    os.makedirs(OUT, exist_ok=True)
    for env_id in ["Hopper-v5", "HalfCheetah-v5", "Ant-v5"]:
        env = gym.make(env_id, render_mode="rgb_array", width=240, height=240)
        env.reset(seed=0)
        iio.imwrite(os.path.join(OUT, f"{env_id}-reset.png"), env.render())
        action = np.full(env.action_space.shape, 0.5, dtype=np.float32)
        for _ in range(10):
            env.step(action)
        iio.imwrite(os.path.join(OUT, f"{env_id}-step10.png"), env.render())
        env.close()
        print(env_id)
