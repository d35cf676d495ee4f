"""Head budget at large k: validation accuracy after E epochs (Adam 3e-3, bs 16), seeds 1-3."""
from lib import *
base = shipped_base().eval()
with torch.no_grad(): FP = base(POOL_X); FV = base(VAL_X)
for k in [20, 50, 100, 200]:
    res = {}
    for s in range(1, 4):
        r = IDX['picks'][f'{k}/{s}']; x = FP[r]; y = POOL_Y[r]
        head = glorot_linear(1568, 5, s * 1000 + 29); opt = torch.optim.Adam(head.parameters(), lr=3e-3, eps=1e-7); g = torch.Generator().manual_seed(s)
        for ep in range(1, 151):
            perm = torch.randperm(len(x), generator=g)
            for i in range(0, len(x), 16):
                b = perm[i:i+16]; opt.zero_grad(); F.cross_entropy(head(x[b]), y[b]).backward(); opt.step()
            if ep in (10, 20, 30, 50, 100, 150): res.setdefault(ep, []).append(acc(head, FV, VAL_Y))
    print(f"head k={k} " + ' '.join(f"{e}:{np.mean(v):.3f}" for e, v in res.items()), flush=True)
