"""
The whole recipe (lesson "Transfer learning in action", exercise ``end-to-end``)
================================================================================

Geek's example, done properly: load the pretrained model, replace its last layer,
fine-tune it on our data in two phases, evaluate on the test set and report.
The same recipe as the browser exercise's solution: cut at ``features``, a new
5-class head; phase 1 only the head learns (SGD, lr 0.01, momentum 0.9, 10 epochs),
phase 2 ``conv3``, ``conv4`` and the head (lr 0.001, 5 epochs); 20 images per class
(seed 1), batches of 16.

Run it with ``python3 pytorch/05_end_to_end.py`` (``--quick``: one epoch per phase).
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
torch.manual_seed(0)
started = time.perf_counter()

# %%
# Load the pre-trained model
base = transferlab.models.fashion_cnn(weights="pretrained")

# %%
# Modify the last layer for our task: keep everything up to ``features``, add a new head.
num_classes = 5
model = base.cut_after("features")
model.new_head = nn.Linear(1568, num_classes)
nn.init.xavier_uniform_(model.new_head.weight)  # TF.js's default initialisers, so both start alike
nn.init.zeros_(model.new_head.bias)

# %%
# Our dataset: the same 100 images the browser trains on.
train = transferlab.datasets.load("fashion-target", split="train", per_class=20, seed=1)
learning_rate = 0.001


def fit(model, optimizer, data, epochs, batch_size):
    """The training loop: ``model.fit(xs, ys, { epochs, batchSize, shuffle: true })``."""
    loader = DataLoader(data, batch_size=batch_size, shuffle=True)
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    for epoch in range(epochs):
        total = 0.0
        for images, labels in loader:
            optimizer.zero_grad()                   # forget the previous batch's gradients
            loss = loss_fn(model(images), labels)   # forward pass and loss
            loss.backward()                         # gradients
            optimizer.step()                        # update the weights
            total += loss.item() * len(labels)
        print(f"  epoch {epoch + 1}/{epochs}: loss {total / len(data):.4f}")


# %%
# Fine-tune the model on our dataset.
# Phase 1: only the new head learns.
for name, layer in model.named_children():
    layer.requires_grad_(name == "new_head")
optimizer = torch.optim.SGD(model.new_head.parameters(), lr=learning_rate * 10, momentum=0.9)
fit(model, optimizer, train, epochs=1 if quick else 10, batch_size=16)

# %%
# Phase 2: the top of the base joins in, with the low learning rate.
for name, layer in model.named_children():
    layer.requires_grad_(name in ("conv3", "conv4", "new_head"))
optimizer = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=learning_rate, momentum=0.9)
fit(model, optimizer, train, epochs=1 if quick else 5, batch_size=16)

# %%
# Evaluate on the test set and report.
# 200 test images of each class (1,000 of the 2,500 shipped), the same ones as in the browser.
test = transferlab.datasets.load("fashion-target", split="test", per_class=200)
accuracy = transferlab.evaluate(model, test).accuracy
print(f"Fine-tuning complete! Test accuracy: {accuracy * 100:.1f}%")
print(f"Wall time: {time.perf_counter() - started:.1f} s")
