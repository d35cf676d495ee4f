"""pytest setup for the PyTorch twins (run with Debian's interpreter: /usr/bin/python3 -m pytest test/python).

``pytorch/`` goes on ``sys.path`` (``import transferlab``), PyTorch uses one thread (the machine is
shared), and ``tfjs`` runs the TensorFlow.js side once per session (test/python/tfjs_reference.ts).
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch

ROOT = Path(__file__).resolve().parents[2]
PYTORCH = ROOT / "pytorch"
sys.path.insert(0, str(PYTORCH))
torch.set_num_threads(1)


def run_tfjs(command: str, out: Path) -> Path:
    """Runs a command of test/python/tfjs_reference.ts (Node 24 from the project's devDependency)."""
    result = subprocess.run(["npx", "node", "test/python/tfjs_reference.ts", command, str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"tfjs_reference.ts {command} failed:\n{result.stdout}\n{result.stderr}")
    return out


@pytest.fixture(scope="session")
def tfjs_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("tfjs")


@pytest.fixture
def script_env():
    """Environment for the scripts run as subprocesses: one PyTorch thread."""
    return {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
