"""Every torchvision ResNet-18 snippet the site shows runs, line by line, with ``weights=None``.

The ImageNet weights cannot be downloaded here (no internet), so ``models.resnet18`` is called with
``weights=None`` whatever the snippet asks for; everything else runs as written, on a few random
224 x 224 images laid out the way the snippet expects (``photos/``, ``data/train/<class>/`` ...),
with exactly one optimizer step per training phase. Only the weight download is not exercised.
"""
import runpy
import sys

import pytest
import torch

from conftest import PYTORCH

try:
    import torchvision
    from torchvision.models import ResNet18_Weights
    from PIL import Image
except ImportError as error:  # a clear failure, not a skip: these snippets must be tested
    raise ImportError(f"{error}: the ResNet-18 tests need torchvision and Pillow "
                      "(sudo apt-get install python3-torchvision, or pip install torchvision)") from error

SNIPPETS = PYTORCH / "resnet18"
CLASSES = ["circle", "cross", "heart", "square", "triangle"]
# snippet -> (optimizer steps it must take with the data below, weights each resnet18() call asks for)
RUNS = {
    "02_load_and_predict.py": (0, [ResNet18_Weights.DEFAULT]),
    "03_replace_head.py": (0, [ResNet18_Weights.DEFAULT]),
    "04_fine_tune.py": (2, [ResNet18_Weights.DEFAULT]),
    "05_end_to_end.py": (1, [ResNet18_Weights.DEFAULT]),
    "06_compare.py": (2, [None, ResNet18_Weights.DEFAULT]),
    "07_own_data.py": (1, [ResNet18_Weights.DEFAULT]),
}


def random_image(path, size, mode="RGB"):
    generator = torch.Generator().manual_seed(hash(str(path)) % 2**31)
    channels = 3 if mode == "RGB" else 1
    pixels = torch.randint(0, 256, (size[1], size[0], channels), generator=generator, dtype=torch.uint8)
    Image.frombytes(mode, size, bytes(pixels.reshape(-1).tolist())).save(path)


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    (tmp_path / "photos").mkdir()
    for i, size in enumerate([(224, 224), (300, 200), (224, 224)]):
        random_image(tmp_path / "photos" / f"photo{i}.jpg", size)
    for split, per_class in (("train", 1), ("test", 1), ("mine", 2)):
        for name in CLASSES:
            folder = tmp_path / "data" / split / name
            folder.mkdir(parents=True)
            for i in range(per_class):
                random_image(folder / f"{i}.png", (224, 224) if split != "mine" else (28, 28), "RGB" if split != "mine" else "L")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_snippet_is_listed():
    shown = sorted(p.name for p in SNIPPETS.glob("*.py") if p.name != "05_as_first_written.py")
    assert shown == sorted(RUNS)


@pytest.mark.parametrize("snippet", sorted(RUNS))
def test_snippet_runs_with_weights_none(snippet, workdir, monkeypatch):
    asked, steps = [], []
    real_resnet18 = torchvision.models.resnet18

    def resnet18_without_download(*args, weights=None, **kwargs):
        asked.append(weights)
        return real_resnet18(weights=None, **kwargs)

    monkeypatch.setattr(torchvision.models, "resnet18", resnet18_without_download)
    for optimizer in (torch.optim.SGD, torch.optim.Adam):
        real_step = optimizer.step

        def counted(self, *args, _real=real_step, **kwargs):
            steps.append(type(self).__name__)
            return _real(self, *args, **kwargs)

        monkeypatch.setattr(optimizer, "step", counted)
    monkeypatch.setattr(sys, "argv", [snippet, "--quick"])
    namespace = runpy.run_path(str(SNIPPETS / snippet), run_name="__main__")
    expected_steps, expected_weights = RUNS[snippet]
    assert asked == expected_weights
    assert len(steps) == expected_steps, steps
    for value in namespace.values():
        if isinstance(value, torch.nn.Module):
            assert all(torch.isfinite(p).all() for p in value.parameters())


def test_geeks_first_sketch_does_not_run_as_the_page_says():
    """Lesson 5 shows the seed's example as first written, then lists what it lacks. It must
    still be the broken sketch: its loop has no body, so Python cannot even compile it."""
    source = (SNIPPETS / "05_as_first_written.py").read_text()
    with pytest.raises(SyntaxError):
        compile(source, "05_as_first_written.py", "exec")
    assert "pretrained=True" in source and "import torch\n" not in source and "num_epochs =" not in source
