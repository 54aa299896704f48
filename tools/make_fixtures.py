"""PyTorch reference fixtures for the Javelin engine, written as safetensors files.

Run with Debian's PyTorch 1.13 (not the python3 on PATH):
    /usr/bin/python3 tools/make_fixtures.py            # regenerate every fixture
    /usr/bin/python3 tools/make_fixtures.py --check-javelin FILE
The second form checks that a file written by Javelin is read by this independent reader into the values
PyTorch expects. SafeTensorsInteropTest writes javelin-tensor/target/javelin_written.safetensors and
requires it to equal the committed interop/javelin_written.safetensors byte for byte; after a deliberate
change to the writer, check the new file this way and commit it.

Layout: one file per group under javelin-tensor/src/test/resources/fixtures/. A case named C stores
    C/x0, C/x1, ...   differentiable inputs
    C/c0, C/c1, ...   constant inputs (masks, indices as float)
    C/out0, ...       the outputs
    C/w0, ...         fixed random weights: loss = sum_i sum(out_i * w_i)
    C/grad0, ...      d loss / d x_j
so the Java side runs any case with one generic harness; the per-case arguments (axes, strides) are
written out on both sides. Everything is float32 and derived from one seed.
"""
import json
import math
import os
import struct
import sys
import zlib

import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "javelin-tensor", "src", "test", "resources", "fixtures")

# ---- safetensors, by hand (Debian has no python3-safetensors) -------------------------------------

NUMPY = {"F32": "<f4", "F64": "<f8", "F16": "<f2"}
SIZE = {"F32": 4, "F64": 8, "F16": 2, "BF16": 2}


def to_bytes(t, dtype):
    t = t.detach().contiguous()
    if dtype == "BF16":
        return t.to(torch.bfloat16).view(torch.int16).numpy().astype("<i2").tobytes()
    return t.numpy().astype(NUMPY[dtype]).tobytes()


def save(path, tensors, metadata=None, dtypes=None):
    """tensors: dict name -> tensor, written in insertion order; dtypes: name -> dtype (default F32)."""
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, t in tensors.items():
        dtype = (dtypes or {}).get(name, "F32")
        b = to_bytes(t, dtype)
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * (-len(h) % 8)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)
    os.replace(tmp, path)


def load(path):
    """Independent reader: returns (dict name -> float32 tensor, metadata), checking the layout."""
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    data = raw[8 + n:]
    metadata = header.pop("__metadata__", {})
    out, covered = {}, 0
    for name, info in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"][0]):
        begin, end = info["data_offsets"]
        assert begin == covered, f"{name}: starts at {begin}, expected {covered}"
        count = math.prod(info["shape"])
        assert end - begin == count * SIZE[info["dtype"]], f"{name}: byte length mismatch"
        buf = data[begin:end]
        if info["dtype"] == "BF16":
            arr = torch.from_numpy(np.frombuffer(buf, dtype="<i2").copy()).view(torch.bfloat16).float()
        else:
            arr = torch.from_numpy(np.frombuffer(buf, dtype=NUMPY[info["dtype"]]).astype(np.float32))
        out[name] = arr.reshape(info["shape"])
        covered = end
    assert covered == len(data), f"data section has {len(data)} bytes, tensors cover {covered}"
    return out, metadata


# ---- generic cases ------------------------------------------------------------------------------

class Group:
    def __init__(self, name):
        self.name, self.tensors = name, {}

    def case(self, name, fn, xs, cs=()):
        """Runs fn(*xs, *cs) with xs requiring grad; stores inputs, outputs, weights and gradients."""
        assert not any(k.startswith(name + "/") for k in self.tensors), name
        xs = [x.detach().clone().requires_grad_(True) for x in xs]
        out = fn(*xs, *cs)
        outs = list(out) if isinstance(out, (tuple, list)) else [out]
        ws = [torch.randn(o.shape) for o in outs]
        for i, x in enumerate(xs):
            self.tensors[f"{name}/x{i}"] = x.detach().clone()
        for i, c in enumerate(cs):
            self.tensors[f"{name}/c{i}"] = c.detach().clone().float()
        for i, (o, w) in enumerate(zip(outs, ws)):
            self.tensors[f"{name}/out{i}"] = o.detach().clone()
            self.tensors[f"{name}/w{i}"] = w
        if xs:
            loss = sum((o * w).sum() for o, w in zip(outs, ws))
            grads = torch.autograd.grad(loss, xs, allow_unused=True)
            for i, (x, g) in enumerate(zip(xs, grads)):
                self.tensors[f"{name}/grad{i}"] = torch.zeros_like(x) if g is None else g.detach().clone()

    def save(self):
        save(os.path.join(ROOT, self.name + ".safetensors"), self.tensors,
             {"generator": "tools/make_fixtures.py", "torch": torch.__version__})


