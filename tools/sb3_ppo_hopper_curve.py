# Stable-Baselines3 PPO on Hopper-v5 with RL Zoo's Hopper-v4 entry (as presets/ppo/Hopper-v5.yaml), printing the
# mean training return every 50k steps and a final deterministic eval (10 episodes, frozen VecNormalize stats), to
# compare Javelin's learning curve with the reference on this machine. Usage (2 cores: run it alone):
#   py=$(../shared/peers/setup.sh); PYTHONPATH=../shared/peers $py tools/sb3_ppo_hopper_curve.py SEED [STEPS]
import json, sys, time
import numpy as np, torch
from stable_baselines3 import PPO
from stable_baselines3.common.callbacks import BaseCallback
from stable_baselines3.common.env_util import make_vec_env
from stable_baselines3.common.evaluation import evaluate_policy
from stable_baselines3.common.vec_env import VecNormalize

seed = int(sys.argv[1]); steps = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
env = VecNormalize(make_vec_env("Hopper-v5", n_envs=1, seed=seed), gamma=0.999)

class Curve(BaseCallback):
    def _on_step(self):
        if self.num_timesteps % 50_000 == 0 and len(self.model.ep_info_buffer) > 0:
            print(json.dumps({"step": self.num_timesteps, "return": float(np.mean([e["r"] for e in self.model.ep_info_buffer]))}), flush=True)
        return True

m = PPO("MlpPolicy", env, batch_size=32, n_steps=512, gamma=0.999, learning_rate=9.80828e-05, ent_coef=0.00229519,
        clip_range=0.2, n_epochs=5, gae_lambda=0.99, max_grad_norm=0.7, vf_coef=0.835671, seed=seed, device="cpu",
        policy_kwargs=dict(log_std_init=-2, ortho_init=False, activation_fn=torch.nn.ReLU,
                           net_arch=dict(pi=[256, 256], vf=[256, 256])))
t = time.time(); m.learn(steps, callback=Curve()); dt = time.time() - t
eval_env = VecNormalize(make_vec_env("Hopper-v5", n_envs=1, seed=seed + 1_000_000), gamma=0.999, training=False, norm_reward=False)
eval_env.obs_rms = env.obs_rms
mean, std = evaluate_policy(m, eval_env, n_eval_episodes=10, deterministic=True)
print(json.dumps({"seed": seed, "steps": steps, "eval_mean": mean, "eval_std": std, "wall_s": dt}))
