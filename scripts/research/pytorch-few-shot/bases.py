"""Can a better-pretrained base, or a better-regularised head, lift transfer's lead at k = 3-5?

Issue 15, item 3. Each attempt is judged on validation images only (target images of the official
train split that are never shipped), against the scratch arm trained on the same k-shot images:
the lead of an attempt at k is (its validation accuracy - scratch's) in points, paired by seed,
mean ± std over seeds 1-5 of the experiment's own k-shot picks.

  npx node scripts/research/pytorch-few-shot/dump-indices.ts          # -> .tmp/few-shot-indices.json
  /usr/bin/python3 scripts/research/pytorch-few-shot/bases.py scratch
  /usr/bin/python3 scripts/research/pytorch-few-shot/bases.py pretrain NAME   # -> .tmp/bases/NAME.pt
  /usr/bin/python3 scripts/research/pytorch-few-shot/bases.py eval BASE ARM... # BASE: shipped or NAME

Bases (same architecture and layer names as the shipped one, so the same 0.3 MB of weights):
  pt10      the shipped recipe redone in PyTorch: 10 epochs, shift/flip, Adam 1e-3, batch 64
  pt20      20 epochs, shift/flip + random erasing, cosine learning-rate decay
  mixup     10 epochs, shift/flip, mixup (alpha 0.4) of images and labels (pt10 plus mixup)
  all6000   10 epochs, shift/flip, on all 6,000 official train images per source class (the 500
            held out for design decisions too; its source accuracy is on the official test images)
  pt10s2    pt10 with another seed (initialisation, order, augmentation)
Arms: head (the experiment's: Adam 3e-3, 150 epochs, batch 16, on `features` computed once),
head-old (Adam 1e-3, 200 epochs: the course's head before issue 15), head-wd (weight decay 0.1),
head-ls (label smoothing 0.1), head-sqrtl2 (square root, then L2-normalised features),
head-dropout (dropout 0.5 on the features while training), head-fmixup (mixup of the features,
alpha 0.4), finetune (the experiment's: head, then conv1-conv4 at 1e-4 / head 1e-3, shift/flip,
30 epochs).
"""
# %%
# Data: the k-shot picks, validation images and pool come from lib.py (the experiment's own); the
# source images are the official train images of the five source classes, split as pretraining
# splits them (`sourceTrainSelection`: 5,500 to fit, 500 held out per class).
from lib import *
import os, sys, time, math
KS = [1, 3, 5, 10, 20]
SEEDS = [1, 2, 3, 4, 5]
SCRATCH_EPOCHS = {1: 10, 3: 100, 5: 100, 10: 100, 20: 100}  # the experiment's scratch budgets
_tr = idx_images('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz')
_te = idx_images('/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz')
_tel = np.frombuffer(gzip.open('/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz').read(), np.uint8, offset=8)
SOURCE = IDX['source']
def source_sets(all_train=False):
    fit = [f + (v if all_train else []) for f, v in zip(IDX['sourceFit'], IDX['sourceVal'])]
    fx = to_x(np.concatenate([_tr[f] for f in fit])); fy = torch.tensor(sum([[i] * len(f) for i, f in enumerate(fit)], []))
    if all_train:  # the held-out images are in the fit set: score on the official test images instead
        sel = [np.where(_tel == l)[0] for l in SOURCE]
        vx = to_x(np.concatenate([_te[s] for s in sel])); vy = torch.tensor(sum([[i] * len(s) for i, s in enumerate(sel)], []))
    else:
        vx = to_x(np.concatenate([_tr[v] for v in IDX['sourceVal']])); vy = torch.tensor(sum([[i] * len(v) for i, v in enumerate(IDX['sourceVal'])], []))
    return fx, fy, vx, vy

# %%
# Augmentation, batched: a random shift of up to 2 px each way (a crop of the zero-padded batch)
# and a horizontal flip half the time; random erasing blanks one rectangle of up to a quarter of
# the image in half of the images.
def shift_flip(x, g, maxs=2):
    n = x.shape[0]; p = F.pad(x, (maxs,) * 4)
    dx = torch.randint(0, 2 * maxs + 1, (n,), generator=g); dy = torch.randint(0, 2 * maxs + 1, (n,), generator=g)
    rows = (dy.view(n, 1) + torch.arange(28).view(1, 28)); cols = (dx.view(n, 1) + torch.arange(28).view(1, 28))
    out = p[:, 0][torch.arange(n).view(n, 1, 1), rows.view(n, 28, 1), cols.view(n, 1, 28)].unsqueeze(1)
    flip = torch.rand(n, generator=g) < 0.5
    return torch.where(flip.view(n, 1, 1, 1), out.flip(3), out)
