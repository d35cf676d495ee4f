"""The twins follow their solutions: every number in an exercise's solution.ts (images per class,
seeds, epochs, batch sizes, learning rates, momentum, units) also appears in its PyTorch twin.
A solution changed without its twin fails here (the Chromium test then compares the accuracies)."""
import re

import pytest

from conftest import PYTORCH, ROOT

TWINS = {
    "02-load-a-pretrained-model": "02_load_and_predict.py",
    "03-modify-the-model": "03_replace_head.py",
    "04-fine-tune-the-model": "04_fine_tune.py",
    "05-transfer-learning-in-action": "05_end_to_end.py",
    "06-why-it-works-less-data": "06_compare.py",
    "07-your-own-data": "07_own_data.py",
}
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")


def numbers(code: str, comment: str) -> set:
    lines = [line.split(comment, 1)[0] for line in code.splitlines()]
    return {float(n) for n in NUMBER.findall("\n".join(lines))}


def test_every_exercise_lesson_has_a_twin():
    with_exercise = sorted(p.parent.name for p in (ROOT / "lessons").glob("0*/solution.ts"))
    assert [name for name in with_exercise if not name.startswith("01-")] == sorted(TWINS)


@pytest.mark.parametrize("lesson", sorted(TWINS))
def test_twin_uses_every_number_of_its_solution(lesson):
    solution = numbers((ROOT / "lessons" / lesson / "solution.ts").read_text(), "//")
    twin = numbers((PYTORCH / TWINS[lesson]).read_text(), "#")
    assert solution - twin == set(), f"{TWINS[lesson]} lacks numbers of lessons/{lesson}/solution.ts"
