"""
Load, inspect, predict (lesson "Load a pre-trained model", exercise ``load-and-predict``)
=========================================================================================

The browser exercise's solution in PyTorch: load the course's pretrained model
(torchvision style, ``weights="pretrained"``), print its layers, and let it name
10 test images of the classes it was trained on (2 per class, seed 7: the same
images as in the browser).

Run it with ``python3 pytorch/02_load_and_predict.py``.
"""

# %%
# Setup: ``transferlab`` is the course's model and data, next to this script.
import sys
from pathlib import Path

import torch

# In a notebook there is no __file__: open it from the pytorch/ folder.
sys.path.insert(0, str(Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()))
import transferlab

# %%
# 1. Load the pretrained model. It is the same model the browser loads, read
# from the same ``model.json`` and ``weights.bin``, converted to PyTorch's layout.
model = transferlab.models.fashion_cnn(weights="pretrained")
model.eval()  # inference mode (this model has no dropout or batch norm, but it is the habit)

# %%
# 2. Look inside: printing a module lists every layer, like ``model.summary()``.
print(model)
print("Parameters:", sum(p.numel() for p in model.parameters()))

# %%
# 3. Take 10 test images of the classes the model was trained on.
images = transferlab.datasets.load("fashion-source", split="test", per_class=2, seed=7)

# %%
# 4. Predict: one row of 5 scores (logits) per image, the best class of each row, then its name.
with torch.no_grad():
    scores = model(images.xs)
best = scores.argmax(dim=1)
predicted_names = [images.class_names[i] for i in best]

print("Predicted:", predicted_names)
print("Truth:    ", [images.class_names[label] for label in images.labels])

# %%
# The same predictions as pictures (in the terminal: one character per 2 x 2 pixels).
transferlab.show_images(images, predicted=best.tolist(), count=4)