def erase(x, g):
    x = x.clone()
    for i in range(x.shape[0]):
        if torch.rand(1, generator=g).item() < 0.5:
            h, w = [int(torch.randint(4, 15, (1,), generator=g)) for _ in range(2)]
            y0, x0 = int(torch.randint(0, 28 - h + 1, (1,), generator=g)), int(torch.randint(0, 28 - w + 1, (1,), generator=g))
            x[i, :, y0:y0 + h, x0:x0 + w] = 0
    return x

# %%
# Pretraining: the base, then `dense` (128, relu) and a 5-way output, as buildFashionCnn has it.
class Pretrain(nn.Module):
    def __init__(s):
        super().__init__(); s.base = Base(); s.dense = nn.Linear(1568, 128); s.out = nn.Linear(128, 5)
    def forward(s, x): return s.out(F.relu(s.dense(s.base(x))))
BASES = {
    'pt10': dict(epochs=10),
    'pt20': dict(epochs=20, erasing=True, cosine=True),
    'mixup': dict(epochs=10, mixup=0.4),
    'all6000': dict(epochs=10, all_train=True),
    'pt10s2': dict(epochs=10, seed=2),  # pt10 again, another seed: how much one pretraining run moves the lead
}
def pretrain(name):
    cfg = BASES[name]; fx, fy, vx, vy = source_sets(cfg.get('all_train', False))
    seed = cfg.get('seed', 1); torch.manual_seed(seed); g = torch.Generator().manual_seed(seed)
    model = Pretrain(); opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    steps = cfg['epochs'] * math.ceil(len(fx) / 64); step = 0; t0 = time.time()
    for ep in range(1, cfg['epochs'] + 1):
        model.train(); perm = torch.randperm(len(fx), generator=g)
        for i in range(0, len(fx), 64):
            b = perm[i:i + 64]; xb = shift_flip(fx[b], g); yb = fy[b]
            if cfg.get('erasing'): xb = erase(xb, g)
            if cfg.get('cosine'):
                for group in opt.param_groups: group['lr'] = 1e-3 * 0.5 * (1 + math.cos(math.pi * step / steps))
            opt.zero_grad()
            if cfg.get('mixup'):
                lam = float(np.random.default_rng(step).beta(cfg['mixup'], cfg['mixup'])); j = torch.randperm(len(b), generator=g)
                logits = model(lam * xb + (1 - lam) * xb[j])
                loss = lam * F.cross_entropy(logits, yb) + (1 - lam) * F.cross_entropy(logits, yb[j])
            else:
                loss = F.cross_entropy(model(xb), yb)
            loss.backward(); opt.step(); step += 1
        print(f'{name} epoch {ep}: source accuracy {acc(model, vx, vy):.4f}, {time.time() - t0:.0f} s', flush=True)
    os.makedirs('.tmp/bases', exist_ok=True); torch.save(model.base.state_dict(), f'.tmp/bases/{name}.pt')

def load_base(name):
    if name == 'shipped': return shipped_base()
    base = Base(); base.load_state_dict(torch.load(f'.tmp/bases/{name}.pt')); return base

# %%
# The arms, each on one seed's k-shot images, scored on the validation images.
class Net(nn.Module):
    def __init__(s, base, head): super().__init__(); s.base = base; s.head = head
    def forward(s, x): return s.head(s.base(x))
def glorot_(model):
    # TF.js's defaults, which the experiment's scratch arm has: Glorot-uniform kernels, zero biases
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)): nn.init.xavier_uniform_(m.weight); nn.init.zeros_(m.bias)
    return model
def scratch(k, seed):
    # The experiment's scratch arm: the whole architecture (`dense` included) from Glorot-uniform weights.
    x, y = kshot(k, seed); torch.manual_seed(seed * 1000 + 17)
    model = glorot_(Net(Base(), nn.Sequential(nn.Linear(1568, 128), nn.ReLU(), nn.Linear(128, 5))))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7); g = torch.Generator().manual_seed(seed)
    for ep in range(SCRATCH_EPOCHS[k]):
        model.train(); perm = torch.randperm(len(x), generator=g)
        for i in range(0, len(x), 16):
            b = perm[i:i + 16]; opt.zero_grad(); F.cross_entropy(model(x[b]), y[b]).backward(); opt.step()
    return acc(model, VAL_X, VAL_Y)
