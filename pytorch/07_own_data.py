"""
Fine-tune on your drawings (lesson "Your own data", exercise ``own-data``)
==========================================================================

The browser exercise's solution in PyTorch: the pretrained base cut at
``features``, a new head for your 5 classes, the base frozen; Adam (lr 0.003),
30 epochs, batches of 8; scored on the quarter of each class held out (the same
split as in the browser, seed 0).

The drawings: the course's sample set, or your own drawing set as JSON
(``--drawings my-drawings.json``: ``version``, ``classes`` and ``examples`` with
base64 pixels, the format of ``public/data/sample-drawings.json``).

Run it with ``python3 pytorch/07_own_data.py`` (``--quick``: one epoch).
"""

# %%
# Setup: ``transferlab`` is the course's model and data, next to this script.
import argparse
import sys
import time
from pathlib import Path

import torch
from torch import nn
from torch.utils.data import DataLoader

# In a notebook there is no __file__: open it from the pytorch/ folder.
sys.path.insert(0, str(Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()))
import transferlab

parser = argparse.ArgumentParser(description="Fine-tune the course's model on your drawings.")
parser.add_argument("--quick", action="store_true", help="one epoch instead of 30")
parser.add_argument("--drawings", help="a drawing set JSON file (default: the course's sample drawings)")
parser.add_argument("--save", default="own-model.pt", help="where to save the trained model's weights")
args, _ = parser.parse_known_args()  # known: a notebook kernel adds arguments of its own
torch.manual_seed(0)
started = time.perf_counter()

# %%
# Your drawings, split into a training part and a held-out part.
mine = transferlab.datasets.drawings(args.drawings)
print("Your classes:", ", ".join(mine.class_names))
print("Drawings per class:", ", ".join(str(c) for c in mine.counts))
# Some of your training drawings (the browser shows 25 as pictures; here the first 25 as characters).
transferlab.show_images(mine.train, count=25)

# %%
# The pretrained base cut at ``features``, a new head for your 5 classes, the base frozen.
base = transferlab.models.fashion_cnn(weights="pretrained")
model = base.cut_after("features")
model.my_head = nn.Linear(1568, 5)
nn.init.xavier_uniform_(model.my_head.weight)  # TF.js's default initialisers
nn.init.zeros_(model.my_head.bias)
for name, layer in model.named_children():
    layer.requires_grad_(name == "my_head")
optimizer = torch.optim.Adam(model.my_head.parameters(), lr=0.003, eps=1e-7)  # eps: TF.js's default

# %%
# Train: 30 epochs of shuffled batches of 8.
loss_fn = nn.CrossEntropyLoss()
loader = DataLoader(mine.train, batch_size=8, shuffle=True)
epochs = 1 if args.quick else 30
for epoch in range(epochs):
    model.train()
    for images, labels in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(images), labels)
        loss.backward()
        optimizer.step()

# %%
# Drawings it never saw.
held_out = transferlab.evaluate(model, mine.test)
print(f"Held-out accuracy: {held_out.accuracy * 100:.0f}%")
transferlab.show_images(mine.test, predicted=transferlab.predict(model, mine.test).tolist(), count=3)

# %%
# Saved, as the browser saves it in IndexedDB: ``model.load_state_dict(torch.load(path))`` brings it back.
torch.save(model.state_dict(), args.save)
print(f"Saved the weights to {args.save}")
print(f"Wall time: {time.perf_counter() - started:.1f} s")
