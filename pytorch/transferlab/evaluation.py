"""Scoring a classifier, as ``evaluate`` does in the lab."""
import math
from typing import List, NamedTuple

import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset


class Evaluation(NamedTuple):
    accuracy: float
    """Fraction of images classified correctly, 0 to 1."""
    per_class: List[float]
    """Accuracy within each true class (recall), in class order; NaN for a class with no images."""
    confusion: List[List[int]]
    """``confusion[t][p]``: images of true class t predicted as class p."""


def predict(model: nn.Module, data: Dataset, batch_size: int = 256) -> torch.Tensor:
    """The top class of every image, in order (in ``eval()`` mode, without gradients)."""
    was_training = model.training
    model.eval()
    out = []
    with torch.no_grad():
        for images, _ in DataLoader(data, batch_size=batch_size):
            out.append(model(images).argmax(dim=1))
    model.train(was_training)
    return torch.cat(out) if out else torch.zeros(0, dtype=torch.int64)


def evaluate(model: nn.Module, data: Dataset) -> Evaluation:
    """Runs the model on every image of ``data`` (a ``datasets.load`` result, or any data set of
    (image, class index) pairs) and compares its top class with the truth."""
    predicted = predict(model, data).tolist()
    truth = [int(label) for _, label in (data[i] for i in range(len(data)))] if not hasattr(data, "labels") else list(data.labels)
    num_classes = max([0] + [p + 1 for p in predicted] + [t + 1 for t in truth])
    confusion = [[0] * num_classes for _ in range(num_classes)]
    for t, p in zip(truth, predicted):
        confusion[t][p] += 1
    per_class = [row[t] / sum(row) if sum(row) else math.nan for t, row in enumerate(confusion)]
    correct = sum(confusion[t][t] for t in range(num_classes))
    return Evaluation(correct / len(truth) if truth else math.nan, per_class, confusion)
