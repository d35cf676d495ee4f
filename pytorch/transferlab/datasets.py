"""The course's Fashion-MNIST extracts (and your drawings) as PyTorch data sets.

``load`` reads the same files as ``lab``'s ``datasets.load`` in the browser, with
the same preprocessing (pixel / 255, no mean subtraction), and for the same seed
it picks the same images in the same order. The only difference is the layout:
PyTorch wants channels first, so images are N x 1 x 28 x 28 (TF.js: N x 28 x 28 x 1).
"""
import base64
import json
import math
from pathlib import Path
from typing import List, Optional, Sequence, Union

import torch
from torch.utils.data import Dataset

from ._assets import asset
from .random import seeded_random, shuffled

DATASET_NAMES = ("fashion-target", "fashion-source")
RECORD_BYTES = 785  # 1 label byte (official Fashion-MNIST label) + 28 * 28 pixel bytes
IMAGE_SIZE = 28
PIXELS = IMAGE_SIZE * IMAGE_SIZE


def pixels_to_input(pixels: bytes, count: int) -> torch.Tensor:
    """``count`` images of 784 uint8 pixels -> float32 [count, 1, 28, 28] in [0, 1].

    Divided in float64 and then rounded to float32, exactly like ``pixelsToInput``
    in ``src/lab/preprocess.ts``, so the inputs are bit-identical to TF.js's.
    """
    if len(pixels) != count * PIXELS:
        raise ValueError(f"pixels_to_input: {len(pixels)} bytes for {count} images of {PIXELS}")
    flat = torch.frombuffer(bytearray(pixels), dtype=torch.uint8).to(torch.float64) if count else torch.zeros(0, dtype=torch.float64)
    return (flat / 255).to(torch.float32).reshape(count, 1, IMAGE_SIZE, IMAGE_SIZE)


class LabDataset(Dataset):
    """A labelled set of images. ``DataLoader(data, batch_size=16, shuffle=True)`` takes it.

    Attributes:
        xs: float32 [n, 1, 28, 28] in [0, 1].
        targets: int64 [n], the class index of each image (what ``CrossEntropyLoss`` wants).
        labels: the same as a list of ints, in ``class_names`` order.
        class_names: class names in output order.
        indices: for each image, its record number in the shipped file (None for drawings).
    """

    def __init__(self, xs: torch.Tensor, labels: Sequence[int], class_names: Sequence[str],
                 indices: Optional[Sequence[int]] = None):
        self.xs = xs
        self.labels = list(labels)
        self.targets = torch.tensor(self.labels, dtype=torch.int64)
        self.class_names = list(class_names)
        self.indices = None if indices is None else list(indices)

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, i):
        return self.xs[i], self.targets[i]

    def __repr__(self) -> str:
        return f"LabDataset({len(self)} images, classes={self.class_names})"


def _index() -> dict:
    return json.loads(asset("data", "fashion-mnist", "index.json").read_text())


