"""Predictions as pictures, in a terminal (no plotting library needed)."""
from typing import Optional, Sequence

_SHADES = " .:-=+*#%@"


def show_images(data, predicted: Optional[Sequence[int]] = None, count: int = 4, width: int = 14, per_row: int = 5) -> str:
    """Prints the first ``count`` images of ``data`` side by side, ``per_row`` to a row, drawn with
    characters (one per 2 x 2 pixels), each captioned with its true class and, if given, the
    predicted one. Returns the text it printed."""
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
    lines = []
    for start in range(0, max(count, 1), max(1, per_row)):
        row_pictures, row_captions = pictures[start:start + per_row], captions[start:start + per_row]
        if start > 0:
            lines.append("")
        if row_pictures:
            lines.extend("".join(p[r].ljust(column) for p in row_pictures) for r in range(len(row_pictures[0])))
        lines.append("".join(c.ljust(column) for c in row_captions))
    text = "\n".join(line.rstrip() for line in lines)
    print(text)
    return text
