"""
Transfer vs from scratch, 5 images per class (lesson "Why it works: less data", exercise ``compare``)
====================================================================================================

The browser exercise's solution in PyTorch. Only 5 training images per class
(seed 3: the same 25 images as in the browser), the same training budget for
both arms (Adam, 20 epochs, batches of 5), each arm with its own learning rate, as in the
course's experiment (0.001 for the whole network from scratch, 0.003 for a new head on frozen features):

* from scratch: the same architecture with random weights, every layer learns;
* transfer: the pretrained base, frozen; only the new head learns.

Run it with ``python3 pytorch/06_compare.py`` (``--quick``: one epoch per arm).
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

k = 5
EPOCHS = 1 if quick else 20
BATCH_SIZE = 5
# Each arm's own learning rate: a whole network learning from random weights takes smaller
# steps than a new head learning on frozen features.
SCRATCH_LEARNING_RATE = 0.001
HEAD_LEARNING_RATE = 0.003
train = transferlab.datasets.load("fashion-target", split="train", per_class=k, seed=3)
# 100 test images of each class (500 of the 2,500 shipped), the same ones as in the browser.
test = transferlab.datasets.load("fashion-target", split="test", per_class=100)


# %%
# Both arms: the base model's convolutional layers (up to ``features``) with a new 5-class layer on top.
def with_new_head(base):
    model = base.cut_after("features")
    model.new_head = nn.Linear(1568, 5)
    nn.init.xavier_uniform_(model.new_head.weight)  # TF.js's default initialisers
    nn.init.zeros_(model.new_head.bias)
    return model


def train_and_score(model, learning_rate):
    """Adam on whatever is trainable, then accuracy on the test set."""
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.Adam(params, lr=learning_rate, eps=1e-7)  # eps: TF.js's default
    loss_fn = nn.CrossEntropyLoss()
    loader = DataLoader(train, batch_size=BATCH_SIZE, shuffle=True)
    for epoch in range(EPOCHS):
        model.train()
        for images, labels in loader:
            optimizer.zero_grad()
            loss = loss_fn(model(images), labels)
            loss.backward()
            optimizer.step()
    return transferlab.evaluate(model, test).accuracy


# %%
# Arm 1, from scratch: the same architecture with random weights (drawn like TF.js's:
# Glorot uniform kernels, zero biases); every layer learns.
scratch_model = with_new_head(transferlab.models.fashion_cnn(weights=None, seed=0))
scratch_accuracy = train_and_score(scratch_model, SCRATCH_LEARNING_RATE)

# %%
# Arm 2, transfer: the pretrained base, frozen; only the new head learns.
transfer_model = with_new_head(transferlab.models.fashion_cnn(weights="pretrained"))
for name, layer in transfer_model.named_children():
    layer.requires_grad_(name == "new_head")
transfer_accuracy = train_and_score(transfer_model, HEAD_LEARNING_RATE)

print(f"From scratch: {scratch_accuracy * 100:.1f}%")
print(f"Transfer:     {transfer_accuracy * 100:.1f}%")
print(f"Wall time: {time.perf_counter() - started:.1f} s")
