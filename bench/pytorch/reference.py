"""PyTorch (CPU) reference for the Transfer Lab benchmark.

The same architecture (built from the course model's model.json, pretrained
weights from its weights.bin), the same data files, the same epochs, batch
sizes, optimizers and trainable layers as the browser run, which the bench
passes in as a job (JSON file, argv[1]); prints one line of JSON on stdout.

Measures, like the browser probes:
  throughput  full-model training (every layer trainable) and inference, ms per sample
  exercise    the heaviest exercise's fits, as recorded by the browser probe
              (epochs, batch size, samples, trainable layers, optimizer), then
              evaluation on the test split; wall time per phase and test accuracy
  transfer    frozen base recomputed every epoch vs embeddings computed once

Run with Debian's interpreter: /usr/bin/python3 bench/pytorch/reference.py job.json
"""

import json
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

RECORD_BYTES = 785


def now_ms():
    return time.perf_counter() * 1000.0


# ------------------------------------------------------------------ data (same sampling as src/lab/datasets.ts)

def mulberry32(seed):
    state = seed & 0xFFFFFFFF

    def imul(a, b):
        return (a * b) & 0xFFFFFFFF

    def random():
        nonlocal state
        state = (state + 0x6D2B79F5) & 0xFFFFFFFF
        t = state
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return random


