#!/usr/bin/env python3
"""PyTorch side of the benchmark: the same workloads as bench/Bench, float64 on the CPU.

Runs as a long-lived child of the C# benchmark so rounds can be interleaved without paying the import of torch each
time. Protocol (one line each way): "run <config> <seconds> <threads>" -> "<steps per second>"; "quit" ends it.
Install on Debian with: apt-get install python3-torch libopenblas0. Debian's torch calls whatever libblas.so.3 the
system provides: without libopenblas0 that is the reference BLAS, several times slower, which would not be a fair
comparison; the "ready" line names the BLAS library the process actually loaded, and its thread count is set with
the PyTorch thread count.
"""
import ctypes
import sys
import time

import torch

torch.set_default_dtype(torch.float64)

# name: (widths, batch size, optimizer, dropout, label smoothing, train size) -- mirrors BenchConfig.SeedExperiments
CONFIGS = {
    "moons-sgd-b32": ([2, 64, 64, 2], 32, "sgd", 0.0, 0.0, 250),
    "dropout-adam-b32": ([2, 96, 96, 2], 32, "adam", 0.4, 0.0, 300),
    "mnist-adam-b8": ([784, 128, 10], 8, "adam", 0.0, 0.0, 1000),
    "mnist-sgd-b32-ls": ([784, 128, 10], 32, "sgd", 0.0, 0.1, 1000),
    "fashion-sgd-b500": ([784, 128, 128, 10], 500, "sgd", 0.0, 0.0, 1000),
}


def build(name, seed=1):
    widths, batch, optimizer, dropout, smoothing, train_size = CONFIGS[name]
    torch.manual_seed(seed)
    layers = []
    for i in range(len(widths) - 1):
        layers.append(torch.nn.Linear(widths[i], widths[i + 1]))
        if i + 2 < len(widths):
            layers.append(torch.nn.Tanh())
            if dropout > 0:
                layers.append(torch.nn.Dropout(dropout))
    model = torch.nn.Sequential(*layers)
    weights = [p for n, p in model.named_parameters() if n.endswith("weight")]
    biases = [p for n, p in model.named_parameters() if n.endswith("bias")]
    if optimizer == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=0.01, betas=(0.9, 0.999))
        rate = lambda t: 1.0 / (1 + t / 5e4) ** 1
    else:
        # L2 on the weights only, biases excluded, as in the C# workload.
        opt = torch.optim.SGD([{"params": weights, "weight_decay": 1e-3}, {"params": biases}], lr=0.15)
        rate = lambda t: 1.0 / (1 + t / 5e4) ** 1
    schedule = torch.optim.lr_scheduler.LambdaLR(opt, rate)
    loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=smoothing)
    batches = []
    for _ in range(max(train_size // batch, 1)):
        batches.append((torch.randn(batch, widths[0]), torch.randint(0, widths[-1], (batch,))))
    return model, opt, schedule, loss_fn, batches


def measure(name, seconds):
    model, opt, schedule, loss_fn, batches = build(name)
    model.train()
    steps, sink, i = 0, 0.0, 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for _ in range(16):
            x, y = batches[i]
            i = (i + 1) % len(batches)
            opt.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()
            schedule.step()
            sink += loss.item()
        steps += 16
    return steps / (time.perf_counter() - start)


def loaded_blas():
    """The BLAS library this process has mapped (after a float64 matrix product), as a path."""
    torch.randn(64, 64) @ torch.randn(64, 64)
    with open("/proc/self/maps", encoding="utf-8") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.rsplit("/", 1)[-1]}
    return sorted(paths)[0] if paths else "unknown"


BLAS = loaded_blas()
try:
    _SET_BLAS_THREADS = ctypes.CDLL(BLAS).openblas_set_num_threads
except (OSError, AttributeError):
    _SET_BLAS_THREADS = None


def set_threads(threads):
    torch.set_num_threads(threads)
    if _SET_BLAS_THREADS is not None:
        _SET_BLAS_THREADS(threads)


def main():
    name = BLAS.rsplit("/", 2)
    blas = "/".join(name[-2:]) if len(name) >= 2 else BLAS
    print(f"ready torch {torch.__version__} blas {blas}", flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] == "quit":
            break
        _, name, seconds, threads = words
        set_threads(int(threads))
        print(f"{measure(name, float(seconds)):.3f}", flush=True)


if __name__ == "__main__":
    main()
