"""The course's seeded random generator, bit for bit the one in ``src/lab/random.ts``.

``datasets.load`` uses it to pick and order images, so the same seed picks the
same images in TensorFlow.js and in PyTorch. Python's ``random`` and
``torch.Generator`` would pick others.
"""
from typing import Callable, List, Sequence, TypeVar

T = TypeVar("T")
_MASK = 0xFFFFFFFF


def _imul(a: int, b: int) -> int:
    """JavaScript's ``Math.imul``: the low 32 bits of the product (kept unsigned here)."""
    return (a * b) & _MASK


def seeded_random(seed: int) -> Callable[[], float]:
    """mulberry32: returns a function giving floats in [0, 1), as ``seededRandom(seed)`` does."""
    state = int(seed) & _MASK

    def next_float() -> float:
        nonlocal state
        state = (state + 0x6D2B79F5) & _MASK
        t = state
        t = _imul(t ^ (t >> 15), t | 1)
        t ^= (t + _imul(t ^ (t >> 7), t | 61)) & _MASK
        return ((t ^ (t >> 14)) & _MASK) / 4294967296

    return next_float


def shuffled(items: Sequence[T], random: Callable[[], float]) -> List[T]:
    """Fisher-Yates shuffle of a copy, the same swaps as ``shuffled`` in random.ts."""
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        j = int(random() * (i + 1))  # floor: the product is never negative
        out[i], out[j] = out[j], out[i]
    return out