def randn(*shape):
    return torch.randn(shape)


def away_from(x, points, gap=0.05):
    """Moves entries within gap of a kink (relu at 0, clamp bounds) so finite float noise cannot flip a branch."""
    x = x.clone()
    for p in points:
        near = (x - p).abs() < gap
        x[near] = p + torch.where(x[near] >= p, torch.tensor(gap), torch.tensor(-gap)) * 2
    return x


def elementwise():
    g = Group("elementwise")
    a = randn(3, 4)
    for op, fn in [("add", torch.add), ("sub", torch.sub), ("mul", torch.mul), ("div", torch.div)]:
        den = (lambda s: randn(*s).sign() * (randn(*s).abs() + 0.5)) if op == "div" else (lambda s: randn(*s))
        g.case(f"{op}.same", fn, [a, den((3, 4))])
        g.case(f"{op}.row", fn, [a, den((4,))])
        g.case(f"{op}.column", fn, [a, den((3, 1))])
        g.case(f"{op}.scalar", fn, [a, den(())])
        g.case(f"{op}.both", fn, [randn(2, 1, 4), den((3, 1))])
        g.case(f"{op}.float", lambda x: fn(x, 1.75), [a])
    pos = torch.rand(3, 4) * 2 + 0.2
    g.case("neg", torch.neg, [a])
    g.case("exp", torch.exp, [a])
    g.case("log", torch.log, [pos])
    g.case("sqrt", torch.sqrt, [pos])
    g.case("pow.float", lambda x: torch.pow(x, 2.5), [pos])
    g.case("pow.square", lambda x: torch.pow(x, 2.0), [a])
    g.case("pow.tensor", torch.pow, [pos, randn(3, 4)])
    g.case("abs", torch.abs, [away_from(a, [0])])
    g.case("tanh", torch.tanh, [a * 2])
    g.case("sigmoid", torch.sigmoid, [a * 3])
    g.case("relu", torch.relu, [away_from(a, [0])])
    g.case("elu", F.elu, [a * 2])
    g.case("silu", F.silu, [a * 2])
    g.case("softplus", F.softplus, [a * 2])
    g.case("softplus.large", F.softplus, [a * 15])
    g.case("clamp", lambda x: torch.clamp(x, -0.5, 0.7), [away_from(a, [-0.5, 0.7])])
    b = randn(3, 4)
    b[0, :2] = a[0, :2]  # ties: torch gives each side half of the gradient
    g.case("minimum", torch.minimum, [a, b])
    g.case("maximum", torch.maximum, [a, b])
    g.case("maximum.row", torch.maximum, [a, randn(4)])
    mask = (torch.rand(3, 4) > 0.5).float()
    g.case("where", lambda x, y, m: torch.where(m > 0, x, y), [a, randn(3, 4)], [mask])
    g.case("where.broadcast", lambda x, y, m: torch.where(m > 0, x, y), [a, randn(4)], [(torch.rand(3, 1) > 0.5).float()])
    g.case("square", torch.square, [a])
    g.case("log1p", torch.log1p, [pos - 0.15])
    g.case("expm1", torch.expm1, [a])
    g.case("detach", lambda x: x * x.detach(), [a])

    def straight_through(logits):
        # DreamerV3's one-hot sample with straight-through gradients: value of the sample, gradient of the probabilities.
        p = torch.softmax(logits, -1)
        hard = F.one_hot(logits.argmax(-1), logits.shape[-1]).float()
        return hard + p - p.detach()
    g.case("straight_through", straight_through, [randn(3, 4)])
    # 67 elements: the vectorized kernels run full vectors and then a tail (12 elements would be all tail).
    v = randn(67) * 3
    vpos = torch.rand(67) * 5 + 0.05
    for name, fn, x in [("exp", torch.exp, v), ("log", torch.log, vpos), ("sqrt", torch.sqrt, vpos), ("tanh", torch.tanh, v),
                        ("sigmoid", torch.sigmoid, v), ("relu", torch.relu, away_from(v, [0])), ("elu", F.elu, v),
                        ("silu", F.silu, v), ("softplus", F.softplus, v * 4), ("abs", torch.abs, away_from(v, [0])),
                        ("log1p", torch.log1p, vpos), ("expm1", torch.expm1, v), ("add", lambda t: t + t.flip(0), v),
                        ("mul", lambda t: t * t.flip(0), v), ("div", lambda t: t / vpos, v)]:
        g.case(f"{name}.long", fn, [x])
    g.save()


