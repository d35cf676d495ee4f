"""transferlab: the Transfer Lab course's model and data in PyTorch.

    import transferlab
    base = transferlab.models.fashion_cnn(weights="pretrained")
    train = transferlab.datasets.load("fashion-target", split="train", per_class=20, seed=1)
    print(transferlab.evaluate(base, train).accuracy)

The same model, the same images (for the same seed) and the same preprocessing as the
``lab`` library the browser exercises import.
"""
from . import datasets, models
from .evaluation import Evaluation, evaluate, predict
from .show import show_images
from .tfjs import load_tfjs

__all__ = ["datasets", "models", "evaluate", "predict", "Evaluation", "load_tfjs", "show_images"]
