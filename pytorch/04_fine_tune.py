"""
Fine-tune in two phases (lesson "Fine-tune the model", exercise ``fine-tune``)
==============================================================================

The browser exercise's solution, step for step, in PyTorch: the course's
pretrained model cut at ``features``, a new 5-class head, then

1. the base frozen, only the new head learns (SGD, lr 0.01, momentum 0.9, 10 epochs);
2. the top block (``conv3``, ``conv4``) unfrozen, everything trainable learns gently
   (SGD, lr 0.001, momentum 0.9, 5 epochs),

on the same 20 training images per class (the same images as in the browser: same seed),
batches of 16, and scored on 1,000 test images of the new task (200 per class).

Run it with ``python3 pytorch/04_fine_tune.py`` (``--quick``: one epoch per phase).
"""

# %%
# Setup: ``transferlab`` is the course's model and data, next to this script.
import sys
import time
from pathlib import Path

import torch
from torch import nn
from torch.utils.data import DataLoader

# In a notebook there is no __file__: open it from the pytorch/ folder.
sys.path.insert(0, str(Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()))
import transferlab

quick = "--quick" in sys.argv
torch.manual_seed(0)  # the new head's initial weights and the batch order
started = time.perf_counter()

# %%
# The modified model
# ------------------
# The pretrained layers up to ``features`` (the output of the last conv block,
# 32 x 7 x 7 = 1568 numbers per image), plus a new 5-class head. Assigning an
# attribute to an ``nn.Sequential`` appends a layer. The head starts like a
# TF.js dense layer (Glorot uniform weights, zero bias), so both frameworks
# start alike; PyTorch's default initialisation would work too.
base = transferlab.models.fashion_cnn(weights="pretrained")
model = base.cut_after("features")
model.new_head = nn.Linear(1568, 5)
nn.init.xavier_uniform_(model.new_head.weight)
nn.init.zeros_(model.new_head.bias)
print(model)

# %%
# Our new task: 20 training images of each of the 5 new classes (seed 1, as in the browser).
train = transferlab.datasets.load("fashion-target", split="train", per_class=20, seed=1)
# 200 test images of each class (1,000 of the 2,500 shipped), the same ones as in the browser.
test = transferlab.datasets.load("fashion-target", split="test", per_class=200)
print(f"{len(train)} training images, {len(test)} test images, classes: {', '.join(train.class_names)}")


# %%
# A plain training loop: what ``model.fit(xs, ys, { epochs, batchSize, shuffle: true })`` does.
# ``CrossEntropyLoss`` takes logits and class indices: the same loss as TF.js's softmax
# plus categorical cross-entropy on one-hot labels.
def fit(model, optimizer, data, epochs, batch_size):
    loader = DataLoader(data, batch_size=batch_size, shuffle=True)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        model.train()
        total_loss, correct = 0.0, 0
        for images, labels in loader:
            optimizer.zero_grad()
            logits = model(images)
            loss = loss_fn(logits, labels)
            loss.backward()
            optimizer.step()
            total_loss += loss.item() * len(labels)
            correct += (logits.argmax(dim=1) == labels).sum().item()
        print(f"  epoch {epoch + 1}/{epochs}: loss {total_loss / len(data):.4f}, accuracy {correct / len(data):.3f}")


# %%
# Phase 1: freeze every pretrained layer, train only the new head.
# ``requires_grad_(False)`` freezes at once; the optimizer gets only what should learn.
for name, layer in model.named_children():
    layer.requires_grad_(name == "new_head")
optimizer = torch.optim.SGD(model.new_head.parameters(), lr=0.01, momentum=0.9)
print("Phase 1: the new head learns")
fit(model, optimizer, train, epochs=1 if quick else 10, batch_size=16)

# %%
# Phase 2: unfreeze the top of the base and fine-tune everything trainable, gently.
# ``conv1`` and ``conv2`` (edges and blobs, good for any image) stay frozen.
top = ["conv3", "conv4"]
for name, layer in model.named_children():
    layer.requires_grad_(name == "new_head" or name in top)
optimizer = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.001, momentum=0.9)
print("Phase 2: conv3, conv4 and the new head learn")
fit(model, optimizer, train, epochs=1 if quick else 5, batch_size=16)

# %%
# Evaluate: ``model.eval()`` and ``torch.no_grad()`` inside ``transferlab.evaluate``.
result = transferlab.evaluate(model, test)
print(f"Test accuracy on the new task: {result.accuracy * 100:.1f}%")
for name, acc in zip(test.class_names, result.per_class):
    print(f"  {name:<12} {acc * 100:5.1f}%")
print(f"Wall time: {time.perf_counter() - started:.1f} s")
