"""Records NumPy's random streams for Javelin's dev.javelin.env.random, which must reproduce them bit for bit.

Gymnasium seeds every env with gymnasium.utils.seeding.np_random(seed), that is
np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed))). Run with a Python that has numpy 2.x:
    /work/main/.venv/bin/python tools/record_numpy_random.py
Writes two files:
    javelin-env/src/test/resources/numpy-random/streams.json
        for each seed: SeedSequence.generate_state words, PCG64's state after seeding, raw 64-bit draws,
        random(), uniform(), standard_normal(), normal(), integers() (including the ranges where Lemire's
        rejection loop runs often) and a reproducible mix of all of them drawn from one generator, plus
        chunked SHA-256 digests of 100,000 standard normals (which reach the ziggurat's wedges and tail).
        NumpyStreamsTest replays it.
    javelin-env/src/main/resources/dev/javelin/env/random/ziggurat-normal.txt
        the ki_double / wi_double / fi_double tables of random_standard_normal, read from the compiled
        NumPy library itself (numpy/random/lib/libnpyrandom.a ships them as local ELF symbols). They are
        not regenerated in Java: NumPy's tables came from a float64 construction on a libm whose exp is not
        correctly rounded, so no portable recomputation gives the same bits (ZigguratTest says by how much).
"""
import hashlib
import json
import os
import random
import struct
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
STREAMS = os.path.join(HERE, "..", "javelin-env", "src", "test", "resources", "numpy-random", "streams.json")
TABLES = os.path.join(HERE, "..", "javelin-env", "src", "main", "resources", "dev", "javelin", "env", "random",
                      "ziggurat-normal.txt")

# The brief's seeds, then seeds of 3 and 7 32-bit words: SeedSequence mixes words beyond its pool of 4 differently.
SEEDS = [0, 1, 42, 123456789, 2**40 + 7, 2**70 + 3, 2**200 + 2**100 + 1]
NORMAL_RUN = 100_000
NORMAL_CHUNK = 10_000
ZIGGURAT_R = 3.6541528853610087963519472518


