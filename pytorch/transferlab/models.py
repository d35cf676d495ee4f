"""The course's pretrained model, torchvision style: ``models.fashion_cnn(weights="pretrained")``."""
import json
from typing import Optional

from torch import nn

from ._assets import asset
from .tfjs import from_model_json

MODEL_DIR = ("models", "fashion-cnn")


def fashion_cnn(weights: Optional[str] = "pretrained", seed: Optional[int] = None) -> nn.Module:
    """The course's base convnet, the same model the browser exercises load.

    Layers (same names as in TF.js): conv1, conv2, pool1 | conv3, conv4, pool2 (the top block) |
    features (flatten) | dense | head. Input N x 1 x 28 x 28 in [0, 1]; output 5 logits.

    Args:
        weights: ``"pretrained"`` for the trained weights, ``None`` for the same layers freshly
            initialised (with the initializers TF.js uses: Glorot uniform kernels, zero biases).
        seed: with ``weights=None``, makes the random weights the same every run.
    """
    if weights not in ("pretrained", None):
        raise ValueError(f'fashion_cnn: weights must be "pretrained" or None, got {weights!r}')
    path = asset(*MODEL_DIR, "model.json")
    model_json = json.loads(path.read_text())
    return from_model_json(model_json, path.parent if weights == "pretrained" else None, seed=seed)
