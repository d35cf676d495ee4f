"""Does the head's random init hurt at small k? Glorot vs zero init (weights then stay in the span of the k-shot features), 10 seeds, val."""
from lib import *
base = shipped_base().eval()
with torch.no_grad(): FP = base(POOL_X); FV = base(VAL_X); FT = base(TEST_X)
def run(k, seed, init, lr=3e-3, epochs=150, bs=16, initseed=None):
    r = IDX['picks'][f'{k}/{seed}']; x = FP[r]; y = POOL_Y[r]
    head = glorot_linear(1568, 5, initseed if initseed is not None else seed*1000+29)
    if init == 'zero': head.weight.data.zero_()
    if init == 'small': head.weight.data *= 0.1
    opt = torch.optim.Adam(head.parameters(), lr=lr, eps=1e-7); g = torch.Generator().manual_seed(seed)
    for ep in range(epochs):
        perm = torch.randperm(len(x), generator=g)
        for i in range(0, len(x), bs):
            b = perm[i:i+bs]; opt.zero_grad(); F.cross_entropy(head(x[b]), y[b]).backward(); opt.step()
    return acc(head, FV, VAL_Y), acc(head, FT, TEST_Y)
for k in [1, 3, 5]:
    for init in ['glorot', 'small', 'zero']:
        v = np.array([run(k, s, init) for s in range(1, 11)])
        print(f"k={k} {init:6s} val {v[:,0].mean():.3f} ± {v[:,0].std(ddof=1):.3f}  (test seeds1-5 {v[:5,1].mean():.3f})", flush=True)
    # init-seed spread on one sample
    v = [run(k, 1, 'glorot', initseed=i)[0] for i in range(8)]
    print(f"k={k} glorot, sample 1, 8 init seeds: val {np.mean(v):.3f} ± {np.std(v, ddof=1):.3f}", flush=True)