def reductions():
    g = Group("reductions")
    x = randn(3, 4, 5)
    g.case("sum.all", torch.sum, [x])
    g.case("sum.axis1", lambda t: t.sum(1), [x])
    g.case("sum.axis0.keepdim", lambda t: t.sum(0, keepdim=True), [x])
    g.case("mean.all", torch.mean, [x])
    g.case("mean.axis-1", lambda t: t.mean(-1), [x])
    g.case("max.all", torch.max, [x])
    g.case("max.axis1", lambda t: t.max(1).values, [x])
    g.case("max.axis2.keepdim", lambda t: t.max(2, keepdim=True).values, [x])
    g.case("logsumexp.axis1", lambda t: torch.logsumexp(t, 1), [x * 3])
    g.case("logsumexp.axis-1.keepdim", lambda t: torch.logsumexp(t, -1, keepdim=True), [x * 3])
    g.case("logsumexp.all", lambda t: torch.logsumexp(t.reshape(-1), 0), [x * 3])
    g.case("softmax.axis1", lambda t: torch.softmax(t, 1), [x * 2])
    g.case("softmax.axis-1", lambda t: torch.softmax(t, -1), [x * 2])
    g.case("log_softmax.axis-1", lambda t: torch.log_softmax(t, -1), [x * 2])
    g.case("log_softmax.axis0", lambda t: torch.log_softmax(t, 0), [x * 2])
    g.case("layer_norm.last", lambda t, w, b: F.layer_norm(t, (5,), w, b, 1e-5), [x * 2 + 1, randn(5), randn(5)])
    g.case("layer_norm.last2", lambda t, w, b: F.layer_norm(t, (4, 5), w, b, 1e-5), [x, randn(4, 5), randn(4, 5)])
    g.case("layer_norm.noaffine", lambda t: F.layer_norm(t, (5,), None, None, 1e-3), [x])
    g.save()


def matmul():
    g = Group("matmul")
    g.case("matmul.2d", torch.matmul, [randn(3, 4), randn(4, 5)])
    g.case("matmul.batched", torch.matmul, [randn(2, 3, 4), randn(2, 4, 5)])
    g.case("matmul.batched_by_2d", torch.matmul, [randn(2, 3, 4), randn(4, 5)])
    g.case("matmul.2d_by_batched", torch.matmul, [randn(3, 4), randn(2, 4, 5)])
    g.case("matmul.large", torch.matmul, [randn(17, 40), randn(40, 9)])
    g.case("linear", F.linear, [randn(5, 4), randn(3, 4), randn(3)])
    g.case("linear.nobias", F.linear, [randn(5, 4), randn(3, 4)])
    g.case("linear.3d", F.linear, [randn(2, 5, 4), randn(3, 4), randn(3)])
    g.case("linear.batch1", F.linear, [randn(1, 4), randn(64, 4), randn(64)])
    g.case("linear.batch1.wide", F.linear, [randn(1, 64), randn(2, 64), randn(2)])
    g.case("matmul.row", torch.matmul, [randn(1, 5), randn(5, 7)])
    g.save()