class SqrtL2(nn.Module):
    # sqrt, then L2 normalisation (x10) of the features before the linear layer
    def __init__(s, lin): super().__init__(); s.lin = lin
    def forward(s, f): return s.lin(F.normalize(f.clamp(min=0).sqrt(), dim=1) * 10)
def head(base, k, seed, variant='head', epochs=150):
    x, y = kshot(k, seed); base.eval()
    with torch.no_grad(): f = base(x)
    lr, wd, ls = 3e-3, 0.0, 0.0
    if variant == 'head-old': lr, epochs = 1e-3, 200  # the course's recipe before issue 15
    if variant == 'head-wd': wd = 1e-1
    if variant == 'head-ls': ls = 0.1
    lin = glorot_linear(1568, 5, seed * 1000 + 29); opt = torch.optim.Adam(lin.parameters(), lr=lr, eps=1e-7, weight_decay=wd)
    if variant == 'head-sqrtl2': lin = SqrtL2(lin)
    g = torch.Generator().manual_seed(seed)
    for ep in range(epochs):
        perm = torch.randperm(len(f), generator=g)
        for i in range(0, len(f), 16):
            b = perm[i:i + 16]; fb, yb = f[b], y[b]; opt.zero_grad()
            if variant == 'head-dropout': fb = F.dropout(fb, 0.5, training=True)
            if variant == 'head-fmixup':
                lam = float(np.random.default_rng(seed * 100000 + ep * 100 + i).beta(0.4, 0.4)); j = torch.randperm(len(b), generator=g)
                logits = lin(lam * fb + (1 - lam) * fb[j]); loss = lam * F.cross_entropy(logits, yb) + (1 - lam) * F.cross_entropy(logits, yb[j])
            else:
                loss = F.cross_entropy(lin(fb), yb, label_smoothing=ls)
            loss.backward(); opt.step()
    return lin
def arm(base_name, name, k, seed):
    base = load_base(base_name)
    lin = head(base, k, seed, name if name.startswith('head') else 'head')
    model = Net(base, lin)
    if name == 'finetune':
        x, y = kshot(k, seed); layers = ['conv1', 'conv2', 'conv3', 'conv4']
        for n, p in base.named_parameters(): p.requires_grad = n.split('.')[0] in layers
        opt = torch.optim.Adam([{'params': [p for p in base.parameters() if p.requires_grad], 'lr': 1e-4},
                                {'params': lin.parameters(), 'lr': 1e-3}], eps=1e-7)
        g = torch.Generator().manual_seed(seed + 1)
        for ep in range(30):
            model.train(); perm = torch.randperm(len(x), generator=g)
            for i in range(0, len(x), 16):
                b = perm[i:i + 16]; opt.zero_grad(); F.cross_entropy(model(shift_flip(x[b], g)), y[b]).backward(); opt.step()
    return acc(model, VAL_X, VAL_Y)

# %%
# Scratch once (it does not depend on the base), kept in .tmp/bases/scratch.json; then each
# (base, arm) as the lead over it per k, mean ± std over seeds, in points.
def scratch_table():
    path = '.tmp/bases/scratch.json'
    if os.path.exists(path): return {tuple(map(int, key.split('/'))): v for key, v in json.load(open(path)).items()}
    t = {(k, s): scratch(k, s) for k in KS for s in SEEDS}
    os.makedirs('.tmp/bases', exist_ok=True); json.dump({f'{k}/{s}': v for (k, s), v in t.items()}, open(path, 'w'))
    return t
if __name__ == '__main__':
    what = sys.argv[1]
    if what == 'pretrain': pretrain(sys.argv[2])
    elif what == 'scratch':
        t = scratch_table()
        for k in KS:
            v = [t[(k, s)] for s in SEEDS]; print(f'scratch k={k}: validation {np.mean(v):.3f} ± {np.std(v, ddof=1):.3f}', flush=True)
    elif what == 'eval':
        t = scratch_table(); base_name = sys.argv[2]
        for name in sys.argv[3:]:
            cells = []; path = '.tmp/bases/results.json'
            for k in KS:
                a = [arm(base_name, name, k, s) for s in SEEDS]; lead = [(a[i] - t[(k, s)]) * 100 for i, s in enumerate(SEEDS)]
                saved = json.load(open(path)) if os.path.exists(path) else {}
                saved[f'{base_name}/{name}/{k}'] = a; json.dump(saved, open(path, 'w'))  # per seed, to pair with any scratch
                cells.append(f'k={k} {np.mean(a):.3f} lead {np.mean(lead):+.1f} ± {np.std(lead, ddof=1):.1f}')
            print(f'{base_name:8s} {name:12s} | ' + ' | '.join(cells), flush=True)
