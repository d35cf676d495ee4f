"""Predictions as pictures, in a terminal (no plotting library needed)."""
from typing import Optional, Sequence

_SHADES = " .:-=+*#%@"


def show_images(data, predicted: Optional[Sequence[int]] = None, count: int = 4, width: int = 14) -> str:
    """Prints the first ``count`` images of ``data`` side by side, drawn with characters
    (one per 2 x 2 pixels), each captioned with its true class and, if given, the predicted one.
    Returns the text it printed."""
    count = min(count, len(data))
    step = max(1, 28 // width)
    pictures, captions = [], []
    for i in range(count):
        image = data.xs[i, 0]
        rows = []
        for y in range(0, 28, step):
            row = ""
            for x in range(0, 28, step):
                value = float(image[y:y + step, x:x + step].mean())
                row += _SHADES[min(len(_SHADES) - 1, int(value * len(_SHADES)))]
            rows.append(row)
        pictures.append(rows)
        truth = data.class_names[data.labels[i]]
        caption = truth if predicted is None else f"{data.class_names[predicted[i]]} ({'right' if predicted[i] == data.labels[i] else 'truth: ' + truth})"
        captions.append(caption)
    column = max([len(pictures[0][0]) if pictures else 0] + [len(c) for c in captions]) + 2
    lines = ["".join(p[r].ljust(column) for p in pictures) for r in range(len(pictures[0]))] if pictures else []
    lines.append("".join(c.ljust(column) for c in captions))
    text = "\n".join(line.rstrip() for line in lines)
    print(text)
    return text
