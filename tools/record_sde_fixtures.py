"""Records Stable-Baselines3 2.8's gSDE distribution (StateDependentNoiseDistribution) on fixed inputs, for
javelin-rl's StateDependentNoiseTest: the std from log_std (exp and expln, full and reduced), the variance
latent^2 std^2, log-probabilities (plain and tanh-squashed), entropy, and the noise latent . exploration matrix
(one matrix, and one per row). Run: py=$(/work/shared/peers/setup.sh); PYTHONPATH=/work/shared/peers $py
tools/record_sde_fixtures.py > javelin-rl/src/test/resources/fixtures/sde.json"""
import json

import torch as th
from stable_baselines3.common.distributions import StateDependentNoiseDistribution

th.manual_seed(7)
B, L, A = 5, 4, 3


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


cases = []
for full_std in (True, False):
    for use_expln in (False, True):
        for squash in (False, True):
            d = StateDependentNoiseDistribution(A, full_std=full_std, use_expln=use_expln, squash_output=squash,
                                                learn_features=False)
            d.latent_sde_dim = L
            # log_std on both sides of 0, so expln's two branches are exercised
            log_std = (th.rand(L, A if full_std else 1) * 3 - 2)
            mean = th.randn(B, A) * 0.5
            latent = th.randn(B, L)
            d.proba_distribution(mean, log_std, latent)
            weights = th.randn(L, A) * 0.3
            per_row = th.randn(B, L, A) * 0.3
            d.exploration_mat = weights
            d.exploration_matrices = th.randn(7, L, A)  # a different count: SB3 falls back to the one matrix
            noise = d.get_noise(latent)
            d.exploration_matrices = per_row
            noise_per_row = d.get_noise(latent)
            gaussian = mean + th.randn(B, A) * 0.4
            actions = th.tanh(gaussian) if squash else gaussian
            ent = d.entropy()
            cases.append({
                "full_std": full_std, "use_expln": use_expln, "squash": squash,
                "batch": B, "latent_dim": L, "actions_dim": A,
                "log_std": flat(log_std), "log_std_shape": list(log_std.shape),
                "mean": flat(mean), "latent": flat(latent),
                "std": flat(d.get_std(log_std)),
                "distribution_std": flat(d.distribution.stddev),
                "weights": flat(weights), "per_row_weights": flat(per_row),
                "noise": flat(noise), "noise_per_row": flat(noise_per_row),
                "gaussian_actions": flat(gaussian), "actions": flat(actions),
                "log_prob": flat(d.log_prob(actions)),
                "entropy": None if ent is None else flat(ent),
            })
print(json.dumps({"source": "stable_baselines3 " + __import__("stable_baselines3").__version__
                  + ", torch " + th.__version__, "cases": cases}, indent=1))