def shapes():
    g = Group("shapes")
    x = randn(2, 3, 4)
    g.case("reshape", lambda t: t.reshape(6, 4), [x])
    g.case("reshape.infer", lambda t: t.reshape(4, -1), [x])
    g.case("transpose", lambda t: t.transpose(0, 2), [x])
    g.case("permute", lambda t: t.permute(2, 0, 1), [x])
    g.case("cat.axis0", lambda a, b: torch.cat([a, b], 0), [x, randn(1, 3, 4)])
    g.case("cat.axis2", lambda a, b, c: torch.cat([a, b, c], 2), [x, randn(2, 3, 1), randn(2, 3, 2)])
    g.case("split.axis1", lambda t: torch.split(t, [1, 2], 1), [x])
    g.case("narrow", lambda t: t.narrow(2, 1, 2), [x])
    g.case("gather.axis1", lambda t, i: t.gather(1, i.long()), [randn(3, 5)], [torch.tensor([[0, 4], [2, 2], [1, 0]])])
    g.case("gather.axis0", lambda t, i: t.gather(0, i.long()), [randn(3, 4)], [torch.tensor([[2, 0, 1, 1]])])
    g.case("index_select.axis0", lambda t, i: t.index_select(0, i.long()), [randn(4, 3)], [torch.tensor([3, 0, 3, 1, 0])])
    g.case("index_select.axis1", lambda t, i: t.index_select(1, i.long()), [x], [torch.tensor([2, 0, 2])])
    g.case("one_hot", lambda i: F.one_hot(i.long(), 5).float(), [], [torch.tensor([[0, 4, 2], [1, 1, 3]])])
    g.case("stack.axis1", lambda a, b: torch.stack([a, b], 1), [randn(3, 4), randn(3, 4)])
    g.case("unsqueeze.squeeze", lambda t: t.unsqueeze(1).squeeze(0), [randn(1, 4)])
    g.save()


def conv():
    g = Group("conv")
    g.case("conv2d.s2p1", lambda x, w, b: F.conv2d(x, w, b, stride=2, padding=1), [randn(2, 3, 7, 6), randn(4, 3, 3, 3), randn(4)])
    g.case("conv2d.s1p0", lambda x, w, b: F.conv2d(x, w, b), [randn(1, 2, 5, 5), randn(3, 2, 2, 3), randn(3)])
    g.case("conv2d.s2p0.k4", lambda x, w, b: F.conv2d(x, w, b, stride=2), [randn(2, 1, 10, 10), randn(2, 1, 4, 4), randn(2)])
    g.case("conv2d.nobias", lambda x, w: F.conv2d(x, w, None, stride=1, padding=2), [randn(1, 2, 4, 4), randn(2, 2, 3, 3)])
    g.case("conv_transpose2d.s2p1op1", lambda x, w, b: F.conv_transpose2d(x, w, b, stride=2, padding=1, output_padding=1),
           [randn(2, 3, 4, 3), randn(3, 2, 3, 3), randn(2)])
    g.case("conv_transpose2d.s1p0", lambda x, w, b: F.conv_transpose2d(x, w, b), [randn(1, 2, 3, 3), randn(2, 3, 2, 2), randn(3)])
    g.case("conv_transpose2d.s2p0.k4", lambda x, w, b: F.conv_transpose2d(x, w, b, stride=2), [randn(1, 2, 4, 4), randn(2, 1, 4, 4), randn(1)])
    g.save()


def gru():
    g = Group("gru")
    # torch.nn.GRUCell: gates stacked r, z, n; n = tanh(W_in x + b_in + r * (W_hn h + b_hn)); h' = (1 - z) n + z h
    for batch, inp, hid in [(3, 5, 4), (2, 7, 6)]:
        cell = torch.nn.GRUCell(inp, hid)
        params = [cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh]
        g.case(f"gru_cell.{batch}x{inp}x{hid}", lambda x, h, wih, whh, bih, bhh: torch._VF.gru_cell(x, h, wih, whh, bih, bhh),
               [randn(batch, inp), randn(batch, hid)] + [p.detach() for p in params])
    g.save()