def rng_for(seed):
    """Exactly Gymnasium's seeding.np_random(seed)."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed)))


def doubles(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def run_op(g, op):
    """Performs one recorded operation on generator g and returns its output as JSON values."""
    kind = op["op"]
    size = op.get("size")
    if kind == "random_raw":
        return int(g.bit_generator.random_raw())
    if kind == "random":
        return float(g.random())
    if kind == "uniform":
        out = g.uniform(op["low"], op["high"], size=size)
        return doubles(out) if size is not None else float(out)
    if kind == "uniform_array":
        return doubles(g.uniform(low=np.array(op["low"]), high=np.array(op["high"])))
    if kind == "standard_normal":
        out = g.standard_normal(size=size)
        return doubles(out) if size is not None else float(out)
    if kind == "normal":
        out = g.normal(op["loc"], op["scale"], size=size)
        return doubles(out) if size is not None else float(out)
    if kind == "integers":
        out = g.integers(op["low"], op["high"], size=size)
        return [int(v) for v in out] if size is not None else int(out)
    raise ValueError(kind)


# Integer ranges chosen for the branches of random_bounded_uint64_fill: rng = 0 (no draw), 32-bit Lemire
# (rejects about half the draws at 2**31 + 1 values), 2**32 values (next_uint32 directly), 64-bit Lemire
# (rejects about half at 2**63 + 1 values) and the widest range a Java long can name.
INTEGER_RANGES = [(0, 10), (5, 6), (-3, 4), (0, 2**31 + 1), (0, 2**32), (0, 2**32 + 1), (-(2**62), 2**62 + 1),
                  (-(2**63), 2**63 - 1), (2**40, 2**40 + 1000)]


def mixed_ops(seed_index):
    """A reproducible interleaving of every operation, so buffered 32-bit halves meet 64-bit draws."""
    pick = random.Random(1000 + seed_index)
    ops = []
    for _ in range(120):
        kind = pick.choice(["random_raw", "random", "uniform", "uniform_array", "standard_normal", "normal",
                            "integers", "integers", "integers"])
        op = {"op": kind}
        if kind == "uniform":
            low = pick.choice([-0.1, -0.05, -0.6, -3.141592653589793, 0.0, 1e-3])
            op.update(low=low, high=low + pick.choice([0.2, 0.1, 0.2, 6.283185307179586, 1.0, 0.0]))
        elif kind == "uniform_array":
            op.update(low=[-np.pi, -1.0], high=[np.pi, 1.0])
        elif kind == "normal":
            op.update(loc=pick.choice([0.0, 1.5, -2.0]), scale=pick.choice([1.0, 0.1, 0.0, 3.0]))
        elif kind == "integers":
            op["low"], op["high"] = pick.choice(INTEGER_RANGES)
        if kind in ("uniform", "standard_normal", "normal", "integers") and pick.random() < 0.4:
            op["size"] = pick.randint(0, 6)
        ops.append(op)
    return ops


def fixed_ops():
    """The calls Gymnasium's envs make, each from a fresh generator."""
    ops = [{"op": "random_raw"} for _ in range(6)]
    ops += [{"op": "random"} for _ in range(4)]
    ops += [{"op": "uniform", "low": -0.1, "high": 0.1, "size": 7},
            {"op": "uniform", "low": -0.05, "high": 0.05, "size": 4},
            {"op": "uniform", "low": -0.6, "high": -0.4},
            {"op": "uniform_array", "low": [-np.pi, -1.0], "high": [np.pi, 1.0]},
            {"op": "standard_normal", "size": 9},
            {"op": "standard_normal"},
            {"op": "normal", "loc": 0.5, "scale": 2.0, "size": 5}]
    ops += [{"op": "integers", "low": 0, "high": 10} for _ in range(10)]
    ops += [{"op": "integers", "low": lo, "high": hi, "size": 8} for lo, hi in INTEGER_RANGES]
    return ops


def record_seed(index, seed):
    ss = np.random.SeedSequence(seed)
    entry = {
        "seed": seed,
        "entropy_words": [int(w) for w in np.random.bit_generator._coerce_to_uint32_array(seed)],
        "pool": [int(w) for w in ss.pool],
        "generate_state": [
            {"n_words": n, "dtype": dt, "out": [int(w) for w in ss.generate_state(n, dt)]}
            for n, dt in [(1, "uint32"), (3, "uint32"), (8, "uint32"), (1, "uint64"), (4, "uint64"), (5, "uint64")]],
    }
    state = rng_for(seed).bit_generator.state
    entry["pcg64_state"] = {"state": state["state"]["state"], "inc": state["state"]["inc"]}

    # Every sequence below starts from a fresh np_random(seed), like a Gymnasium reset(seed=...).
    entry["fixed"] = []
    for op in fixed_ops():
        g = rng_for(seed)
        for _ in range(index % 3):  # start some sequences mid-stream
            g.random()
        entry["fixed"].append(dict(op, skip=index % 3, out=run_op(g, op)))

    g = rng_for(seed)
    ops = mixed_ops(index)
    entry["mixed"] = [dict(op, out=run_op(g, op)) for op in ops]

    normals = rng_for(seed).standard_normal(NORMAL_RUN)
    entry["normal_run"] = {
        "count": NORMAL_RUN,
        "chunk": NORMAL_CHUNK,
        "sha256": [hashlib.sha256(normals[i:i + NORMAL_CHUNK].astype("<f8").tobytes()).hexdigest()
                   for i in range(0, NORMAL_RUN, NORMAL_CHUNK)],
        "first": doubles(normals[:5]),
        # |x| > r only on the tail path (idx 0, rabs >= ki[0]); the test needs a few of those.
        "tail_draws": int(np.sum(np.abs(normals) > ZIGGURAT_R)),
    }
    return entry


# ---- the ziggurat tables, from NumPy's compiled library ------------------------------------------------

