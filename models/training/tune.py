"""Picks per-class probability thresholds and minimum component sizes on a validation synth set (never the held-out
evaluation seed) and writes them into models/manifest.json: the best F1 of recall (pores of Ø >= 0.5 mm, the size the
acceptance target names, and every cold shut) and precision (every predicted component). Defect-level matching as `castinspect eval` does it: a
ground-truth defect is found when a predicted component of its class overlaps it; a predicted component is true when it
overlaps a ground-truth defect of its class.

    /usr/bin/python3 models/training/tune.py --modality xray --data models/training/data/val-xray [--write]
"""
import argparse
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import find_samples, normalise, read_grey, read_mask  # noqa: E402
from net import SmallUNet  # noqa: E402
from train import patch_manifest  # noqa: E402

THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995]
MIN_AREAS = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256]


def components(binary):
    """8-connected components of a bool array as (labels, areas): a flood fill over the foreground pixels only, which
    are few, so it is quick in plain Python."""
    lab = np.zeros(binary.shape, dtype=np.int64)
    h, w = binary.shape
    areas = [0]
    for y0, x0 in np.argwhere(binary):
        if lab[y0, x0]:
            continue
        n = len(areas)
        lab[y0, x0] = n
        stack, area = [(y0, x0)], 0
        while stack:
            y, x = stack.pop()
            area += 1
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    yy, xx = y + dy, x + dx
                    if 0 <= yy < h and 0 <= xx < w and binary[yy, xx] and not lab[yy, xx]:
                        lab[yy, xx] = n
                        stack.append((yy, xx))
        areas.append(area)
    return lab, np.array(areas)


def predict(model, image):
    with torch.no_grad():
        return model(torch.from_numpy(image)[None, None]).numpy()[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--modality", choices=["xray", "surface"], required=True)
    ap.add_argument("--data", required=True, help="validation synth dataset (its own seed)")
    ap.add_argument("--weights", help=".pt state dict (default <train data>/<name>.pt from the manifest entry)")
    ap.add_argument("--name")
    ap.add_argument("--views", type=int, default=60)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--features", default="morph")
    ap.add_argument("--width", type=int, default=8)
    ap.add_argument("--out", default=os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")), help="folder of manifest.json")
    ap.add_argument("--write", action="store_true", help="write the chosen thresholds into models/manifest.json")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    name = args.name or f"{args.modality}-seg"
    model = SmallUNet(args.width, features=args.features)
    model.load_state_dict(torch.load(args.weights))
    model.eval()
    model.softmax = True
    pairs = find_samples(args.data, args.modality)[: args.views]
    # per class: (threshold, area, hits a truth defect, truth labels hit, image) of every predicted component
    stats = {1: [], 2: []}
    counted = {1: set(), 2: set()}  # ground-truth defects recall is measured on: pores of Ø >= 0.5 mm, every cold shut
    for img_path, mask_path in pairs:
        with open(os.path.splitext(img_path)[0] + ".json") as f:
            pixel_mm = json.load(f)["pixel_size_mm"]
        p = predict(model, normalise(read_grey(img_path), 0.5, 99.5))
        mask = np.minimum(read_mask(mask_path), 2)
        for c in (1, 2):
            tl, truth_areas = components(mask == c)
            for k in range(1, int(tl.max()) + 1):
                if c == 2 or 2 * np.sqrt(truth_areas[k] / np.pi) * pixel_mm >= 0.5:
                    counted[c].add((img_path, k))
            for t in THRESHOLDS:
                binary = p[c] >= t
                lab, areas = components(binary)
                for k in range(1, lab.max() + 1):
                    sel = lab == k
                    hit = tl[sel]
                    stats[c].append((t, int(areas[k]), bool((hit > 0).any()), frozenset(np.unique(hit[hit > 0]).tolist()), img_path))
        print(f"{img_path}", flush=True)
    chosen = {}
    for c, cname in ((1, "porosity"), (2, "cold_shut")):
        best = None
        for t in THRESHOLDS:
            for a in MIN_AREAS:
                comps = [s for s in stats[c] if s[0] == t and s[1] >= a]
                found = set()
                for s in comps:
                    found |= {(s[4], x) for x in s[3]}
                recall = len(found & counted[c]) / max(len(counted[c]), 1)
                precision = sum(s[2] for s in comps) / max(len(comps), 1)
                f = 2 * recall * precision / max(recall + precision, 1e-9)
                if best is None or f > best[0]:
                    best = (f, t, a, recall, precision)
        print(f"{cname}: F1 {best[0]:.3f} at threshold {best[1]} min area {best[2]} px: recall {best[3]:.3f} precision {best[4]:.3f}")
        chosen[cname] = best
    if args.write:
        patch_manifest(args.out, name, {
            "thresholds": {"porosity": chosen["porosity"][1], "cold_shut": chosen["cold_shut"][1]},
            "min_area_px": {"porosity": chosen["porosity"][2], "cold_shut": chosen["cold_shut"][2]},
        })


if __name__ == "__main__":
    main()
