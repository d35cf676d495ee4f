"""Scratch vs head vs fine-tune on validation images, k up to 200.

  /usr/bin/python3 scripts/research/pytorch-few-shot/arms.py KS SEEDS ARM...
  e.g. arms.py 50,100,200 3 scratch head 'ft:conv1+conv2+conv3+conv4:1e-4:1e-3:1:30'

ARM: `scratch` (Adam 1e-3, batch 16, 100 epochs; `scratch-aug` with shift/flip), `head` (Adam 3e-3,
150 epochs on features computed once; HEAD_EPOCHS_LARGE=50 gives 50 epochs from k=50 on), or
`ft:<layers joined by +>:<block lr>:<head lr>:<augment 0|1>:<epochs>` (the head first, then the
layers and the head trained together, one Adam per group). Prints the mean ± std over seeds of
validation accuracy at each checkpoint epoch.
"""
from lib import *
import sys, time, copy
def shift_flip(x, g, maxs=2, flip=True):
    n = x.shape[0]; p = F.pad(x, (maxs,)*4); out = torch.empty_like(x)
    dx = torch.randint(0, 2*maxs+1, (n,), generator=g); dy = torch.randint(0, 2*maxs+1, (n,), generator=g); fl = torch.rand(n, generator=g) < 0.5
    for i in range(n):
        img = p[i, :, dy[i]:dy[i]+28, dx[i]:dx[i]+28]
        out[i] = torch.flip(img, [2]) if (flip and fl[i]) else img
    return out
class Net(nn.Module):
    def __init__(s, base, head): super().__init__(); s.base = base; s.head = head
    def forward(s, x): return s.head(s.base(x))
def train(model, x, y, groups, epochs, bs, seed, aug, ckpts, log):
    opt = torch.optim.Adam(groups, eps=1e-7); g = torch.Generator().manual_seed(seed); t = 0.0
    for ep in range(1, epochs + 1):
        model.train(); t0 = time.time(); perm = torch.randperm(len(x), generator=g)
        for i in range(0, len(x), bs):
            b = perm[i:i+bs]; xb = shift_flip(x[b], g) if aug else x[b]
            opt.zero_grad(); F.cross_entropy(model(xb), y[b]).backward(); opt.step()
        t += time.time() - t0
        if ep in ckpts: log.append((ep, round(t, 2), acc(model, VAL_X, VAL_Y)))
def head_only(k, seed, base, lr=3e-3, epochs=None, bs=16):
    import os; epochs = epochs or (int(os.environ.get("HEAD_EPOCHS_LARGE", "150")) if k >= 50 else 150)
    r = IDX['picks'][f'{k}/{seed}']
    with torch.no_grad(): f = base(POOL_X[r])
    head = glorot_linear(1568, 5, seed*1000+29); y = POOL_Y[r]
    opt = torch.optim.Adam(head.parameters(), lr=lr, eps=1e-7); g = torch.Generator().manual_seed(seed)
    for ep in range(epochs):
        perm = torch.randperm(len(f), generator=g)
        for i in range(0, len(f), bs):
            b = perm[i:i+bs]; opt.zero_grad(); F.cross_entropy(head(f[b]), y[b]).backward(); opt.step()
    return head
def arm(name, k, seed):
    r = IDX['picks'][f'{k}/{seed}']; x, y = POOL_X[r], POOL_Y[r]; log = []
    if name.startswith('scratch'):
        torch.manual_seed(seed*1000+17); model = Net(Base(), nn.Linear(1568, 5))
        aug = 'aug' in name
        train(model, x, y, [{'params': model.parameters(), 'lr': 1e-3}], 100, 16, seed, aug, (5,10,20,30,50,75,100), log)
        return log
    base = shipped_base(); head = head_only(k, seed, base); model = Net(base, head)
    with torch.no_grad(): log.append((0, 0, acc(model, VAL_X, VAL_Y)))
    if name == 'head': return log
    # ft:<layers>:<blocklr>:<headlr>:<aug>:<epochs>
    _, layers, blr, hlr, aug, ep = name.split(':')
    layers = layers.split('+')
    for n, p in base.named_parameters(): p.requires_grad = n.split('.')[0] in layers
    groups = [{'params': [p for n, p in base.named_parameters() if n.split('.')[0] in layers], 'lr': float(blr)}, {'params': head.parameters(), 'lr': float(hlr)}]
    ep = int(ep); train(model, x, y, groups, ep, 16, seed + 1, aug == '1', sorted({c for c in (5, 10, 20, 30, 50, 75, 100, 150) if c <= ep} | {ep}), log)
    return log
ks = [int(a) for a in sys.argv[1].split(',')]; seeds = int(sys.argv[2])
for name in sys.argv[3:]:
    for k in ks:
        t0 = time.time(); logs = [arm(name, k, s) for s in range(1, seeds + 1)]
        pts = ' '.join(f"{logs[0][i][0]}:{np.mean([l[i][2] for l in logs]):.3f}±{np.std([l[i][2] for l in logs], ddof=1) if seeds > 1 else 0:.3f}" for i in range(len(logs[0])))
        print(f"{name} k={k} [{time.time()-t0:.0f}s, train {np.mean([l[-1][1] for l in logs]):.1f}s/run] {pts}", flush=True)