def load(name: str, split: str = "train", per_class: Optional[int] = None, seed: int = 0, skip: int = 0) -> LabDataset:
    """Loads a labelled image set, as ``datasets.load(name, { split, perClass, seed, skip })`` does in the lab.

    Args:
        name: ``"fashion-target"`` (the new task) or ``"fashion-source"`` (the base model's classes).
        split: ``"train"`` (the pool you may learn from) or ``"test"`` (held out, for scoring only).
        per_class: take this many images of each class (a seeded random sample); all when None.
        seed: which sample and which order; the same seed gives the same images as in the browser.
        skip: leave out the first ``skip`` images of each class's sample: with the same seed,
            ``per_class=20, skip=20`` gives 20 other images per class than ``per_class=20`` (a validation set).
    """
    if name not in DATASET_NAMES:
        raise ValueError(f'datasets.load: unknown data set "{name}"; use one of {", ".join(DATASET_NAMES)}')
    if split not in ("train", "test"):
        raise ValueError(f'datasets.load: split must be "train" or "test", got "{split}"')
    if not isinstance(skip, int) or skip < 0:
        raise ValueError(f"datasets.load: skip must be a whole number, 0 or more, got {skip}")
    data_set = _index()["sets"][name]
    entry = data_set["splits"][split]
    raw = asset("data", "fashion-mnist", entry["file"]).read_bytes()
    if len(raw) != entry["count"] * RECORD_BYTES:
        raise ValueError(f"transferlab: {entry['file']} has {len(raw)} bytes, index.json promises {entry['count']} records")
    classes = data_set["classes"]
    class_of_label = {c["label"]: i for i, c in enumerate(classes)}
    records_by_class: List[List[int]] = [[] for _ in classes]
    for r in range(entry["count"]):
        label = raw[r * RECORD_BYTES]
        if label not in class_of_label:
            raise ValueError(f"transferlab: {entry['file']} record {r} has a label outside {name}")
        records_by_class[class_of_label[label]].append(r)

    random = seeded_random(seed)
    chosen: List[int] = []
    for class_index, records in enumerate(records_by_class):
        if per_class is not None and (not isinstance(per_class, int) or not 1 <= per_class <= len(records) - skip):
            skipping = f", skipping {skip}" if skip else ""
            raise ValueError(
                f"datasets.load: per_class must be a whole number from 1 to {len(records) - skip} for {name} {split} "
                f'(class "{classes[class_index]["name"]}"{skipping}), got {per_class}'
            )
        if skip >= len(records):
            raise ValueError(f'datasets.load: skip {skip} leaves no image of class "{classes[class_index]["name"]}" (it has {len(records)})')
        # The shuffle draws the same numbers whatever per_class and skip are: one seed, one order per class.
        end = len(records) if per_class is None else skip + per_class
        chosen.extend(shuffled(records, random)[skip:end])
    # Mixed order, so a loader without shuffling still sees every class in each batch.
    order = shuffled(chosen, random)

    pixels = b"".join(raw[r * RECORD_BYTES + 1:(r + 1) * RECORD_BYTES] for r in order)
    labels = [class_of_label[raw[r * RECORD_BYTES]] for r in order]
    return LabDataset(pixels_to_input(pixels, len(order)), labels, [c["name"] for c in classes], order)


def class_names(name: str) -> List[str]:
    """The class names of a data set, in output order."""
    if name not in DATASET_NAMES:
        raise ValueError(f'datasets.class_names: unknown data set "{name}"; use one of {", ".join(DATASET_NAMES)}')
    return [c["name"] for c in _index()["sets"][name]["classes"]]


class Drawings:
    """Your drawings split into ``train`` and ``test`` parts (see ``drawings``)."""

    def __init__(self, train: LabDataset, test: LabDataset, class_names: List[str], counts: List[int]):
        self.train, self.test, self.class_names, self.counts = train, test, class_names, counts


def drawings(path: Union[str, Path, None] = None, test_fraction: float = 0.25, seed: int = 0) -> Drawings:
    """A drawing set (the drawing pad's JSON: version, classes, examples with base64 pixels),
    split per class into train and held-out test parts exactly as ``datasets.drawings()`` does
    in the browser. Without ``path``: the course's sample drawings."""
    file = Path(path) if path is not None else asset("data", "sample-drawings.json")
    try:
        saved = json.loads(Path(file).read_text())
        class_list = list(saved["classes"])
        examples = [(int(e["label"]), base64.b64decode(e["pixels"])) for e in saved["examples"]]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"datasets.drawings: {file} is not a drawing set ({error})") from error
    if saved.get("version") != 1 or any(not 0 <= label < len(class_list) or len(p) != PIXELS for label, p in examples):
        raise ValueError(f"datasets.drawings: {file} is not a version-1 drawing set of 28x28 images")
    counts = [sum(1 for label, _ in examples if label == c) for c in range(len(class_list))]
    for c, count in enumerate(counts):
        if count < 2:
            raise ValueError(f'datasets.drawings: class "{class_list[c]}" has {count} drawing(s); every class needs at least 2.')
    random = seeded_random(seed)
    train, test = [], []
    for label in range(len(class_list)):
        mine = shuffled([e for e in examples if e[0] == label], random)
        held = max(1, _round_half_up(len(mine) * test_fraction))
        test.extend(mine[:held])
        train.extend(mine[held:])
    train = shuffled(train, random)

    def to_data(part):
        pixels = b"".join(p for _, p in part)
        return LabDataset(pixels_to_input(pixels, len(part)), [label for label, _ in part], class_list)

    return Drawings(to_data(train), to_data(test), class_list, counts)


def _round_half_up(x: float) -> int:
    """JavaScript's Math.round (halves go up), not Python's round (halves go to even)."""
    return math.floor(x + 0.5)