def dist():
    g = Group("dist")
    D = torch.distributions
    loc, scale = randn(4, 3), torch.rand(4, 3) + 0.3
    g.case("normal.log_prob", lambda m, s, v: D.Normal(m, s).log_prob(v), [loc, scale, randn(4, 3)])
    g.case("normal.entropy", lambda m, s: D.Normal(m, s).entropy(), [loc, scale])
    logits = randn(4, 5) * 2
    g.case("categorical.log_prob", lambda l, a: D.Categorical(logits=l).log_prob(a.long()), [logits], [torch.tensor([0, 4, 2, 2])])
    g.case("categorical.entropy", lambda l: D.Categorical(logits=l).entropy(), [logits])
    # log|d tanh(u)/du| = log(1 - tanh(u)^2) in the stable form torch's TanhTransform uses: 2 (log 2 - u - softplus(-2u)).
    u = torch.cat([randn(4, 3), torch.tensor([[8.0, -9.0, 0.0]])])
    tanh_t = D.transforms.TanhTransform()
    g.case("tanh.log_abs_det_jacobian", lambda v: tanh_t.log_abs_det_jacobian(v, torch.tanh(v)), [u])
    loc5, scale5 = torch.cat([loc, randn(1, 3)]), torch.cat([scale, torch.rand(1, 3) + 0.3])
    g.case("squashed_normal.log_prob_from_pre_tanh",
           lambda m, s, v: (D.Normal(m, s).log_prob(v) - tanh_t.log_abs_det_jacobian(v, torch.tanh(v))).sum(-1),
           [loc5, scale5, u])
    blogits = randn(6) * 2
    g.case("bernoulli.log_prob", lambda l, v: D.Bernoulli(logits=l).log_prob(v), [blogits], [torch.tensor([1.0, 0, 0, 1, 1, 0])])
    g.case("bernoulli.entropy", lambda l: D.Bernoulli(logits=l).entropy(), [blogits])
    g.case("categorical.kl", lambda p, q: D.kl_divergence(D.Categorical(logits=p), D.Categorical(logits=q)), [logits, randn(4, 5)])
    # Cases below were added later: appended, so the random draws of the cases above (and their tensors) stay as they were.
    g.case("categorical.log_prob.batched", lambda l, a: D.Categorical(logits=l).log_prob(a.long()), [randn(2, 3, 4) * 2],
           [torch.tensor([[0, 3, 1], [2, 2, 0]])])
    a = torch.tanh(torch.cat([randn(4, 3), torch.tensor([[3.5, -3.8, 0.1]])]))  # |a| up to 0.999: far into the tanh tail
    g.case("squashed_normal.log_prob_from_action",
           lambda m, s, v: (D.Normal(m, s).log_prob(atanh_clamped(v)) - tanh_t.log_abs_det_jacobian(atanh_clamped(v), v)).sum(-1),
           [loc5, scale5, a])
    g.case("bernoulli.mean", torch.sigmoid, [blogits])
    # DreamerV3's OneHot with unimix (outs.OneHot/Categorical): probs = (1 - unimix) softmax + unimix / K, logits = log probs.
    ulogits, uq = randn(2, 3, 5) * 3, randn(2, 3, 5) * 3
    event = F.one_hot(torch.tensor([[0, 4, 2], [1, 1, 3]]), 5).float()
    g.case("onehot.unimix.probs", lambda l: unimix(l, 0.01), [ulogits])
    g.case("onehot.unimix.log_prob", lambda l, e: D.OneHotCategorical(probs=unimix(l, 0.01)).log_prob(e), [ulogits], [event])
    g.case("onehot.unimix.entropy", lambda l: D.OneHotCategorical(probs=unimix(l, 0.01)).entropy(), [ulogits])
    g.case("onehot.unimix.kl", lambda p, q: D.kl_divergence(D.OneHotCategorical(probs=unimix(p, 0.01)), D.OneHotCategorical(probs=unimix(q, 0.01))),
           [ulogits, uq])
    g.case("onehot.entropy", lambda l: D.OneHotCategorical(logits=l).entropy(), [ulogits])
    # symlog / symexp (DreamerV3 eq. 1); inputs avoid 0, where torch's sign(x) log1p(|x|) has gradient 0 instead of 1.
    g.case("symlog", symlog, [randn(3, 7) * 5])
    g.case("symexp", symexp, [randn(3, 7) * 3])
    # Two-hot over the two official bin placements, computed by hand as in the official code.
    sym_bins, lin_bins = symexp_bins(255), torch.linspace(-20, 20, 255)
    g.case("twohot.symexp_bins", lambda: sym_bins, [])
    g.case("twohot.symlog_bins", lambda: lin_bins, [])
    targets = torch.cat([randn(6) * torch.tensor([0.3, 2, 10, 100, 1e3, 1e5]), torch.tensor([0.0, sym_bins[140].item(), -1e9, 1e9, -0.004, 2.5])])
    # The bins go in as constants, so a last-ulp difference in building them cannot move a target off its bin.
    g.case("twohot.encode.symexp_bins", twohot, [targets], [sym_bins])
    g.case("twohot.encode.symlog_bins", lambda x, b: twohot(symlog(x), b), [targets[targets != 0]], [lin_bins])
    # Critic-like logits: peaked near some bin, so the mean is not a cancellation of huge tail bins.
    centers = torch.tensor([127.0, 140.3, 96.8, 200.0])
    peaked = -0.5 * ((torch.arange(255.0) - centers[:, None]) / 4) ** 2 + randn(4, 255) * 0.3
    vtargets = torch.tensor([0.5, -40.0, 1e4, -3e6])
    g.case("twohot.log_prob.symexp_bins", lambda l, t, b: (twohot(t, b) * torch.log_softmax(l, -1)).sum(-1), [peaked], [vtargets, sym_bins])
    g.case("twohot.log_prob.symlog_bins", lambda l, t, b: (twohot(symlog(t), b) * torch.log_softmax(l, -1)).sum(-1), [peaked], [vtargets, lin_bins])
    g.case("twohot.mean.symexp_bins", lambda l, b: symmetric_mean(torch.softmax(l, -1), b), [peaked], [sym_bins])
    g.case("twohot.mean.symlog_bins", lambda l, b: symexp(symmetric_mean(torch.softmax(l, -1), b)), [peaked], [lin_bins])
    g.save()


