"""Where the second look cuts its patches: the [image, probability] square the service's PatchCutter cuts
(patch_origin, cut), the centre a component is looked at from (candidate_centre), the points along a long component
the service also looks from with `along_component` (along_centres), and the prototype's whole-box context."""
import math

import numpy as np
import torch
from torch import nn

PATCH = 36
MARGIN = 2  # stored patches are PATCH + 2 * MARGIN wide: training shifts them by up to ±MARGIN px


def patch_origin(cx, cy, size=PATCH):
    """Top-left pixel of the patch centred on a component's centroid (x, y): floor(c + 0.5) - size / 2, in both the
    trainer and the service."""
    return math.floor(cx + 0.5) - size // 2, math.floor(cy + 0.5) - size // 2


def cut(image, probs, cx, cy, size):
    """[image, probability] patch of `size` px: the image mirrored past its border (OpenCV BORDER_REFLECT_101, numpy
    "reflect"), the probability 0 there."""
    x0, y0 = patch_origin(cx, cy, size)
    h, w = image.shape
    ys, xs = np.arange(y0, y0 + size), np.arange(x0, x0 + size)
    inside = ((ys >= 0) & (ys < h))[:, None] & ((xs >= 0) & (xs < w))[None, :]
    p = np.where(inside, probs[np.ix_(np.clip(ys, 0, h - 1), np.clip(xs, 0, w - 1))], 0)
    return np.stack([image[np.ix_(mirror(ys, h), mirror(xs, w))], p.astype(probs.dtype)])


def mirror(i, n):
    """Indices mirrored into [0, n) about the first and last pixel (… 2 1 | 0 1 2 … n−1 | n−2 …), as PatchCutter.Mirror."""
    if n == 1:
        return np.zeros_like(i)
    period = 2 * (n - 1)
    m = np.mod(i, period)
    return np.where(m < n, m, period - m)


def candidate_centre(xs, ys, how="centroid"):
    """Where a component's patch is centred: its centroid (what the service does), or with "nearest" the component's
    own pixel nearest the centroid, which stays on a curved or forked line whose centroid lies off it."""
    cx, cy = xs.mean(), ys.mean()
    if how == "centroid":
        return cx, cy
    j = int(np.argmin((xs - cx) ** 2 + (ys - cy) ** 2))
    return float(xs[j]), float(ys[j])


def box_context(image, probs, xs, ys, patch, out):
    """[image, probability] over the component's whole box: a square 1.25 times its longer side (at least the patch)
    around the box centre, averaged down to `out` px."""
    side = int(math.ceil(1.25 * max(xs.max() - xs.min() + 1, ys.max() - ys.min() + 1, patch)))
    side += side % 2
    square = torch.from_numpy(cut(image, probs, (xs.min() + xs.max()) / 2, (ys.min() + ys.max()) / 2, side).astype(np.float32))
    return nn.functional.adaptive_avg_pool2d(square[None], out)[0].numpy()


def along_centres(xs, ys, patch):
    """The points of a component's outline the service also looks from with `along_component`
    (SecondLookScreen.PatchOrigins): none unless its box is longer than half a patch, else outline pixels taken in
    turn, each kept when it lies at least half a patch (Manhattan) from every one kept before. The service walks the
    outline as OpenCV traces it and this walks it in raster order, so the points differ but are spaced alike."""
    step = patch / 2
    if max(xs.max() - xs.min() + 1, ys.max() - ys.min() + 1) <= step:
        return []
    pixels = set(zip(xs.tolist(), ys.tolist()))
    outline = sorted((y, x) for x, y in pixels if any((x + dx, y + dy) not in pixels for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1))))
    kept = []
    for y, x in outline:
        if all(abs(x - kx) + abs(y - ky) >= step for kx, ky in kept):
            kept.append((x, y))
    return [(float(x), float(y)) for x, y in kept]
