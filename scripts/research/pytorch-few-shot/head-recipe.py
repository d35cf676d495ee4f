"""Linear head on frozen `features`: why is the course's arm weaker? Grid over lr/epochs/batch, val and test."""
import sys, itertools
from lib import *
base = shipped_base().eval()
with torch.no_grad():
    FP = base(POOL_X); FV = base(VAL_X); FT = base(TEST_X)
def train_head(k, seed, lr, epochs, bs, wd=0.0, ls=0.0, ckpts=()):
    r = IDX['picks'][f'{k}/{seed}']; x = FP[r]; y = POOL_Y[r]
    head = glorot_linear(1568, 5, seed * 1000 + 29)
    opt = torch.optim.Adam(head.parameters(), lr=lr, eps=1e-7, weight_decay=wd)
    g = torch.Generator().manual_seed(seed); out = {}
    for ep in range(1, epochs + 1):
        perm = torch.randperm(len(x), generator=g)
        for i in range(0, len(x), bs):
            b = perm[i:i+bs]; opt.zero_grad(); F.cross_entropy(head(x[b]), y[b], label_smoothing=ls).backward(); opt.step()
        if ep in ckpts: out[ep] = (acc(head, FV, VAL_Y), acc(head, FT, TEST_Y))
    return out
ks = [int(a) for a in sys.argv[1].split(',')] if len(sys.argv) > 1 else [1, 3, 5]
ck = (10, 20, 50, 100, 150, 200, 300, 500)
for lr, bs in itertools.product([1e-3, 3e-3, 1e-2], [16]):
    for k in ks:
        res = [train_head(k, s, lr, 500, bs, ckpts=ck) for s in range(1, 6)]
        line = ' '.join(f"{e}:{np.mean([r[e][0] for r in res]):.3f}/{np.mean([r[e][1] for r in res]):.3f}" for e in ck)
        print(f"lr={lr} bs={bs} k={k} (val/test) {line}", flush=True)