def atanh_clamped(a):
    return torch.atanh(a.clamp(-1 + 1e-6, 1 - 1e-6))


def unimix(logits, mix):
    return (1 - mix) * torch.softmax(logits, -1) + mix / logits.shape[-1]


def symlog(x):
    return torch.sign(x) * torch.log1p(torch.abs(x))


def symexp(x):
    return torch.sign(x) * torch.expm1(torch.abs(x))


def symexp_bins(n):
    """embodied/jax/heads.py symexp_twohot for odd n: the negative half and its mirror."""
    half = symexp(torch.linspace(-20, 0, (n - 1) // 2 + 1))
    return torch.cat([half, -half[:-1].flip(0)])


def twohot(x, bins):
    """The official TwoHot loss target (outs.TwoHot.loss / jaxutils.TwoHotDist.log_prob), differentiable in x."""
    k = len(bins)
    below = ((bins <= x[..., None]).sum(-1) - 1).clamp(0, k - 1)
    above = (k - (bins > x[..., None]).sum(-1)).clamp(0, k - 1)
    equal = below == above
    to_below = torch.where(equal, torch.ones_like(x), (bins[below] - x).abs())
    to_above = torch.where(equal, torch.ones_like(x), (bins[above] - x).abs())
    total = to_below + to_above
    return F.one_hot(below, k) * (to_above / total)[..., None] + F.one_hot(above, k) * (to_below / total)[..., None]


def symmetric_mean(probs, bins):
    """The official TwoHot.pred for odd K: the middle term plus mirrored pairs, so symmetric bins cancel exactly."""
    m = (len(bins) - 1) // 2
    terms = probs * bins
    return terms[..., m] + (terms[..., :m].flip(-1) + terms[..., m + 1:]).sum(-1)


def second_order():
    g = Group("second_order")
    acts = {"tanh": torch.tanh, "relu": torch.relu, "softplus": F.softplus}
    for name, act in acts.items():
        # AMP-style gradient penalty: p = || d (sum out * v) / d x ||^2, differentiated again w.r.t. x and the params.
        def penalty(x, w1, b1, w2, b2, v, act=act):
            out = F.linear(act(F.linear(x, w1, b1)), w2, b2)
            (gx,) = torch.autograd.grad((out * v).sum(), x, create_graph=True)
            return gx.pow(2).sum(), gx
        x = randn(5, 3)
        if name == "relu":
            x = away_from(x, [0])
        g.case(f"grad_penalty.{name}", penalty, [x, randn(8, 3), randn(8) * 0.5, randn(2, 8), randn(2), randn(5, 2)])
    g.save()


def optim():
    net = torch.nn.Sequential(torch.nn.Linear(4, 64), torch.nn.Tanh(), torch.nn.Linear(64, 64), torch.nn.Tanh(), torch.nn.Linear(64, 2))
    init = {k: v.detach().clone() for k, v in net.state_dict().items()}
    x, y = randn(32, 4), randn(32, 2)
    t = {"data/x": x, "data/y": y}
    t.update({f"init/{k}": v for k, v in init.items()})
    loss = F.mse_loss(net(x), y)
    loss.backward()
    t["init/loss"] = loss.detach()
    t.update({f"init_grad/{k}": p.grad.detach().clone() for k, p in net.named_parameters()})
    # Adam stores every step; AdamW only a few, to keep the committed files small.
    # lr 1e-3 (PyTorch's default): at 1e-2 the float32 trajectory itself drifts 8e-5 from float64 by step 4, too close to
    # the 1e-4 tolerance for two float32 implementations; at 1e-3 the drift stays below 2e-5. AdamW's decay of 0.5 makes
    # lr * wd = 5e-4 per step, so a missing or coupled decay shows well above the tolerance.
    for opt_name, make, keep in [("adam", lambda p: torch.optim.Adam(p, lr=1e-3), range(1, 11)),
                                 ("adamw", lambda p: torch.optim.AdamW(p, lr=1e-3, weight_decay=0.5), [1, 2, 10])]:
        net.load_state_dict(init)
        opt = make(net.parameters())
        losses = []
        for step in range(1, 11):
            opt.zero_grad()
            loss = F.mse_loss(net(x), y)
            loss.backward()
            opt.step()
            losses.append(loss.item())
            if step in keep:
                t.update({f"{opt_name}/step{step}/{k}": v.detach().clone() for k, v in net.state_dict().items()})
        t[f"{opt_name}/loss"] = torch.tensor(losses)
    save(os.path.join(ROOT, "optim.safetensors"), t,
         {"generator": "tools/make_fixtures.py", "torch": torch.__version__, "net": "Linear(4,64) Tanh Linear(64,64) Tanh Linear(64,2)",
          "loss": "mse_loss(net(data/x), data/y); init_grad is its gradient at init; <opt>/loss[k-1] is the loss before step k", "adam": "lr=1e-3", "adamw": "lr=1e-3 weight_decay=0.5"})


def nn_optim():
    """Optimizer variants and clip_grad_norm_ on a Linear(3, 2) regression, from stored weights and data."""
    t = {}
    net = torch.nn.Linear(3, 2)
    init = {k: v.detach().clone() for k, v in net.state_dict().items()}
    x, y = randn(8, 3), randn(8, 2)
    t.update({"data/x": x, "data/y": y})
    t.update({f"init/{k}": v for k, v in init.items()})
    # SGD with momentum, Adam with L2 (coupled) decay, AdamW with non-default betas/eps: 5 steps each, every step kept.
    for opt_name, make in [("sgd_momentum", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)),
                           ("sgd", lambda p: torch.optim.SGD(p, lr=0.1)),
                           ("adam_l2", lambda p: torch.optim.Adam(p, lr=1e-2, weight_decay=0.1)),
                           ("adamw_betas", lambda p: torch.optim.AdamW(p, lr=1e-2, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.2))]:
        net.load_state_dict(init)
        opt = make(net.parameters())
        for step in range(1, 6):
            opt.zero_grad()
            F.mse_loss(net(x), y).backward()
            opt.step()
            t.update({f"{opt_name}/step{step}/{k}": v.detach().clone() for k, v in net.state_dict().items()})
    # clip_grad_norm_ over three gradients: one clipped case, one below the limit (left unchanged).
    for case, max_norm in [("clip", 0.5), ("noclip", 100.0)]:
        ps = [torch.nn.Parameter(randn(4, 3)), torch.nn.Parameter(randn(5)), torch.nn.Parameter(randn(2, 2, 2))]
        for i, p in enumerate(ps):
            p.grad = randn(*p.shape) * 3
            t[f"{case}/grad{i}"] = p.grad.detach().clone()
        t[f"{case}/total_norm"] = torch.nn.utils.clip_grad_norm_(ps, max_norm).reshape(1).detach()
        for i, p in enumerate(ps):
            t[f"{case}/clipped{i}"] = p.grad.detach().clone()
    # torch's LinearLR stepped after each of 6 updates: the rate for updates 2..7.
    opt = torch.optim.SGD(net.parameters(), lr=2e-3)
    sched = torch.optim.lr_scheduler.LinearLR(opt, start_factor=1.0, end_factor=0.1, total_iters=4)
    lrs = []
    for _ in range(6):
        opt.step()
        sched.step()
        lrs.append(opt.param_groups[0]["lr"])
    t["linear_lr/lrs"] = torch.tensor(lrs, dtype=torch.float64)
    save(os.path.join(ROOT, "nn_optim.safetensors"), t,
         {"generator": "tools/make_fixtures.py", "torch": torch.__version__, "net": "Linear(3,2), mse_loss(net(data/x), data/y)",
          "sgd_momentum": "lr=0.1 momentum=0.9", "sgd": "lr=0.1", "adam_l2": "lr=1e-2 weight_decay=0.1",
          "adamw_betas": "lr=1e-2 betas=(0.8,0.99) eps=1e-6 weight_decay=0.2",
          "clip": "clip_grad_norm_(max_norm=0.5) of grad0..2", "noclip": "clip_grad_norm_(max_norm=100)",
          "linear_lr": "LinearLR(SGD(lr=2e-3), start_factor=1, end_factor=0.1, total_iters=4), lr after each of 6 steps"},
         {"linear_lr/lrs": "F64"})


def interop():
    """A file with every dtype Javelin reads; <name>.expected holds PyTorch's own float32 conversion."""
    base = torch.tensor([0.0, -0.0, 1.0, -2.5, 3.14159265, 1e-3, 65504.0, 1e-7, 7e4, -1e30, float("inf"), float("nan")])
    tensors, dtypes = {}, {}
    for dtype, torch_dtype in [("F32", torch.float32), ("F64", torch.float64), ("F16", torch.float16), ("BF16", torch.bfloat16)]:
        v = (base.double() * 1.0000001).to(torch_dtype) if dtype == "F64" else base.to(torch_dtype)
        tensors[f"values.{dtype}"] = v.reshape(3, 4)
        dtypes[f"values.{dtype}"] = dtype
        tensors[f"values.{dtype}.expected"] = v.float().reshape(3, 4)
    tensors["matrix.F16"] = randn(5, 7)
    dtypes["matrix.F16"] = "F16"
    tensors["matrix.F16.expected"] = tensors["matrix.F16"].half().float()
    tensors["scalar"] = torch.tensor(2.5)
    tensors["scalar.expected"] = torch.tensor(2.5)
    tensors["empty"] = torch.zeros(0, 3)
    tensors["empty.expected"] = torch.zeros(0, 3)
    save(os.path.join(ROOT, "interop", "torch_written.safetensors"), tensors,
         {"format": "pt", "written_by": "tools/make_fixtures.py", "quote\"and\\slash": "ünïcode ✓"}, dtypes)


def check_javelin(path):
    """The Javelin-written file must hold the float32 conversions from torch_written, with its metadata."""
    ours, meta = load(path)
    ref, ref_meta = load(os.path.join(ROOT, "interop", "torch_written.safetensors"))
    expected = {k[:-len(".expected")]: v for k, v in ref.items() if k.endswith(".expected")}
    assert list(ours) == list(expected), f"names {list(ours)} != {list(expected)}"
    for k, v in expected.items():
        assert ours[k].shape == v.shape and torch.equal(ours[k].isnan(), v.isnan()), k
        assert torch.equal(torch.nan_to_num(ours[k]), torch.nan_to_num(v)), k
    assert meta == ref_meta, f"metadata {meta} != {ref_meta}"
    print(f"{path}: {len(ours)} tensors and metadata read by PyTorch {torch.__version__} as expected")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--check-javelin":
        check_javelin(sys.argv[2])
        return
    for make in [elementwise, reductions, matmul, shapes, conv, gru, dist, second_order, interop, optim, nn_optim]:
        torch.manual_seed(zlib.crc32(make.__name__.encode()))  # per group, so editing one group leaves the others unchanged
        make()
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(ROOT) for f in fs)
    print(f"wrote fixtures under {os.path.normpath(ROOT)}: {total} bytes")


if __name__ == "__main__":
    main()
