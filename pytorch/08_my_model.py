"""
The model you fine-tuned in your browser, now in PyTorch (lesson "Wrap-up")
===========================================================================

After the fine-tune exercise passes, "Download my model" saves ``my-model.json`` and
``my-model.weights.bin``. Put both next to this folder (or give their path) and run
``python3 pytorch/08_my_model.py my-model.json``: ``transferlab.load_tfjs`` turns them into a
``torch.nn.Module`` that predicts what the browser predicted, preprocessing included.
"""

# %%
# Setup: ``transferlab`` is the course's model and data, next to this script.
import sys
from pathlib import Path

import torch

# In a notebook there is no __file__: open it from the pytorch/ folder.
sys.path.insert(0, str(Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()))
import transferlab

path = next((arg for arg in sys.argv[1:] if arg.endswith(".json")), "my-model.json")

# %%
# Load it: the same layers and weights, converted to PyTorch's layout (channels first,
# OIHW conv kernels, transposed dense kernels). It returns logits, as PyTorch models do.
model = transferlab.load_tfjs(path)
print(model)

# %%
# The same test images as in the browser (200 of each class), with the same preprocessing (pixels / 255).
test = transferlab.datasets.load("fashion-target", split="test", per_class=200)
result = transferlab.evaluate(model, test)
print(f"Test accuracy in PyTorch: {result.accuracy * 100:.1f}%")
for name, acc in zip(test.class_names, result.per_class):
    print(f"  {name:<12} {acc * 100:5.1f}%")

# %%
# Probabilities, as the browser's softmax gives them, for the first image.
with torch.no_grad():
    probabilities = torch.softmax(model(test.xs[:1]), dim=1)[0]
print("First test image:", {n: round(p, 3) for n, p in zip(test.class_names, probabilities.tolist())})
transferlab.show_images(test, predicted=transferlab.predict(model, test).tolist(), count=4)

# %%
# From here it is an ordinary PyTorch model: fine-tune it further, or save its weights
# (``model.load_state_dict(torch.load("my-model.pt"))`` on a model from ``load_tfjs`` brings them back).
torch.save(model.state_dict(), "my-model.pt")
print("Saved my-model.pt")
