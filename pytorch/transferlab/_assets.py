"""Where the course's shipped files are: the site's ``public/`` folder.

In the repository (and in the zip the course site offers) it sits next to
``pytorch/``. Set ``TRANSFERLAB_ASSETS`` to use another copy.
"""
import os
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def assets_dir() -> Path:
    """The folder that holds ``models/`` and ``data/``."""
    override = os.environ.get("TRANSFERLAB_ASSETS")
    candidates = [Path(override)] if override else [_HERE.parent.parent / "public"]
    for folder in candidates:
        if (folder / "models").is_dir() and (folder / "data").is_dir():
            return folder
    raise FileNotFoundError(
        "transferlab: cannot find the course's model and data: looked for models/ and data/ in "
        + ", ".join(str(c) for c in candidates)
        + ". Keep pytorch/ next to public/ (as in the repository and the course's zip), "
        "or set TRANSFERLAB_ASSETS to a folder that has them."
    )


def asset(*parts: str) -> Path:
    """A path under the assets folder, e.g. ``asset("models", "fashion-cnn", "model.json")``."""
    return assets_dir().joinpath(*parts)
