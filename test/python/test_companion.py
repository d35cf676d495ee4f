"""The zip the site offers runs offline on its own, and its notebooks run cell by cell."""
import json
import os
import subprocess
import sys
import zipfile

import pytest

from conftest import PYTORCH, ROOT


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory):
    folder = tmp_path_factory.mktemp("zip")
    archive = folder / "transfer-lab-pytorch.zip"
    result = subprocess.run(["npx", "node", "test/python/companion_zip.ts", str(archive)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(archive) as z:
        assert z.testzip() is None
        z.extractall(folder)
    return folder / "transfer-lab-pytorch"


def test_zip_holds_the_folder_the_model_and_the_data(unpacked):
    for script in PYTORCH.glob("**/*.py"):
        if "__pycache__" in script.parts:
            continue
        rel = script.relative_to(PYTORCH)
        assert (unpacked / "pytorch" / rel).read_bytes() == script.read_bytes(), rel
        if script.name[:2].isdigit():
            assert (unpacked / "pytorch" / rel.with_suffix(".ipynb")).exists(), rel
    for asset in ("models/fashion-cnn/model.json", "models/fashion-cnn/weights.bin", "data/fashion-mnist/index.json",
                  "data/fashion-mnist/target-test.bin", "data/sample-drawings.json"):
        assert (unpacked / "public" / asset).read_bytes() == (ROOT / "public" / asset).read_bytes(), asset


def test_unpacked_script_runs_as_the_readme_says(unpacked, script_env):
    env = {k: v for k, v in script_env.items() if k != "TRANSFERLAB_ASSETS"}
    result = subprocess.run([sys.executable, "pytorch/04_fine_tune.py", "--quick"], cwd=unpacked, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Test accuracy on the new task:" in result.stdout


@pytest.mark.parametrize("name", ["04_fine_tune", "07_own_data"])
def test_notebook_code_cells_run_in_order(unpacked, name, monkeypatch):
    """The notebook made from the # %% cells runs from the pytorch/ folder (as Jupyter would open it)."""
    notebook = json.loads((unpacked / "pytorch" / f"{name}.ipynb").read_text())
    assert notebook["nbformat"] == 4
    kinds = [cell["cell_type"] for cell in notebook["cells"]]
    assert kinds[0] == "markdown" and "code" in kinds and kinds.count("markdown") >= 3
    monkeypatch.chdir(unpacked / "pytorch")
    monkeypatch.setattr(sys, "argv", ["ipykernel_launcher", "-f", "kernel.json", "--quick"])
    namespace = {"__name__": "__main__"}
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), f"{name}.ipynb", "exec"), namespace)
    assert 0 <= namespace["result" if name == "04_fine_tune" else "held_out"].accuracy <= 1
