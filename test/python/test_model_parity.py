"""The converted model predicts what TF.js predicts, and the data sets hold the same images.

TensorFlow.js's side is computed by test/python/tfjs_reference.ts (tfjs on its wasm backend in
Node, as in the browser), from the same shipped files.
"""
import gzip
import hashlib
import json
import struct
from pathlib import Path

import pytest
import torch

import transferlab
from transferlab import tfjs
from conftest import ROOT, run_tfjs

OFFICIAL = Path("/usr/share/datasets/fashion-mnist")


def official_test_images(records):
    """The official t10k images (Debian's dataset-fashion-mnist) as the model's input, N x 1 x 28 x 28."""
    path = OFFICIAL / "t10k-images-idx3-ubyte.gz"
    if not path.exists():
        pytest.fail(f"{path} is missing: sudo apt-get install dataset-fashion-mnist")
    raw = gzip.decompress(path.read_bytes())[16:]
    pixels = b"".join(raw[r * 784:(r + 1) * 784] for r in records)
    return transferlab.datasets.pixels_to_input(pixels, len(records))


def read_floats(path: Path, offset: int = 0, count: int = -1) -> torch.Tensor:
    data = bytearray(path.read_bytes())
    return torch.frombuffer(data, dtype=torch.float32, offset=offset, count=count)


@pytest.fixture(scope="module")
def source_test(tfjs_dir):
    run_tfjs("source-test", tfjs_dir)
    meta = json.loads((tfjs_dir / "source-test.json").read_text())
    probs = read_floats(tfjs_dir / "source-test.bin").reshape(len(meta["records"]), meta["classes"])
    return official_test_images(meta["records"]), probs


def test_shipped_model_matches_tfjs_on_all_5000_source_test_images(source_test):
    xs, tf_probs = source_test
    assert xs.shape == (5000, 1, 28, 28)
    model = transferlab.models.fashion_cnn(weights="pretrained")
    with torch.no_grad():
        probs = torch.softmax(model(xs), dim=1)
    diff = (probs - tf_probs).abs().max().item()
    print(f"max |softmax(PyTorch) - TF.js| = {diff:.2e} on {len(xs)} images")
    assert diff <= 1e-4
    assert torch.equal(probs.argmax(dim=1), tf_probs.argmax(dim=1))


def test_the_dense_row_reorder_is_what_makes_it_match(source_test, monkeypatch):
    """Without reordering the first dense layer's rows for PyTorch's (c, h, w) flatten, the
    model predicts differently: the parity test above can fail."""
    xs, tf_probs = source_test
    monkeypatch.setattr(tfjs, "_chw_order", lambda hwc: torch.arange(hwc[0] * hwc[1] * hwc[2]))
    model = transferlab.models.fashion_cnn(weights="pretrained")
    with torch.no_grad():
        probs = torch.softmax(model(xs[:500]), dim=1)
    assert (probs - tf_probs[:500]).abs().max().item() > 0.1


def test_batchnorm_dropout_strided_same_and_branching_models_match_tfjs(tfjs_dir):
    run_tfjs("random-models", tfjs_dir)
    report = json.loads((tfjs_dir / "random-models.json").read_text())
    assert [r["name"] for r in report] == ["bn_dropout", "branches"]
    for entry in report:
        model = transferlab.load_tfjs(tfjs_dir / entry["name"] / "model.json")
        n, shape = entry["n"], entry["inputShape"]
        x = read_floats(tfjs_dir / "random-models.bin", entry["inputOffset"], n * shape[0] * shape[1] * shape[2])
        x = x.reshape(n, *shape).permute(0, 3, 1, 2)  # NHWC -> NCHW
        expected = read_floats(tfjs_dir / "random-models.bin", entry["outputOffset"], n * entry["outputShape"][0])
        with torch.no_grad():
            got = torch.softmax(model(x), dim=1).reshape(-1)
        assert (got - expected).abs().max().item() < 1e-5, entry["name"]
    names = dict(transferlab.load_tfjs(tfjs_dir / "bn_dropout" / "model.json").named_children())
    assert isinstance(names["bn1"], torch.nn.BatchNorm2d) and isinstance(names["bn2"], torch.nn.BatchNorm1d)
    assert isinstance(names["drop1"], torch.nn.Dropout) and names["drop2"].p == 0.5
    assert names["bn1"].eps == pytest.approx(0.01) and names["bn1"].momentum == pytest.approx(0.01)


