"""Packs synth views into one compressed file of tiles for training where the views cannot travel: the GPU machine takes
64 MiB a call and has no .NET to run `castinspect synth`, and a surface training set is hundreds of megabytes of PNG.

    /usr/bin/python3 models/training/pack.py --modality surface --data DIR [DIR ...] --out pack.npz [--budget-mb 48]

Each tile is a square of the normalised view (the window and transform `train.py` would apply) with its class mask:
one near each cold shut, then tiles near pores and tiles on structure edges or anywhere by turns, until the compressed
file would pass the budget. `train.py --data pack.npz` trains on the tiles as if they
were views (crops, scale, rotation and noise are drawn from them as from views), so a tile is larger than the crop.
"""
import argparse
import json
import os
import sys
import zlib

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import TRANSFORMS, class_components, dataset_facts, find_samples, load, structure_points  # noqa: E402

# Stored grey levels: surface images are 8-bit to begin with; X-ray pores in thick walls are a few thousandths of the window.
LEVELS = {"surface": (np.uint8, 255), "xray": (np.uint16, 65535)}


def tile_origins(mask, img, tile, rng, background):
    """Top-left corners of the tiles of one view, most wanted first: each cold shut, each pore, then `background` tiles
    on structure edges or anywhere. Each defect lies inside its tile, at a random place away from the border."""
    h, w = mask.shape
    wanted = []
    for cls in (2, 1):
        for pts in class_components(mask, cls):
            cy, cx = pts[rng.integers(len(pts))]
            wanted.append((cls, cy, cx))
    edges = structure_points(img, mask, rng, keep=background)
    for k in range(background):
        if len(edges) and rng.random() < 0.5:
            cy, cx = edges[rng.integers(len(edges))]
        else:
            cy, cx = rng.integers(h), rng.integers(w)
        wanted.append((0, cy, cx))
    out = []
    for cls, cy, cx in wanted:
        y = int(np.clip(cy - rng.integers(tile // 4, tile - tile // 4), 0, h - tile))
        x = int(np.clip(cx - rng.integers(tile // 4, tile - tile // 4), 0, w - tile))
        out.append((cls, y, x))
    return out


def pack(views, modality, tile, budget_bytes, rng, background=2):
    """(images, masks) of the tiles that fit `budget_bytes` compressed: every cold shut's first, then pores' and
    background tiles (structure edges, anywhere: the look-alikes a net must learn to leave) by turns."""
    dtype, scale = LEVELS[modality]
    by_priority = {2: [], 1: [], 0: []}
    for img, mask in views:
        a = img.astype(np.float32)
        for cls, y, x in tile_origins(mask, a, tile, rng, background):
            by_priority[cls].append((np.round(np.clip(a[y:y + tile, x:x + tile], 0, 1) * scale).astype(dtype), mask[y:y + tile, x:x + tile].copy()))
    shuffled = {cls: [group[i] for i in rng.permutation(len(group))] for cls, group in by_priority.items()}
    pores, rest = shuffled[1], shuffled[0]
    ordered = shuffled[2] + [t for pair in zip(pores, rest) for t in pair] + pores[len(rest):] + rest[len(pores):]
    n = 0
    if ordered:
        sample = ordered[:: max(1, len(ordered) // 24)]
        per_tile = 1.05 * np.mean([len(zlib.compress(t.tobytes(), 6)) + len(zlib.compress(m.tobytes(), 6)) for t, m in sample])
        n = int(min(len(ordered), budget_bytes // per_tile))
    if n == 0:
        return np.zeros((0, tile, tile), dtype), np.zeros((0, tile, tile), np.uint8)
    images, masks = zip(*ordered[:n])
    return np.stack(images), np.stack(masks)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--modality", choices=sorted(LEVELS), required=True)
    ap.add_argument("--data", nargs="+", required=True, help="synth dataset folders")
    ap.add_argument("--out", required=True, help="the .npz file to write")
    ap.add_argument("--tile", type=int, default=224, help="tile side, px: larger than train.py's --crop / 0.8 (its scale jitter)")
    ap.add_argument("--budget-mb", type=float, default=48.0, help="compressed size to stay under, MiB")
    ap.add_argument("--window", type=float, nargs=2, default=[0.5, 99.5], metavar=("LOW", "HIGH"))
    ap.add_argument("--transform", choices=TRANSFORMS, default="linear")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if not args.out.endswith(".npz"):
        sys.exit(f"pack.py: --out {args.out}: give a file name ending in .npz")
    pairs = [p for folder in args.data for p in find_samples(folder, args.modality)]
    if not pairs:
        sys.exit(f"pack.py: no {args.modality} images with masks under {' '.join(args.data)}")
    rng = np.random.default_rng(args.seed)
    images, masks = pack(load(pairs, (*args.window, args.transform)), args.modality, args.tile, args.budget_mb * 2 ** 20, rng)
    meta = {
        "modality": args.modality,
        "window": args.window,
        "transform": args.transform,
        "scale": LEVELS[args.modality][1],
        "tile": args.tile,
        "views": len(pairs),
        "seed": args.seed,
        "data": [dataset_facts(d) for d in args.data],
    }
    np.savez_compressed(args.out, images=images, masks=masks, meta=np.array(json.dumps(meta)))
    laps = int(sum((m == 2).any() for m in masks))
    print(f"packed {len(images)} tiles of {args.tile} px from {len(pairs)} views ({laps} with a cold shut) into {args.out}: "
          f"{os.path.getsize(args.out) / 2 ** 20:.1f} MiB", flush=True)


if __name__ == "__main__":
    main()
