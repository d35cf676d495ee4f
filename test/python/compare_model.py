"""Loads a TF.js model with transferlab.load_tfjs and compares its top classes on the target test
images with TF.js's (predict-model.json from tfjs_reference.ts). Prints one JSON line.

    /usr/bin/python3 test/python/compare_model.py my-model.json predict-model.json
"""
import json
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "pytorch"))
import transferlab  # noqa: E402

torch.set_num_threads(1)
model_path, reference_path = sys.argv[1], sys.argv[2]
reference = json.loads(Path(reference_path).read_text())
model = transferlab.load_tfjs(model_path)
test = transferlab.datasets.load("fashion-target", split="test")
assert test.labels == reference["labels"], "the target test images differ from TF.js's"
predicted = transferlab.predict(model, test).tolist()
same = sum(p == q for p, q in zip(predicted, reference["classes"]))
print(json.dumps({
    "images": len(predicted),
    "sameClass": same,
    "agreement": same / len(predicted),
    "pytorchAccuracy": transferlab.evaluate(model, test).accuracy,  # on all of them
    "layers": [name for name, _ in model.named_children()],
}))
