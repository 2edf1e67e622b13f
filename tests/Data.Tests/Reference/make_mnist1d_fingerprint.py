#!/usr/bin/env python3
"""Writes mnist1d-fingerprint.json: a fingerprint of the published MNIST-1D data set, so the tests can check the
course's generator against the published set without the (4 MB, separately licensed) file in the repository.

Run once, by hand, from the repository root, with the published set beside the repository:
    python3 tests/Data.Tests/Reference/make_mnist1d_fingerprint.py ../shared/reference/mnist1d.json

The fingerprint is computed from the published file only (no course code is involved), in two parts:
  * per array, the SHA-256 of its values rounded to DECIMALS decimal places: each value v becomes the integer
    q = round-half-to-even(v * 10**DECIMALS), written in decimal followed by a newline, in row-major order;
  * SAMPLES values drawn with a fixed seed, each with its array, row and column, written with full precision.
Mnist1DFingerprint.cs implements the same canonical form; Mnist1DFingerprintTests checks the generator against it
(always) and this file against the published set (when that file is present).
"""
import hashlib
import json
import random
import sys

DECIMALS = 6
SEED = 2020
# How many sampled values each array contributes (a few hundred in all).
SAMPLES = {"x": 180, "x_test": 60, "t": 20, "templates.x": 40}


def arrays(published):
    """The arrays the generator must reproduce, by the names the tests use, as lists of rows."""
    def rows(a):
        return [list(r) for r in a] if isinstance(a[0], list) else [list(a)]
    return {
        "x": rows(published["x"]),
        "x_test": rows(published["x_test"]),
        "y": rows(published["y"]),
        "y_test": rows(published["y_test"]),
        "t": rows(published["t"]),
        "templates.x": rows(published["templates"]["x"]),
        "templates.y": rows(published["templates"]["y"]),
    }


def digest(rows):
    text = "".join(f"{round(v * 10 ** DECIMALS)}\n" for row in rows for v in row)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def closest_to_a_tie(rows):
    """How close any scaled value comes to a rounding boundary (in units of 10**-DECIMALS): a small value would make
    the hash fragile against differences in the last bits."""
    return min(abs(abs(v * 10 ** DECIMALS - int(v * 10 ** DECIMALS)) - 0.5) for row in rows for v in row)


def main(path):
    with open(path, encoding="utf-8") as f:
        published = json.load(f)
    named = arrays(published)
    rng = random.Random(SEED)
    samples = []
    for name, count in SAMPLES.items():
        rows = named[name]
        for _ in range(count):
            r = rng.randrange(len(rows))
            c = rng.randrange(len(rows[r]))
            samples.append({"array": name, "row": r, "col": c, "value": rows[r][c]})
    fingerprint = {
        "description": "Fingerprint of the published MNIST-1D data set (default arguments: 5000 samples, seed 42, "
                       "4000 train / 1000 test, length 40), written by make_mnist1d_fingerprint.py.",
        "decimals": DECIMALS,
        "canonicalForm": "per array, row-major: round-half-to-even(v * 10^decimals) as a decimal integer and a "
                         "newline; sha256 of that ASCII text",
        "arrays": {name: {"rows": len(rows), "cols": len(rows[0]), "sha256": digest(rows)}
                   for name, rows in named.items()},
        "samples": samples,
    }
    with open("tests/Data.Tests/Reference/mnist1d-fingerprint.json", "w", encoding="utf-8") as f:
        json.dump(fingerprint, f, indent=1)
        f.write("\n")
    worst = min(closest_to_a_tie(named[n]) for n in ("x", "x_test", "t", "templates.x"))
    print(f"wrote the fingerprint; the closest any value comes to a rounding boundary is {worst:.2e} units "
          f"of 1e-{DECIMALS}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/mnist1d.json")
