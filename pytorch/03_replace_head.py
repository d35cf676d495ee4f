"""
Replace the last layer (lesson "Modify the model", exercise ``replace-head``)
=============================================================================

The browser exercise's solution in PyTorch: keep every pretrained layer up to
``dense`` and put a new, randomly initialised 5-class layer in place of ``head``.
In PyTorch that is one assignment, ``model.head = nn.Linear(...)``, the way
``resnet.fc`` is replaced.

Then, as in the browser, it trains only the new layer for 5 epochs on 20 images
of each new class, printing the loss and accuracy of each epoch on those and on
20 other images per class (the validation images, the browser's dashed lines).

Run it with ``python3 pytorch/03_replace_head.py`` (``--quick``: one epoch).
"""

# %%
# Setup: ``transferlab`` is the course's model and data, next to this script.
import sys
from pathlib import Path

import torch
from torch import nn
from torch.utils.data import DataLoader

# In a notebook there is no __file__: open it from the pytorch/ folder.
sys.path.insert(0, str(Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()))
import transferlab

num_classes = 5  # num_classes = 5, as in Geek's example
quick = "--quick" in sys.argv
torch.manual_seed(0)

# %%
# The pretrained model, and its last layer.
model = transferlab.models.fashion_cnn(weights="pretrained")
last_name, last_layer = list(model.named_children())[-1]
print("The last layer is", last_name, last_layer)

# %%
# The new classifier: 128 features in (the output of ``dense``), one score per new class out.
# It starts like a TF.js dense layer (Glorot uniform weights, zero bias); every other layer
# keeps its pretrained weights.
old_head = model.head
model.head = nn.Linear(model.head.in_features, num_classes)
nn.init.xavier_uniform_(model.head.weight)
nn.init.zeros_(model.head.bias)
print(model)

# %%
# What changed: the head is new, the layers before it are the pretrained ones.
print("New head's weights differ from the old head's:", not torch.equal(model.head.weight, old_head.weight))
print("Trainable parameters:", sum(p.numel() for p in model.parameters() if p.requires_grad))
with torch.no_grad():
    print("Output for one image:", model(torch.zeros(1, 1, 28, 28)).shape)

# %%
# Watch the modified model learn: freeze every kept layer (Step 4 says why) and train only the
# new head, with Adam at 0.003, batch 16, for 5 epochs on 20 images of each new class. The
# validation images are 20 others per class (``skip=20``: the same seed's next 20).
for name, layer in model.named_children():
    layer.requires_grad_(name == "head")
optimizer = torch.optim.Adam(model.head.parameters(), lr=0.003)
train = transferlab.datasets.load("fashion-target", split="train", per_class=20, seed=1)
validation = transferlab.datasets.load("fashion-target", split="train", per_class=20, seed=1, skip=20)
loss_fn = nn.CrossEntropyLoss()
epochs = 1 if quick else 5
for epoch in range(epochs):
    model.train()
    for images, labels in DataLoader(train, batch_size=16, shuffle=True):
        optimizer.zero_grad()
        loss_fn(model(images), labels).backward()
        optimizer.step()
    scores = transferlab.evaluate(model, train), transferlab.evaluate(model, validation)
    print(f"  epoch {epoch + 1}/{epochs}: accuracy {scores[0].accuracy:.3f}, validation accuracy {scores[1].accuracy:.3f}")
