"""Picks per-class probability thresholds and minimum component sizes on a validation synth set (never the held-out
evaluation seed) and writes them into models/manifest.json. Recall counts pores of Ø >= 0.5 mm (the size the acceptance
target names) and every cold shut; precision counts every predicted component. The default objective is the target's:
the highest recall whose precision still reaches --min-precision (0.9), as long as that recall is at least 0.5; where no
operating point does both, the best F1. (An operating point that misses most defects is not worth its precision, and F2
chose a precision of 0.15 for surface cold shuts: a false seam every few parts, and a false cold shut fails a part as
surely as a true one.) Defect-level matching as `castinspect eval` does it: a
ground-truth defect is found when a predicted component of its class overlaps it; a predicted component is true when it
overlaps a ground-truth defect of its class.

    /usr/bin/python3 models/training/tune.py --modality xray --data models/training/data/val-xray [--write]
"""
import argparse
import json
import os
import pickle
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import components, find_samples, normalise, read_grey, read_mask  # noqa: E402
from net import SmallUNet  # noqa: E402
from train import patch_manifest  # noqa: E402

THRESHOLDS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995]
MAX_FOREGROUND = 0.02
MIN_AREAS = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768]


def predict(model, image):
    with torch.no_grad():
        return model(torch.from_numpy(image)[None, None]).numpy()[0]


def collect(model, pairs):
    """Per class: (threshold, area, hits a truth defect, truth labels hit, image) of every predicted component, and the
    ground-truth defects recall is measured on (pores of Ø >= 0.5 mm, every cold shut)."""
    stats = {1: [], 2: []}
    counted = {1: set(), 2: set()}
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
                if binary.mean() > MAX_FOREGROUND:
                    continue  # a threshold this low calls the wall itself a defect: no use, and slow to label
                lab, areas = components(binary)
                fg = lab > 0
                hits = {k: set() for k in range(1, len(areas))}
                for pair in np.unique(lab[fg] * (int(tl.max()) + 1) + tl[fg]).tolist():
                    k, h = divmod(pair, int(tl.max()) + 1)
                    if h:
                        hits[k].add(h)
                for k in range(1, len(areas)):
                    stats[c].append((t, int(areas[k]), bool(hits[k]), frozenset(hits[k]), img_path))
        print(f"{img_path}", flush=True)
    return stats, counted


def operating_points(stats, counted):
    """(threshold, min area, recall, precision) for every pair of the grids."""
    for t in THRESHOLDS:
        at_t = [s for s in stats if s[0] == t]
        for a in MIN_AREAS:
            comps = [s for s in at_t if s[1] >= a]
            found = {(s[4], x) for s in comps for x in s[3]}
            recall = len(found & counted) / max(len(counted), 1)
            precision = sum(s[2] for s in comps) / max(len(comps), 1)
            yield t, a, recall, precision


def f_beta(recall, precision, beta):
    return (1 + beta * beta) * recall * precision / max(beta * beta * precision + recall, 1e-9)


def score(point, objective, min_precision, min_recall=0.5):
    _, _, recall, precision = point
    if objective == "f1":
        return f_beta(recall, precision, 1)
    if objective == "f2":
        return f_beta(recall, precision, 2)
    # Points that reach the precision target and find at least half the defects rank above all others, by recall;
    # the rest by F1.
    if precision >= min_precision and recall >= min_recall:
        return 2 + recall + 1e-3 * precision
    return f_beta(recall, precision, 1)


def entry_features(folder, name):
    with open(os.path.join(folder, "manifest.json")) as f:
        entry = next((m for m in json.load(f)["models"] if m["name"] == name), {})
    return entry.get("training", {}).get("features", "morph")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--modality", choices=["xray", "surface"], required=True)
    ap.add_argument("--data", required=True, help="validation synth dataset (its own seed)")
    ap.add_argument("--weights", help=".pt state dict (default <train data>/<name>.pt from the manifest entry)")
    ap.add_argument("--name")
    ap.add_argument("--views", type=int, default=60)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--features", help="fixed input channels of the weights (default: the manifest entry's training.features)")
    ap.add_argument("--width", type=int, default=8)
    ap.add_argument("--out", default=os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")), help="folder of manifest.json")
    ap.add_argument("--write", action="store_true", help="write the chosen thresholds into models/manifest.json")
    ap.add_argument("--objective", choices=["recall-at-precision", "f1", "f2"], default="recall-at-precision")
    ap.add_argument("--min-precision", type=float, default=0.9)
    ap.add_argument("--stats", help="pickle of the per-component statistics: read if it exists, else computed and written")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    name = args.name or f"{args.modality}-seg"
    features = args.features or entry_features(args.out, name)
    model = SmallUNet(args.width, features=features)
    model.load_state_dict(torch.load(args.weights))
    model.eval()
    model.softmax = True
    if args.stats and os.path.exists(args.stats):
        with open(args.stats, "rb") as f:
            stats, counted = pickle.load(f)
    else:
        stats, counted = collect(model, find_samples(args.data, args.modality)[: args.views])
        if args.stats:
            with open(args.stats, "wb") as f:
                pickle.dump((stats, counted), f)
    chosen = {}
    for c, cname in ((1, "porosity"), (2, "cold_shut")):
        points = sorted(operating_points(stats[c], counted[c]), key=lambda p: -score(p, args.objective, args.min_precision))
        for p in points[:5]:
            print(f"{cname}: threshold {p[0]} min area {p[1]} px: recall {p[2]:.3f} precision {p[3]:.3f}")
        chosen[cname] = points[0]
    if args.write:
        patch_manifest(args.out, name, {
            "thresholds": {"porosity": chosen["porosity"][0], "cold_shut": chosen["cold_shut"][0]},
            "min_area_px": {"porosity": chosen["porosity"][1], "cold_shut": chosen["cold_shut"][1]},
        })


if __name__ == "__main__":
    main()