def shuffled(items, random):
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        j = int(random() * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out


def load_dataset(dist, name, split, per_class=None, seed=0):
    index = json.load(open(os.path.join(dist, 'data', 'fashion-mnist', 'index.json')))
    spec = index['sets'][name]
    entry = spec['splits'][split]
    raw = np.fromfile(os.path.join(dist, 'data', 'fashion-mnist', entry['file']), dtype=np.uint8).reshape(-1, RECORD_BYTES)
    class_of_label = {c['label']: i for i, c in enumerate(spec['classes'])}
    by_class = [[] for _ in spec['classes']]
    for r in range(raw.shape[0]):
        by_class[class_of_label[int(raw[r, 0])]].append(r)
    random = mulberry32(seed)
    chosen = []
    for records in by_class:
        picked = shuffled(records, random)
        chosen.extend(picked if per_class is None else picked[:per_class])
    order = shuffled(chosen, random)
    pixels = raw[order, 1:].astype(np.float32) / 255.0
    xs = torch.from_numpy(pixels.reshape(-1, 1, 28, 28).copy())  # NCHW
    labels = torch.tensor([class_of_label[int(raw[r, 0])] for r in order], dtype=torch.long)
    return xs, labels


# ------------------------------------------------------------------ the model, from model.json

class NhwcFlatten(nn.Module):
    """Keras flattens channels-last; permuting first keeps the pretrained dense weights' order."""

    def forward(self, x):
        return x.permute(0, 2, 3, 1).flatten(1)


def activation(name):
    return {'relu': nn.ReLU(), 'linear': None, None: None, 'softmax': None}[name]


def build_base(dist, cut_at):
    """The course model from its input up to and including layer `cut_at`, as named blocks, with pretrained weights."""
    model_dir = os.path.join(dist, 'models', 'fashion-cnn')
    spec = json.load(open(os.path.join(model_dir, 'model.json')))
    layers = spec['modelTopology']['config']['layers']
    manifest = spec['weightsManifest']
    blobs = b''.join(open(os.path.join(model_dir, p), 'rb').read() for group in manifest for p in group['paths'])
    weights, offset = {}, 0
    for group in manifest:
        for w in group['weights']:
            if w['dtype'] != 'float32' or 'quantization' in w:
                raise SystemExit('reference.py reads float32 weights only, found %s %s' % (w['name'], w['dtype']))
            count = int(np.prod(w['shape'])) if w['shape'] else 1
            weights[w['name']] = np.frombuffer(blobs, dtype=np.float32, count=count, offset=offset).reshape(w['shape'])
            offset += count * 4

    names = [layer['config']['name'] for layer in layers]
    if cut_at not in names:
        raise SystemExit('reference.py: no layer %s in the model (layers: %s)' % (cut_at, ', '.join(names)))
    blocks = []
    channels = layers[0]['config']['batch_input_shape'][-1]
    for layer in layers[:names.index(cut_at) + 1]:
        kind, cfg = layer['class_name'], layer['config']
        name = cfg['name']
        if kind == 'Conv2D':
            kernel_size = cfg['kernel_size']
            if cfg['padding'] != 'same' or cfg['strides'] != [1, 1] or any(k % 2 == 0 for k in kernel_size):
                raise SystemExit('reference.py supports stride-1 "same" convolutions with odd kernels only (%s)' % name)
            # Explicit k//2 padding equals "same" here, and is PyTorch's fast path: padding='same' is 3-4x
            # slower in torch 1.13 on this machine (measured: 0.29 vs 1.0 ms/sample inference at batch 256).
            conv = nn.Conv2d(channels, cfg['filters'], kernel_size, padding=tuple(k // 2 for k in kernel_size))
            conv.weight.data = torch.from_numpy(weights[name + '/kernel'].transpose(3, 2, 0, 1).copy())
            conv.bias.data = torch.from_numpy(weights[name + '/bias'].copy())
            channels = cfg['filters']
            blocks.append((name, nn.Sequential(conv, *[a for a in [activation(cfg['activation'])] if a])))
        elif kind == 'MaxPooling2D':
            blocks.append((name, nn.MaxPool2d(cfg['pool_size'], cfg['strides'])))
        elif kind == 'Flatten':
            blocks.append((name, NhwcFlatten()))
        elif kind == 'Dropout':
            blocks.append((name, nn.Dropout(cfg['rate'])))
        elif kind == 'Dense':
            kernel = weights[name + '/kernel']
            dense = nn.Linear(kernel.shape[0], kernel.shape[1])
            dense.weight.data = torch.from_numpy(kernel.T.copy())
            dense.bias.data = torch.from_numpy(weights[name + '/bias'].copy())
            blocks.append((name, nn.Sequential(dense, *[a for a in [activation(cfg['activation'])] if a])))
        else:
            raise SystemExit('reference.py does not know layer type %s (%s)' % (kind, name))
    base = nn.ModuleDict(blocks)
    size = layers[0]['config']['batch_input_shape'][1:]
    with torch.no_grad():
        x = torch.zeros(1, size[2], size[0], size[1])
        for block in base.values():
            x = block(x)
    return base, x.flatten(1).shape[1]


class WithNewHead(nn.Module):
    def __init__(self, base, features, classes, seed):
        super().__init__()
        self.base = base
        torch.manual_seed(seed)
        self.new_head = nn.Linear(features, classes)

    def embed(self, x):
        for block in self.base.values():
            x = block(x)
        return x

    def forward(self, x):
        return self.new_head(self.embed(x).flatten(1))  # logits; the loss applies log-softmax


CUT_AT = 'features'


def new_model(dist, seed=0):
    base, features = build_base(dist, CUT_AT)
    return WithNewHead(base, features, 5, seed)


def set_trainable(model, names):
    for name, block in model.base.items():
        for p in block.parameters():
            p.requires_grad = name in names
    for p in model.new_head.parameters():
        p.requires_grad = 'new_head' in names


def optimizer_for(model, spec):
    params = [p for p in model.parameters() if p.requires_grad]
    name = (spec or {}).get('name') or 'SGD'
    lr = (spec or {}).get('learningRate') or 0.01
    if name == 'Momentum':
        return torch.optim.SGD(params, lr=lr, momentum=(spec or {}).get('momentum') or 0.9)
    if name == 'Adam':
        return torch.optim.Adam(params, lr=lr)
    return torch.optim.SGD(params, lr=lr)


def train(model, xs, labels, epochs, batch_size, optimizer, shuffle=True):
    """Keras-style fit; returns each epoch's duration in ms."""
    model.train()
    durations = []
    n = xs.shape[0]
    for _ in range(epochs):
        start = now_ms()
        order = torch.randperm(n) if shuffle else torch.arange(n)
        for i in range(0, n, batch_size):
            idx = order[i:i + batch_size]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(xs[idx]), labels[idx])
            loss.backward()
            optimizer.step()
        durations.append(now_ms() - start)
    return durations


def evaluate(model, xs, labels):
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, xs.shape[0], 256):
            correct += (model(xs[i:i + 256]).argmax(1) == labels[i:i + 256]).sum().item()
    return correct / xs.shape[0]


# ------------------------------------------------------------------ the measurements

def throughput(dist, params):
    xs, labels = load_dataset(dist, 'fashion-target', 'train', per_class=-(-params['trainSamples'] // 5), seed=1)
    xs, labels = xs[:params['trainSamples']], labels[:params['trainSamples']]
    model = new_model(dist)
    set_trainable(model, set(model.base.keys()) | {'new_head'})
    opt = torch.optim.SGD(model.parameters(), lr=0.001, momentum=0.9)
    epochs = train(model, xs, labels, params['epochs'], params['batchSize'], opt, shuffle=False)
    test_x, _ = load_dataset(dist, 'fashion-target', 'test', per_class=-(-params['inferSamples'] // 5), seed=2)
    test_x = test_x[:params['inferSamples']]
    model.eval()

    def predict_all():
        with torch.no_grad():
            for i in range(0, test_x.shape[0], params['inferBatch']):
                model(test_x[i:i + params['inferBatch']]).argmax(1)

    start = now_ms()
    predict_all()
    first_infer = now_ms() - start
    start = now_ms()
    predict_all()
    return {
        'trainMsPerSample': sum(epochs[1:]) / ((params['epochs'] - 1) * params['trainSamples']),
        'firstEpochMs': epochs[0],
        'inferMsPerSample': (now_ms() - start) / params['inferSamples'],
        'firstInferMs': first_infer,
    }


def exercise(dist, fits):
    """The exercise's fits as the browser recorded them, then evaluation on the whole test split."""
    start = now_ms()
    model = new_model(dist)
    loaded = now_ms()
    samples = fits[0]['samples']
    xs, labels = load_dataset(dist, 'fashion-target', 'train', per_class=samples // 5, seed=1)
    data = now_ms()
    fit_ms, epoch_ms = [], []
    for fit in fits:
        set_trainable(model, set(fit['trainable']))
        opt = optimizer_for(model, fit.get('optimizer'))
        t = now_ms()
        epoch_ms.append(train(model, xs, labels, fit['epochs'], fit['batchSize'], opt, fit.get('shuffle', True)))
        fit_ms.append(now_ms() - t)
    t = now_ms()
    test_x, test_labels = load_dataset(dist, 'fashion-target', 'test')
    accuracy = evaluate(model, test_x, test_labels)
    end = now_ms()
    return {
        'loadMs': loaded - start,
        'dataMs': data - loaded,
        'fitMs': fit_ms,
        'epochMs': epoch_ms,
        'evaluateMs': end - t,
        'totalMs': end - start,
        'testAccuracy': accuracy,
        'samplesTrained': sum(f['samples'] * f['epochs'] for f in fits),
    }


def transfer(dist, params):
    xs, labels = load_dataset(dist, 'fashion-target', 'train', per_class=params['perClass'], seed=1)
    model = new_model(dist)
    set_trainable(model, {'new_head'})
    opt = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.01, momentum=0.9)
    start = now_ms()
    train(model, xs, labels, params['epochs'], params['batchSize'], opt, shuffle=False)
    recompute = now_ms() - start

    model2 = new_model(dist)
    start = now_ms()
    with torch.no_grad():
        model2.eval()
        embeddings = model2.embed(xs)
    embed = now_ms() - start
    head = model2.new_head
    opt2 = torch.optim.SGD(head.parameters(), lr=0.01, momentum=0.9)
    n = embeddings.shape[0]
    for _ in range(params['epochs']):
        for i in range(0, n, params['batchSize']):
            opt2.zero_grad()
            F.cross_entropy(head(embeddings[i:i + params['batchSize']]), labels[i:i + params['batchSize']]).backward()
            opt2.step()
    cached = now_ms() - start
    return {'recomputeMs': recompute, 'cachedMs': cached, 'embedMs': embed, 'speedup': recompute / cached}


def repeat(runs, fn):
    return [fn() for _ in range(runs)]


def main():
    global CUT_AT
    job = json.load(open(sys.argv[1]))
    CUT_AT = job.get('cutAt', CUT_AT)
    if job.get('threads'):
        torch.set_num_threads(job['threads'])
    dist = job['distDir']
    out = {
        'torchVersion': torch.__version__,
        'threads': torch.get_num_threads(),
        'cutAt': CUT_AT,
        'python': sys.executable,
        'throughput': repeat(job['runs'], lambda: throughput(dist, job['throughput'])),
        'transfer': repeat(job['runs'], lambda: transfer(dist, job['transfer'])),
    }
    if job.get('fits'):
        out['exercise'] = repeat(job['runs'], lambda: exercise(dist, job['fits']))
    out['medianTrainMsPerSample'] = statistics.median(r['trainMsPerSample'] for r in out['throughput'])
    print(json.dumps(out))


if __name__ == '__main__':
    main()
