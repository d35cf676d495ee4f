"""Head variants on the shipped base, on validation (seeds 1-10 of the experiment's k-shot picks)."""
from lib import *
import sys
base = shipped_base().eval()
def shift_flip(x, g, maxs=2):
    n = x.shape[0]; out = torch.zeros_like(x)
    dx = torch.randint(-maxs, maxs + 1, (n,), generator=g); dy = torch.randint(-maxs, maxs + 1, (n,), generator=g); fl = torch.rand(n, generator=g) < 0.5
    p = F.pad(x, (maxs, maxs, maxs, maxs))
    for i in range(n):
        img = p[i, :, maxs - dy[i]: maxs - dy[i] + 28, maxs - dx[i]: maxs - dx[i] + 28]
        out[i] = torch.flip(img, [2]) if fl[i] else img
    return out
with torch.no_grad(): FP = base(POOL_X); FV = base(VAL_X)
def fe(x): 
    with torch.no_grad(): return base(x)
def run(k, seed, lr=3e-3, epochs=150, bs=16, wd=0.0, aug=0, tf=None, ls=0.0):
    r = IDX['picks'][f'{k}/{seed}']; x = FP[r]; y = POOL_Y[r]; fv = FV
    if aug:
        g = torch.Generator().manual_seed(seed)
        xs = [x] + [fe(shift_flip(POOL_X[r], g)) for _ in range(aug)]; x = torch.cat(xs); y = y.repeat(aug + 1)
    if tf == 'sqrt': x, fv = x.sqrt(), fv.sqrt()
    if tf == 'sqrtl2': x, fv = F.normalize(x.sqrt(), dim=1) * 10, F.normalize(fv.sqrt(), dim=1) * 10
    if tf == 'l2': x, fv = F.normalize(x, dim=1) * 10, F.normalize(fv, dim=1) * 10
    head = glorot_linear(1568, 5, seed * 1000 + 29); opt = torch.optim.Adam(head.parameters(), lr=lr, eps=1e-7, weight_decay=wd)
    g = torch.Generator().manual_seed(seed)
    steps_per_epoch = max(1, (len(r) + bs - 1) // bs)  # keep the step budget of the unaugmented set
    for ep in range(epochs):
        perm = torch.randperm(len(x), generator=g)
        for i in range(steps_per_epoch if aug else (len(x) + bs - 1) // bs):
            b = perm[(i * bs) % len(x):(i * bs) % len(x) + bs] if not aug else perm[i*bs:(i+1)*bs] if (i+1)*bs <= len(x) else perm[-bs:]
            opt.zero_grad(); F.cross_entropy(head(x[b]), y[b], label_smoothing=ls).backward(); opt.step()
    return acc(head, fv, VAL_Y)
variants = {
  'base 3e-3/150': {},
  'course 1e-3/200': dict(lr=1e-3, epochs=200),
  'wd 1e-2': dict(wd=1e-2),
  'wd 1e-1': dict(wd=1e-1),
  'ls 0.1': dict(ls=0.1),
  'sqrt': dict(tf='sqrt'),
  'sqrt+l2': dict(tf='sqrtl2'),
  'aug x8 (steps x8 via epochs)': dict(aug=8, epochs=150*9),
  'aug x16': dict(aug=16, epochs=150*17),
}
only = sys.argv[1].split('|') if len(sys.argv) > 1 else list(variants)
for name in only:
    for k in [1, 3, 5]:
        v = [run(k, s, **variants[name]) for s in range(1, 11)]
        print(f"{name:32s} k={k} val {np.mean(v):.3f} ± {np.std(v, ddof=1):.3f}", flush=True)
