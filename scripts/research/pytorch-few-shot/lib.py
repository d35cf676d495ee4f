"""Shared by the PyTorch few-shot research (run from the repository root, after dump-indices.ts):
the shipped base in PyTorch (its `features` flattened in TF.js order, NHWC), the shipped target
pool and test set, and the validation images (official train, never shipped)."""
import gzip, json, numpy as np, torch, torch.nn as nn, torch.nn.functional as F
torch.set_num_threads(1)
IDX = json.load(open('.tmp/few-shot-indices.json'))
TARGET = IDX['target']
def idx_images(path):
    b = gzip.open(path).read(); return np.frombuffer(b, np.uint8, offset=16).reshape(-1, 784)
def records(path):
    b = np.frombuffer(open(path, 'rb').read(), np.uint8).reshape(-1, 785); return b[:, 1:], b[:, 0]
def to_x(p): return torch.tensor(p.reshape(-1, 1, 28, 28).astype(np.float32) / 255)
tr_pix, tr_lab = records('public/data/fashion-mnist/target-train.bin')
te_pix, te_lab = records('public/data/fashion-mnist/target-test.bin')
cls = {l: i for i, l in enumerate(TARGET)}
POOL_X = to_x(tr_pix); POOL_Y = torch.tensor([cls[int(l)] for l in tr_lab])
TEST_X = to_x(te_pix); TEST_Y = torch.tensor([cls[int(l)] for l in te_lab])
_off = idx_images('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz')
VAL_X = to_x(np.concatenate([_off[v] for v in IDX['val']])); VAL_Y = torch.tensor(sum([[i] * len(v) for i, v in enumerate(IDX['val'])], []))
def kshot(k, seed):
    r = IDX['picks'][f'{k}/{seed}']; return POOL_X[r], POOL_Y[r]

class Base(nn.Module):
    def __init__(s, w=16):
        super().__init__()
        s.conv1 = nn.Conv2d(1, w, 3, padding=1); s.conv2 = nn.Conv2d(w, w, 3, padding=1)
        s.conv3 = nn.Conv2d(w, 2*w, 3, padding=1); s.conv4 = nn.Conv2d(2*w, 2*w, 3, padding=1)
    def forward(s, x):
        x = F.max_pool2d(F.relu(s.conv2(F.relu(s.conv1(x)))), 2)
        x = F.max_pool2d(F.relu(s.conv4(F.relu(s.conv3(x)))), 2)
        return x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)  # NHWC flatten = tfjs `features`
def shipped_base():
    m = json.load(open('public/models/fashion-cnn/model.json'))
    raw = np.frombuffer(open('public/models/fashion-cnn/weights.bin', 'rb').read(), np.float32)
    base = Base(); off = 0; sd = {}
    for w in m['weightsManifest'][0]['weights']:
        n = int(np.prod(w['shape'])); a = raw[off:off+n].reshape(w['shape']); off += n
        sd[w['name']] = a
    for c in ['conv1', 'conv2', 'conv3', 'conv4']:
        getattr(base, c).weight.data = torch.tensor(sd[c + '/kernel'].transpose(3, 2, 0, 1).copy())
        getattr(base, c).bias.data = torch.tensor(sd[c + '/bias'].copy())
    return base
def acc(model, x, y, bs=1000):
    model.eval()
    with torch.no_grad(): p = torch.cat([model(x[i:i+bs]).argmax(1) for i in range(0, len(x), bs)])
    return (p == y).float().mean().item()
def glorot_linear(d, c, seed):
    g = torch.Generator().manual_seed(seed); lin = nn.Linear(d, c); lim = (6 / (d + c)) ** 0.5
    lin.weight.data = (torch.rand(c, d, generator=g) * 2 - 1) * lim; lin.bias.data.zero_(); return lin