def test_same_images_as_lab_datasets_load(tfjs_dir):
    run_tfjs("indices", tfjs_dir)
    cases = json.loads((tfjs_dir / "indices.json").read_text())
    assert len(cases) == 9
    for case in cases:
        data = transferlab.datasets.load(
            case["name"], split=case["split"], per_class=case.get("perClass"), seed=case["seed"], skip=case.get("skip", 0)
        )
        images = [hashlib.sha256(_float_bytes(data.xs[i])).hexdigest() for i in range(len(data))]
        where = f"{case['name']} {case['split']} perClass={case.get('perClass')} seed={case['seed']} skip={case.get('skip', 0)}"
        assert data.labels == case["labels"], where
        assert images == case["images"], where  # same images, same order, bit-identical pixels


def _float_bytes(t: torch.Tensor) -> bytes:
    """float32 little-endian bytes, as TF.js's Float32Array holds them."""
    flat = t.reshape(-1).tolist()
    return struct.pack(f"<{len(flat)}f", *flat)


def test_datasets_load_shapes_and_errors():
    data = transferlab.datasets.load("fashion-target", split="train", per_class=3, seed=2)
    assert data.xs.shape == (15, 1, 28, 28) and data.xs.dtype == torch.float32
    assert sorted(data.labels) == sorted([0, 1, 2, 3, 4] * 3)
    images, labels = next(iter(torch.utils.data.DataLoader(data, batch_size=4)))
    assert images.shape == (4, 1, 28, 28) and labels.dtype == torch.int64
    with pytest.raises(ValueError, match="unknown data set"):
        transferlab.datasets.load("mnist")
    with pytest.raises(ValueError, match="per_class must be a whole number from 1 to 200"):
        transferlab.datasets.load("fashion-target", split="train", per_class=201)


def test_random_weights_follow_the_tfjs_initialisers():
    a = transferlab.models.fashion_cnn(weights=None, seed=1)
    b = transferlab.models.fashion_cnn(weights=None, seed=1)
    pretrained = transferlab.models.fashion_cnn(weights="pretrained")
    assert torch.equal(a.conv1.weight, b.conv1.weight)
    assert not torch.equal(a.conv1.weight, pretrained.conv1.weight)
    limit = (6 / (3 * 3 * 16 + 3 * 3 * 32)) ** 0.5  # Glorot uniform for conv3: fan_in 144, fan_out 288
    assert a.conv3.weight.abs().max() <= limit and a.conv3.weight.abs().max() > 0.9 * limit
    assert torch.count_nonzero(a.conv3.bias) == 0


def test_load_tfjs_errors_name_the_problem(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        transferlab.load_tfjs(tmp_path / "nothing.json")
    (tmp_path / "graph.json").write_text(json.dumps({"format": "graph-model", "modelTopology": {"node": []}}))
    with pytest.raises(ValueError, match="not a TF.js LayersModel"):
        transferlab.load_tfjs(tmp_path / "graph.json")
    shipped = json.loads((ROOT / "public/models/fashion-cnn/model.json").read_text())
    shipped["modelTopology"]["config"]["layers"][2]["class_name"] = "LocallyConnected2D"
    (tmp_path / "odd.json").write_text(json.dumps(shipped))
    (tmp_path / "weights.bin").write_bytes((ROOT / "public/models/fashion-cnn/weights.bin").read_bytes())
    with pytest.raises(ValueError, match=r"layer 'pool1' \(LocallyConnected2D\)"):
        transferlab.load_tfjs(tmp_path / "odd.json")
    (tmp_path / "weights.bin").write_bytes(b"\0" * 100)
    shipped["modelTopology"]["config"]["layers"][2]["class_name"] = "MaxPooling2D"
    (tmp_path / "short.json").write_text(json.dumps(shipped))
    with pytest.raises(ValueError, match="truncated"):
        transferlab.load_tfjs(tmp_path / "short.json")
