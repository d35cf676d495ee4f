"""Heads on other cut points / pooled features / TTA, on validation, k=1,3,5, 10 seeds."""
from lib import *
base = shipped_base().eval()
def feats(x, which):
    with torch.no_grad():
        a1 = F.relu(base.conv1(x)); a2 = F.relu(base.conv2(a1)); p1 = F.max_pool2d(a2, 2)
        a3 = F.relu(base.conv3(p1)); a4 = F.relu(base.conv4(a3)); p2 = F.max_pool2d(a4, 2)
        out = {'features': p2.flatten(1), 'conv4': a4.flatten(1), 'pool1': p1.flatten(1),
               'features+pool1': torch.cat([p2.flatten(1), p1.flatten(1)], 1),
               'gap4': a4.mean((2, 3)), 'features+gap': torch.cat([p2.flatten(1), a4.mean((2,3)) * 7], 1)}
        return out[which]
def run(k, seed, which, tta=False, lr=3e-3, epochs=150, bs=16):
    r = IDX['picks'][f'{k}/{seed}']; x = feats(POOL_X[r], which); y = POOL_Y[r]
    head = glorot_linear(x.shape[1], 5, seed * 1000 + 29)
    opt = torch.optim.Adam(head.parameters(), lr=lr, eps=1e-7); g = torch.Generator().manual_seed(seed)
    for ep in range(epochs):
        perm = torch.randperm(len(x), generator=g)
        for i in range(0, len(x), bs):
            b = perm[i:i+bs]; opt.zero_grad(); F.cross_entropy(head(x[b]), y[b]).backward(); opt.step()
    with torch.no_grad():
        logits = F.softmax(head(FVc[which]), 1)
        if tta: logits = logits + F.softmax(head(FVf[which]), 1)
    return (logits.argmax(1) == VAL_Y).float().mean().item()
FVc = {}; FVf = {}
for w in ['features', 'conv4', 'pool1', 'features+pool1', 'gap4', 'features+gap']:
    FVc[w] = feats(VAL_X, w); FVf[w] = feats(torch.flip(VAL_X, [3]), w)
for w, tta in [('features', True), ('conv4', False), ('pool1', False), ('features+pool1', False), ('gap4', False), ('features+gap', False)]:
    for k in [1, 3, 5]:
        v = [run(k, s, w, tta) for s in range(1, 11)]
        print(f"{w}{' +flip TTA' if tta else ''} k={k} val {np.mean(v):.3f} ± {np.std(v, ddof=1):.3f}", flush=True)
