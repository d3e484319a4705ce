"""A handful of crude images with masks for smoke-testing train.py before a synth dataset exists. Never used for shipped models."""
import os
import sys

import numpy as np
from PIL import Image


def make(out, n, seed, size=256):
    rng = np.random.default_rng(seed)
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
        img = 20000 + 8000 * np.sin(xx / rng.uniform(30, 90)) + 3000 * (yy / size)
        mask = np.zeros((size, size), np.uint8)
        for _ in range(rng.integers(0, 8)):
            cy, cx, r = rng.uniform(10, size - 10), rng.uniform(10, size - 10), rng.uniform(1.5, 8)
            d = (yy - cy) ** 2 + (xx - cx) ** 2
            img += 4000 * np.exp(-d / (2 * r * r)) * (d < (2 * r) ** 2)
            mask[d <= r * r] = 1
        if rng.random() < 0.5:
            y0, x0, a = rng.uniform(30, size - 30), rng.uniform(30, size - 60), rng.uniform(-0.5, 0.5)
            t = np.linspace(0, rng.uniform(30, 80), 200)
            ys, xs = (y0 + t * np.sin(a) + 3 * np.sin(t / 9)).astype(int), (x0 + t * np.cos(a)).astype(int)
            ok = (ys >= 0) & (ys < size) & (xs >= 0) & (xs < size)
            for y, x in zip(ys[ok], xs[ok]):
                img[y, x] -= 3000
                mask[y, x] = 2
        img += rng.normal(0, 600, img.shape)
        Image.fromarray(np.clip(img, 0, 65535).astype(np.uint16)).save(os.path.join(out, f"xray_{i:03d}.png"))
        Image.fromarray(mask).save(os.path.join(out, f"xray_{i:03d}_mask.png"))


if __name__ == "__main__":
    make(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
