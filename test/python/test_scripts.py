"""Every twin script runs to the end (``--quick``: fewer epochs, the same code path) and prints
the figures its browser exercise prints."""
import re
import runpy
import sys

import pytest

from conftest import PYTORCH

EXPECTED = {
    "02_load_and_predict.py": [r"Predicted: \[('[^']+'(, )?){10}\]", r"Truth: +\[", r"Parameters: 217845"],
    "03_replace_head.py": [r"The last layer is head", r"\(head\): Linear\(in_features=128, out_features=5",
                           r"New head's weights differ from the old head's: True"],
    "04_fine_tune.py": [r"Phase 1: the new head learns", r"Phase 2: conv3, conv4 and the new head learn",
                        r"Test accuracy on the new task: (\d+\.\d)%"],
    "05_end_to_end.py": [r"Fine-tuning complete! Test accuracy: (\d+\.\d)%"],
    "06_compare.py": [r"From scratch: (\d+\.\d)%", r"Transfer: +(\d+\.\d)%"],
    "07_own_data.py": [r"Your classes: circle, square, triangle, cross, heart", r"Held-out accuracy: (\d+)%",
                       r"Saved the weights to"],
    # Run on the shipped model (a TF.js model.json like a downloaded my-model.json); the Chromium
    # test test/e2e/pytorch.test.ts runs it on the model the browser trained.
    "08_my_model.py": [r"Test accuracy in PyTorch: (\d+\.\d)%", r"First test image: \{'T-shirt/top'", r"Saved my-model.pt"],
}
ARGS = {"08_my_model.py": [str(PYTORCH.parent / "public/models/fashion-cnn/model.json")]}


def test_every_exercise_has_a_twin():
    scripts = sorted(p.name for p in PYTORCH.glob("0*.py"))
    assert scripts == sorted(EXPECTED)


@pytest.mark.parametrize("script", sorted(EXPECTED))
def test_script_runs_and_prints_its_figures(script, tmp_path, monkeypatch, capsys):
    # In this process (one PyTorch import for all of them), as `python3 <script> --quick` would run it.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", [str(PYTORCH / script), "--quick", *ARGS.get(script, [])])
    runpy.run_path(str(PYTORCH / script), run_name="__main__")
    result = capsys.readouterr()
    for pattern in EXPECTED[script]:
        match = re.search(pattern, result.out)
        assert match, f"{script} did not print /{pattern}/:\n{result.out}"
        for figure in match.groups():
            if figure and re.fullmatch(r"\d+(\.\d)?", figure):
                assert 0 <= float(figure) <= 100
    if script in ("04_fine_tune.py", "05_end_to_end.py"):
        # One epoch per phase is already far above chance (20%) with the pretrained base.
        accuracy = float(re.search(EXPECTED[script][-1], result.out).group(1))
        assert accuracy > 35, result.out
