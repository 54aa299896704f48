"""PyTorch reference fixtures for Javelin's AMP discriminator loss (javelin-rl), written as safetensors.

Run with Debian's PyTorch 1.13 (not the python3 on PATH):
    /usr/bin/python3 tools/make_amp_fixtures.py
Writes javelin-rl/src/test/resources/fixtures/amp.safetensors. The loss is skrl's AMP discriminator loss
(skrl/agents/torch/amp/amp.py, _update), term by term. For each case C (a discriminator activation):
    C/<param>                 discriminator weights, nn.Sequential names ("0.weight", "2.bias", "4.weight")
    C/agent, C/replay, C/reference   AMP observations [batch, 6]
    C/prediction              0.5 * (BCE(agent and replay logits, 0) + BCE(reference logits, 1))
    C/logit_regularization    sum of the output layer's weights squared (unscaled)
    C/gradient_penalty        mean over reference samples of |d logit / d input|^2 (unscaled)
    C/weight_decay            sum of every Linear weight squared (unscaled)
    C/total                   discriminator_loss_scale * (prediction + scaled terms), skrl's defaults
    C/reference_input_grad    d logit / d reference input (the first-order gradient inside the penalty)
    C/grad_total/<param>      d total / d param
    C/grad_penalty/<param>    d gradient_penalty / d param: second-order, through create_graph=True
    style/logits, style/reward   -log(max(1 - sigmoid(logit), 1e-4)) * discriminator_reward_scale (2)
"""
import os
import sys
import zlib

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import save  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "javelin-rl", "src", "test", "resources", "fixtures")

# skrl's AMP_DEFAULT_CONFIG
LOSS_SCALE = 5.0
LOGIT_REG = 0.05
GRADIENT_PENALTY = 5.0
WEIGHT_DECAY = 1e-4
REWARD_SCALE = 2.0


def discriminator_case(tensors, name, activation):
    torch.manual_seed(zlib.crc32(name.encode()))
    net = nn.Sequential(nn.Linear(6, 16), activation(), nn.Linear(16, 16), activation(), nn.Linear(16, 1))
    agent, replay, reference = torch.randn(8, 6), torch.randn(8, 6), torch.randn(8, 6) * 0.5 + 1.0
    params = dict(net.named_parameters())

    reference_in = reference.clone().requires_grad_(True)
    agent_logits = net(agent)
    replay_logits = net(replay)
    reference_logits = net(reference_in)
    cat = torch.cat([agent_logits, replay_logits], dim=0)
    bce = nn.BCEWithLogitsLoss()
    prediction = 0.5 * (bce(cat, torch.zeros_like(cat)) + bce(reference_logits, torch.ones_like(reference_logits)))
    logit_regularization = torch.sum(torch.square(torch.flatten(net[-1].weight)))
    (input_grad,) = torch.autograd.grad(reference_logits, reference_in, grad_outputs=torch.ones_like(reference_logits),
                                        create_graph=True, retain_graph=True, only_inputs=True)
    gradient_penalty = torch.sum(torch.square(input_grad), dim=-1).mean()
    weights = [torch.flatten(m.weight) for m in net.modules() if isinstance(m, nn.Linear)]
    weight_decay = torch.sum(torch.square(torch.cat(weights, dim=-1)))
    total = LOSS_SCALE * (prediction + LOGIT_REG * logit_regularization + GRADIENT_PENALTY * gradient_penalty
                          + WEIGHT_DECAY * weight_decay)

    names = list(params)
    grad_penalty = torch.autograd.grad(gradient_penalty, [params[n] for n in names], retain_graph=True, allow_unused=True)
    grad_penalty = [torch.zeros_like(params[n]) if g is None else g for n, g in zip(names, grad_penalty)]  # biases of the last layer
    grad_total = torch.autograd.grad(total, [params[n] for n in names])

    for n in names:
        tensors[f"{name}/{n}"] = params[n].detach().clone()
    tensors[f"{name}/agent"] = agent
    tensors[f"{name}/replay"] = replay
    tensors[f"{name}/reference"] = reference
    for key, value in [("prediction", prediction), ("logit_regularization", logit_regularization),
                       ("gradient_penalty", gradient_penalty), ("weight_decay", weight_decay), ("total", total),
                       ("reference_input_grad", input_grad)]:
        tensors[f"{name}/{key}"] = value.detach().clone().reshape(value.shape if value.dim() else (1,))
    for n, g in zip(names, grad_total):
        tensors[f"{name}/grad_total/{n}"] = g.detach().clone()
    for n, g in zip(names, grad_penalty):
        tensors[f"{name}/grad_penalty/{n}"] = g.detach().clone()


def main():
    tensors = {}
    discriminator_case(tensors, "relu", nn.ReLU)
    discriminator_case(tensors, "tanh", nn.Tanh)
    logits = torch.tensor([-30.0, -5.0, -1.0, 0.0, 0.5, 1.0, 5.0, 9.0, 9.3, 20.0, 80.0]).reshape(-1, 1)
    reward = -torch.log(torch.maximum(1 - 1 / (1 + torch.exp(-logits)), torch.tensor(0.0001))) * REWARD_SCALE
    tensors["style/logits"] = logits
    tensors["style/reward"] = reward
    path = os.path.join(ROOT, "amp.safetensors")
    save(path, tensors, {"generator": "tools/make_amp_fixtures.py", "torch": torch.__version__})
    print(f"wrote {os.path.normpath(path)}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
