"""How much of the k=1 gap is which images were drawn? Head (Adam 3e-3, 150 ep, bs16) on many random k-shot draws from the shipped pool."""
from lib import *
import sys
base = shipped_base().eval()
with torch.no_grad(): FP = base(POOL_X); FV = base(VAL_X); FT = base(TEST_X)
def head_on(r, seed, lr=3e-3, epochs=150, bs=16):
    x = FP[r]; y = POOL_Y[r]; head = glorot_linear(1568, 5, seed); opt = torch.optim.Adam(head.parameters(), lr=lr, eps=1e-7)
    g = torch.Generator().manual_seed(seed)
    for ep in range(epochs):
        perm = torch.randperm(len(x), generator=g)
        for i in range(0, len(x), bs):
            b = perm[i:i+bs]; opt.zero_grad(); F.cross_entropy(head(x[b]), y[b]).backward(); opt.step()
    return acc(head, FV, VAL_Y), acc(head, FT, TEST_Y)
rng = np.random.default_rng(0)
byc = [np.where(POOL_Y.numpy() == c)[0] for c in range(5)]
for k in [1, 3, 5]:
    res = []
    for d in range(60):
        r = np.concatenate([rng.choice(b, k, replace=False) for b in byc]); res.append(head_on(r, d))
    res = np.array(res); print(f"k={k} 60 random draws: val {res[:,0].mean():.3f} (std {res[:,0].std():.3f})  test {res[:,1].mean():.3f}; first5 draws mean test {res[:5,1].mean():.3f}", flush=True)
    ex = [head_on(IDX['picks'][f'{k}/{s}'], s) for s in range(1, 11)]
    print(f"   experiment picks seeds 1-5 test {np.mean([e[1] for e in ex[:5]]):.3f}, seeds 6-10 test {np.mean([e[1] for e in ex[5:]]):.3f}", flush=True)
