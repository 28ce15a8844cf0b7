#!/usr/bin/env python3
"""PyTorch CPU anchor: 3x LSTM(50) + Dropout(0.2) + Dense(1), MSE, Adam(1e-3).

Workload: N=1024 windows, T=60, F=1, batch 32, float32.
Layers: one nn.LSTM per layer (batch_first) with nn.Dropout(0.2) after each,
exactly like the Keras reference (NOT num_layers=3).
(Copied from ../shared/bench/torch_lstm.py into the repository; the shape flags below are ours:
--units --features --steps --batch --layers --windows change the workload, --json adds one
JSON line at the end for `npm run bench`.)

Usage (Debian's python3, which gets torch from the Debian package; the default BLAS there is the slow
reference one, so swap in OpenBLAS without touching the system):
    apt-get install -y python3-torch
    mkdir -p openblas && (cd openblas && apt-get download libopenblas0-pthread \
      && dpkg -x libopenblas0-pthread_*.deb root)
    LD_LIBRARY_PATH=$PWD/openblas/root/usr/lib/x86_64-linux-gnu/openblas-pthread OPENBLAS_NUM_THREADS=1 \
      /usr/bin/python3 torch_lstm.py [--threads N]
  --threads N  call torch.set_num_threads(N) first (default: leave torch's default, 1 here).
  --units U --features F --steps T --batch B --layers L --windows N  the workload (defaults above).
  --reps R     timed runs (default 3).
On a 2-core machine one thread is torch's fastest setting for this model (2 threads were slower).
Protocol: 1 warm-up (epoch / predict call) not counted, then median of 3 timed runs.
"""
import argparse
import json
import math
import statistics
import time

import torch
from torch import nn

N, T, F, H, BATCH, LAYERS = 1024, 60, 1, 50, 32, 3
REPS = 3


def make_data():
    """Deterministic synthetic series (same formula as tfjs_lstm.js)."""
    x = torch.empty(N, T, F, dtype=torch.float32)
    y = torch.empty(N, 1, dtype=torch.float32)
    for i in range(N):
        for t in range(T + 1):
            v = math.sin(0.1 * (i + t)) + 0.3 * math.sin(0.37 * (7 * i + t))
            if t < T:
                x[i, t, :] = v
            else:
                y[i, 0] = v
    return x, y


class StackedLSTM(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList(
            [nn.LSTM(F if i == 0 else H, H, batch_first=True) for i in range(LAYERS)])
        self.drop = nn.Dropout(0.2)
        self.out = nn.Linear(H, 1)

    def forward(self, x):
        for layer in self.layers[:-1]:
            x, _ = layer(x)
            x = self.drop(x)
        _, (h, _) = self.layers[-1](x)  # last hidden state == LSTM(H) without return_sequences
        return self.out(self.drop(h[-1]))


def train_epoch(model, opt, loss_fn, x, y, gen):
    model.train()
    perm = torch.randperm(N, generator=gen)
    for s in range(0, N, BATCH):
        idx = perm[s:s + BATCH]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        opt.step()
    return loss.item()


@torch.no_grad()
def predict(model, x, bs):
    model.eval()
    outs = [model(x[s:s + bs]) for s in range(0, N, bs)]
    return torch.cat(outs)


CPU = {}  # process CPU seconds of each timed run, by the function's name (for --json)


def timed(fn, reps, name=""):
    fn()  # warm-up, not counted
    ts = []
    cs = CPU.setdefault(name, [])
    for _ in range(reps):
        c0 = time.process_time()
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
        cs.append(time.process_time() - c0)
    return ts


def main():
    global N, T, F, H, BATCH, LAYERS, REPS
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--units", type=int, default=H)
    ap.add_argument("--features", type=int, default=F)
    ap.add_argument("--steps", type=int, default=T)
    ap.add_argument("--batch", type=int, default=BATCH)
    ap.add_argument("--layers", type=int, default=LAYERS)
    ap.add_argument("--windows", type=int, default=N)
    ap.add_argument("--reps", type=int, default=REPS)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    N, T, F, H, BATCH, LAYERS, REPS = (args.windows, args.steps, args.features, args.units,
                                      args.batch, args.layers, args.reps)
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(0)
    x, y = make_data()
    model = StackedLSTM()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.MSELoss()
    nparams = sum(p.numel() for p in model.parameters())
    print(f"torch {torch.__version__} num_threads={torch.get_num_threads()} "
          f"interop={torch.get_num_interop_threads()} mkldnn={torch.backends.mkldnn.is_available()} "
          f"params={nparams}")

    losses = []
    tr = timed(lambda: losses.append(train_epoch(model, opt, loss_fn, x, y, gen)), REPS, "train")
    p1024 = timed(lambda: predict(model, x, 1024), REPS, "predict1024")
    p32 = timed(lambda: predict(model, x, 32), REPS)
    fmt = lambda ts: " ".join(f"{t:.3f}" for t in ts)
    print(f"last-batch losses per epoch: {' '.join(f'{l:.4f}' for l in losses)}")
    print(f"train s/epoch      : median {statistics.median(tr):.3f}  runs [{fmt(tr)}]")
    print(f"predict b=1024 s   : median {statistics.median(p1024):.3f}  runs [{fmt(p1024)}]")
    print(f"predict b=32 s     : median {statistics.median(p32):.3f}  runs [{fmt(p32)}]")
    if args.json:
        print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                          "windows": N, "steps": T, "features": F, "units": H, "batch": BATCH,
                          "layers": LAYERS, "train": tr, "predict1024": p1024, "predict32": p32,
                          "train_cpu": CPU["train"], "predict1024_cpu": CPU["predict1024"]}))


if __name__ == "__main__":
    main()