def ar_members(data):
    if data[:8] != b"!<arch>\n":
        raise ValueError("not an ar archive")
    pos = 8
    while pos < len(data):
        header = data[pos:pos + 60]
        size = int(header[48:58].decode().strip())
        yield header[:16].decode().strip(), data[pos + 60:pos + 60 + size]
        pos += 60 + size + (size & 1)


def elf_symbols(obj):
    """Name -> bytes of every sized symbol of a little-endian ELF64 relocatable object (static ones too)."""
    if obj[:4] != b"\x7fELF" or obj[4] != 2 or obj[5] != 1:
        return {}
    shoff, = struct.unpack_from("<Q", obj, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", obj, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", obj, shoff + i * shentsize) for i in range(shnum)]
    out = {}
    for sh in sections:
        if sh[1] != 2:  # SHT_SYMTAB
            continue
        strtab_offset = sections[sh[6]][4]
        for k in range(sh[5] // sh[9]):
            name_off, _info, _other, shndx, value, size = struct.unpack_from("<IBBHQQ", obj, sh[4] + k * sh[9])
            if size == 0 or not 0 < shndx < len(sections):
                continue
            end = obj.index(b"\0", strtab_offset + name_off)
            name = obj[strtab_offset + name_off:end].decode()
            base = sections[shndx][4] + value
            out[name] = obj[base:base + size]
    return out


def ziggurat_tables():
    path = os.path.join(os.path.dirname(np.__file__), "random", "lib", "libnpyrandom.a")
    with open(path, "rb") as f:
        data = f.read()
    for _name, obj in ar_members(data):
        symbols = elf_symbols(obj)
        if "ki_double" in symbols:
            ki = struct.unpack("<256Q", symbols["ki_double"])
            wi = struct.unpack("<256Q", symbols["wi_double"])  # raw IEEE bits
            fi = struct.unpack("<256Q", symbols["fi_double"])
            return ki, wi, fi
    raise SystemExit(f"no ki_double symbol in {path}")


def check_tables_against_numpy(ki, wi, fi):
    """The first draws of a known stream follow from the tables: a wrong table would not give NumPy's values."""
    g = rng_for(7)
    raw = np.random.PCG64(np.random.SeedSequence(7))
    for _ in range(1000):
        r = int(raw.random_raw())
        idx = r & 0xFF
        r >>= 8
        rabs = (r >> 1) & 0x000FFFFFFFFFFFFF
        x = rabs * struct.unpack("<d", struct.pack("<Q", wi[idx]))[0]
        if r & 1:
            x = -x
        if rabs >= ki[idx]:
            return  # the slow paths draw more numbers; the fast ones checked so far agree
        if g.standard_normal() != x:
            raise SystemExit("tables read from libnpyrandom.a do not reproduce Generator.standard_normal")


def main():
    if not np.__version__.startswith("2."):
        sys.exit(f"numpy {np.__version__}: record with numpy 2.x (Gymnasium 1.3.0's)")
    ki, wi, fi = ziggurat_tables()
    check_tables_against_numpy(ki, wi, fi)
    os.makedirs(os.path.dirname(TABLES), exist_ok=True)
    with open(TABLES, "w") as f:
        f.write(f"# NumPy {np.__version__} random_standard_normal ziggurat tables (ki_double, wi_double, fi_double),\n")
        f.write("# read from numpy/random/lib/libnpyrandom.a by tools/record_numpy_random.py; wi and fi as IEEE-754 bits.\n")
        for i in range(256):
            f.write(f"{ki[i]:016x} {wi[i]:016x} {fi[i]:016x}\n")

    streams = {
        "numpy_version": np.__version__,
        "seeds": [record_seed(i, s) for i, s in enumerate(SEEDS)],
    }
    os.makedirs(os.path.dirname(STREAMS), exist_ok=True)
    with open(STREAMS, "w") as f:
        json.dump(streams, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {TABLES}\nwrote {STREAMS} ({os.path.getsize(STREAMS)} bytes)")


if __name__ == "__main__":
    main()
