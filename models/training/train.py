"""Trains one segmentation model on a castinspect synth dataset, exports ONNX (opset 13) and updates models/manifest.json.

    /usr/bin/python3 models/training/train.py --modality xray --data models/training/data/train
"""
import argparse
import fcntl
import hashlib
import inspect
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import TRANSFORMS, Sampler, dataset_facts, find_samples, load, load_pack  # noqa: E402
from mining import away_from, mine, mine_missed, mine_missed_cold_shuts  # noqa: E402
from net import FEATURES, Downscaled, SmallUNet, downscale_views, load_deepening  # noqa: E402
from recover import freeze_batch_norm, shallow_model_from_onnx  # noqa: E402

MODELS = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
CLASSES = ["background", "porosity", "cold_shut"]


def dice_loss(logits, target):
    p = torch.softmax(logits, 1)
    loss = 0.0
    for c in (1, 2):
        t = (target == c).float()
        inter = (p[:, c] * t).sum()
        loss = loss + 1 - (2 * inter + 1) / (p[:, c].sum() + t.sum() + 1)
    return loss / 2


def iou(model, samples, crop, rng, batches=8):
    model.eval()
    sampler = Sampler(samples, crop, rng, defect_fraction=0.5)
    inter = np.zeros(3)
    union = np.zeros(3)
    with torch.no_grad():
        for _ in range(batches):
            x, y = sampler.batch(8)
            pred = model(torch.from_numpy(x)).argmax(1).numpy()
            for c in (1, 2):
                inter[c] += ((pred == c) & (y == c)).sum()
                union[c] += ((pred == c) | (y == c)).sum()
    model.train()
    return {CLASSES[c]: round(float(inter[c] / max(union[c], 1)), 4) for c in (1, 2)}


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def export(model, path, tile):
    model.eval()
    model.softmax = True
    # PyTorch 2.9 and later export through dynamo unless told not to (the GPU machine's 2.11): keep the TorchScript
    # exporter every shipped file was made with, and its opset 13.
    legacy = {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}
    torch.onnx.export(
        model, torch.zeros(1, 1, tile, tile), path,
        input_names=["image"], output_names=["probabilities"],
        dynamic_axes={"image": {0: "batch"}, "probabilities": {0: "batch"}},
        opset_version=13, **legacy)
    model.softmax = False


def prepare_out(folder):
    """Creates the output folder before training starts, so that a run is never lost at export for want of it; exits
    naming the folder when it cannot be written."""
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as e:
        sys.exit(f"train.py: --out {folder}: cannot create it ({e.strerror})")
    if not os.access(folder, os.W_OK):
        sys.exit(f"train.py: --out {folder}: not writable")


def update_manifest(folder, entry):
    with open(os.path.join(folder, ".manifest.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        write_manifest(folder, entry)


def write_manifest(folder, entry):
    path = os.path.join(folder, "manifest.json")
    manifest = {"models": []}
    if os.path.exists(path):
        with open(path) as f:
            manifest = json.load(f)
    models = [m for m in manifest["models"] if m["name"] != entry["name"]]
    old = next((m for m in manifest["models"] if m["name"] == entry["name"]), None)
    if old and "evaluation" in old and "evaluation" not in entry:
        entry["evaluation"] = old["evaluation"]
    models.append(entry)
    manifest["models"] = sorted(models, key=lambda m: m["name"])
    with open(path, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


def initial_model(args):
    """The net training starts from, and the BatchNorm layers that stay frozen: fresh, or the weights of --init (of its
    ensemble member --init-member when given)."""
    model = SmallUNet(args.width, features=args.features, levels=args.levels)
    onnx = bool(args.init) and args.init.endswith(".onnx")
    if args.init_member is not None and not onnx:
        raise ValueError(f"--init-member {args.init_member} picks a member of an ensemble .onnx --init; got {args.init or 'no --init'}")
    if onnx:
        shallow = shallow_model_from_onnx(args.init, args.width, member=args.init_member)
        if isinstance(shallow, Downscaled):
            if shallow.factor != args.downscale:
                raise ValueError(f"{args.init} runs its net at 1/{shallow.factor} resolution; train it on with --downscale {shallow.factor}")
            shallow = shallow.net
        load_deepening(model, shallow.state_dict())
        return model, tuple(k.rsplit(".", 1)[0] for k in shallow.state_dict())
    if args.init:
        load_deepening(model, torch.load(args.init))
    return model, ()


def earlier_stage(folder, name, init, member=None):
    """What a continued training started from: the weights file and, from the manifest entry those weights were
    exported under (the manifest beside the --init file, else the one in the output folder, read before this run
    replaces it), that stage's recipe and its own history, so the manifest keeps the whole chain of stages. With
    --init-member, the stage is that member of the ensemble: its version, architecture and training."""
    if not init:
        return None
    stage = {"weights": os.path.basename(init)}
    if member is not None:
        stage["member"] = member
    beside = os.path.join(os.path.dirname(os.path.abspath(init)), "manifest.json")
    path = beside if os.path.exists(beside) else os.path.join(folder, "manifest.json")
    if os.path.exists(path):
        with open(path) as f:
            old = next((m for m in json.load(f)["models"] if m["name"] == name), None)
        if old:
            t = old.get("training", {})
            stage.update({k: old.get(k) for k in ("version", "architecture", "normalisation")})
            members = t.get("ensemble")
            if member is not None and members and member < len(members):
                stage.update({k: members[member].get(k) for k in ("version", "architecture")})
                t = members[member].get("training", {})
            stage.update({k: t[k] for k in ("steps", "wall_seconds", "lr", "features", "cold_shut_fraction", "per_pore", "relative_noise", "false_detection_fraction",
                                                    "levels", "downscale", "continued_from") if k in t})
    return stage


def split_packs(args, packs, norm, rng):
    """Validation and training tiles of the pack.py files `packs` (a tenth of the tiles for validation), no view paths
    (a tile has none), and the facts of the sets each pack was made from."""
    if len(packs) != len(args.data):
        sys.exit("train.py: --data: give pack.py files or synth folders, not both")
    if args.mine_skip:
        sys.exit("train.py: --mine-skip reads each view's ground truth, which a pack does not hold: pack without those views or train on the folders")
    views, facts = [], []
    for path in packs:
        try:
            tiles, meta = load_pack(path, norm, args.modality)
        except ValueError as e:
            sys.exit(f"train.py: {e}")
        views += tiles
        facts += meta["data"]
    order = rng.permutation(len(views))
    n_val = max(1, len(views) // 10)
    return [views[i] for i in order[:n_val]], [views[i] for i in order[n_val:]], [], facts


class OnDevice(torch.nn.Module):
    """`model` on `device` as a CPU tensor in, CPU tensor out module, for the helpers that run it over whole views
    (mining, validation IoU)."""

    def __init__(self, model, device):
        super().__init__()
        self.model = model
        self.device = device

    def forward(self, x):
        return self.model(x.to(self.device)).cpu()


def skip_look_alikes(points, image_path, specs, factor=1):
    """`points` of one view (at 1/`factor` of its resolution) less those near the look-alikes `specs` ("kind:mm")
    name, read from the view's ground truth."""
    with open(image_path[:-4] + ".json") as f:
        truth = json.load(f)
    for spec in specs:
        kind, _, mm = spec.partition(":")
        centres = [(a["x"] / factor, a["y"] / factor) for a in truth.get("look_alikes", []) if a["kind"] == kind]
        points = away_from(points, centres, float(mm) / truth["pixel_size_mm"] / factor)
    return points


def mine_once(args, flag, what, miner, model, train, rng, empty):
    """What `miner` finds with the --init model in the training views (at most --mine-views of them, drawn at random):
    one entry per view, `empty` for views not mined."""
    if not args.init:
        sys.exit(f"train.py: {flag} mines the {what} of the --init model; give --init")
    t = time.time()
    picked = range(len(train))
    if 0 < args.mine_views < len(train):
        picked = sorted(rng.choice(len(train), args.mine_views, replace=False))
    found = [empty for _ in train]
    for i, hits in zip(picked, miner(model, [train[i] for i in picked])):
        found[i] = hits
    print(f"mined {sum(len(h) for h in found)} {what} (pixels, pores or laps) in {sum(1 for h in found if len(h))} of {len(train)} views "
          f"in {time.time() - t:.0f}s", flush=True)
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--modality", choices=["xray", "surface"], required=True)
    ap.add_argument("--data", required=True, nargs="+", help="synth dataset folders (their views together)")
    ap.add_argument("--name", help="model name (default <modality>-seg)")
    ap.add_argument("--version", default="1.0.0")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--width", type=int, default=8)
    ap.add_argument("--crop", type=int, default=64)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--minutes", type=float, default=15.0, help="training wall-time budget")
    ap.add_argument("--max-steps", type=int, default=100000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--lr", type=float, default=5e-3)
    ap.add_argument("--defect-weight", type=float, default=20.0, help="cross-entropy weight of porosity and cold shut vs background 1")
    ap.add_argument("--defect-fraction", type=float, default=0.9, help="share of crops centred near a defect")
    ap.add_argument("--edge-fraction", type=float, default=0.0, help="share of crops centred on structure edges (hard negatives)")
    ap.add_argument("--cold-shut-fraction", type=float, default=0.0, help="share of defect-centred crops centred on a cold shut")
    ap.add_argument("--false-detection-fraction", type=float, default=0.0,
                    help="share of crops centred on the false detections of the --init model (hard negatives mined once at the start)")
    ap.add_argument("--per-pore", action="store_true", help="centre pore crops on a pore drawn at random, not on a defect pixel (small pores as often as large)")
    ap.add_argument("--init", help=".pt state dict, or a shipped .onnx file, to continue training from (same width; fixed input channels and "
                                   "levels the same or fewer); from an .onnx file the BatchNorm layers it folded stay frozen (recover.py)")
    ap.add_argument("--init-member", type=int, help="with an ensemble .onnx --init: the member (counting from 0) to continue from; "
                                                    "the manifest's ensemble list says which member is which")
    ap.add_argument("--levels", type=int, choices=[3, 4], default=3, help="U-Net resolution levels (net.py)")
    ap.add_argument("--downscale", type=int, default=1,
                    help="run the net at 1/N of the image's resolution (net.Downscaled, part of the exported graph): N times the "
                         "context in mm at 1/N² of the cost; --crop is then in downscaled pixels")
    ap.add_argument("--mine-threshold", type=float, default=0.5,
                    help="probability at which a pixel counts as a false detection when mining (the service's porosity threshold, e.g. 0.1, "
                         "mines the faint calls that still pass there)")
    ap.add_argument("--mine-views", type=int, default=0, help="mine the false detections of at most this many training views (0: all)")
    ap.add_argument("--mine-skip", action="append", default=[], metavar="KIND:MM",
                    help="mine no false detection within MM of a look-alike of this kind in the view's ground truth (e.g. "
                         "ejector_pin_mark:7: the service screens those by their shape, so the net need not learn them)")
    ap.add_argument("--features", choices=[*FEATURES, "none"], default="morph", help="fixed input channels (net.py)")
    ap.add_argument("--window", type=float, nargs=2, default=[0.5, 99.5], metavar=("LOW", "HIGH"),
                    help="percentiles of the whole image that map to 0 and 1 (written to the manifest; the C# side applies them)")
    ap.add_argument("--transform", choices=TRANSFORMS, default="linear",
                    help="how grey values between the percentiles map to [0, 1] (data.normalise; written to the manifest)")
    ap.add_argument("--missed-pore-fraction", type=float, default=0.0,
                    help="share of pore crops centred on the pores the --init model misses (hard positives mined once at the start)")
    ap.add_argument("--missed-pore-min-area", type=int, default=1,
                    help="mine only missed pores of at least this many px (13 px is Ø 0.4 mm at 0.1 mm/px: smaller ones are mostly invisible)")
    ap.add_argument("--missed-cold-shut-fraction", type=float, default=0.0,
                    help="share of cold-shut crops centred on the cold shuts the --init model marks less than half of (hard positives "
                         "mined once at the start, only in views that hold one)")
    ap.add_argument("--relative-noise", action="store_true", help="add noise up to 1.5 times the crop's own, not 0.5-4 %% of the range (data.augment)")
    ap.add_argument("--tile", type=int, default=256)
    ap.add_argument("--overlap", type=int, default=32)
    ap.add_argument("--device", choices=["cpu", "cuda"], default="cpu",
                    help="where the net trains (cuda: the GPU machine; the exported file is the same either way)")
    ap.add_argument("--out", default=MODELS)
    args = ap.parse_args()
    prepare_out(args.out)

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(args.seed)
    norm = (*args.window, args.transform)
    if args.downscale < 1:
        sys.exit(f"train.py: --downscale {args.downscale}: give 1 (full resolution) or more")
    packs = [d for d in args.data if d.endswith(".npz")]
    if packs:
        val, train, pairs, facts = split_packs(args, packs, norm, rng)
    else:
        pairs = [p for folder in args.data for p in find_samples(folder, args.modality)]
        if not pairs:
            sys.exit(f"train.py: no {args.modality} images with masks under {' '.join(args.data)}")
        rng.shuffle(pairs)
        n_val = max(1, len(pairs) // 10)
        val, train = load(pairs[:n_val], norm), load(pairs[n_val:], norm)
        facts = dataset_facts(args.data[0]) if len(args.data) == 1 else [dataset_facts(d) for d in args.data]
    if args.downscale > 1:
        val, train = downscale_views(val, args.downscale), downscale_views(train, args.downscale)
    print(f"{args.modality}: {len(train)} training views, {len(val)} validation views", flush=True)

    model, frozen = initial_model(args)
    model.to(args.device)
    probe = OnDevice(model, args.device)
    mined = mine_once(args, "--false-detection-fraction", "false detections",
                      lambda m, views: mine(m, views, threshold=args.mine_threshold), probe, train, rng, np.zeros((0, 2), np.int64)) \
        if args.false_detection_fraction > 0 else None
    if mined is not None and args.mine_skip:
        mined = [skip_look_alikes(points, image, args.mine_skip, args.downscale) for points, (image, _) in zip(mined, pairs[n_val:])]
        print(f"kept {sum(len(p) for p in mined)} false-detection pixels away from {', '.join(args.mine_skip)}", flush=True)
    missed = mine_once(args, "--missed-pore-fraction", "missed pores",
                       lambda m, views: mine_missed(m, views, min_area=args.missed_pore_min_area), probe, train, rng, []) \
        if args.missed_pore_fraction > 0 else None
    missed_laps = mine_once(args, "--missed-cold-shut-fraction", "missed cold shuts", mine_missed_cold_shuts, probe, train, rng, []) \
        if args.missed_cold_shut_fraction > 0 else None
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    weights = torch.tensor([1.0, args.defect_weight, args.defect_weight], device=args.device)
    sampler = Sampler(train, args.crop, rng, defect_fraction=args.defect_fraction, edge_fraction=args.edge_fraction,
                      cold_shut_fraction=args.cold_shut_fraction, per_pore=args.per_pore,
                      false_detections=mined, false_detection_fraction=args.false_detection_fraction, relative_noise=args.relative_noise,
                      missed_pores=missed, missed_pore_fraction=args.missed_pore_fraction,
                      missed_cold_shuts=missed_laps, missed_cold_shut_fraction=args.missed_cold_shut_fraction)
    model.train()
    freeze_batch_norm(model, frozen)
    t0 = time.time()
    budget = args.minutes * 60
    step = 0
    while step < args.max_steps and time.time() - t0 < budget:
        frac = (time.time() - t0) / budget
        for g in opt.param_groups:
            g["lr"] = args.lr * (0.05 + 0.95 * 0.5 * (1 + np.cos(np.pi * min(frac, 1.0))))
        x, y = sampler.batch(args.batch)
        x, y = torch.from_numpy(x).to(args.device), torch.from_numpy(y).to(args.device)
        logits = model(x)
        loss = F.cross_entropy(logits, y, weight=weights) + dice_loss(logits, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        if step % 50 == 0:
            print(f"step {step} {time.time() - t0:.0f}s loss {loss.item():.4f}", flush=True)
    wall = time.time() - t0
    val_iou = iou(probe, val, 128, np.random.default_rng(12345))
    model.cpu()
    print(f"trained {step} steps in {wall:.0f}s; validation IoU {val_iou}", flush=True)

    name = args.name or f"{args.modality}-seg"
    torch.save(model.state_dict(), os.path.join(os.path.dirname(os.path.abspath(packs[0])) if packs else args.data[0], f"{name}.pt"))
    path = os.path.join(args.out, f"{name}.onnx")
    export(Downscaled(model, args.downscale) if args.downscale > 1 else model, path, args.tile)
    entry = {
        "name": name,
        "version": args.version,
        "modality": args.modality,
        "file": f"{name}.onnx",
        "sha256": sha256(path),
        "classes": CLASSES,
        "input": {"name": "image", "shape": [-1, 1, args.tile, args.tile]},
        "output": {"name": "probabilities", "shape": [-1, len(CLASSES), args.tile, args.tile]},
        "normalisation": {"low_percentile": norm[0], "high_percentile": norm[1], "transform": norm[2]},
        "tile": {"size": args.tile, "overlap": args.overlap},
        "thresholds": {"porosity": 0.5, "cold_shut": 0.5},
        "architecture": f"U-Net, {args.levels} levels, width {args.width}, fixed {args.features} input channels, "
                        + (f"at 1/{args.downscale} resolution, " if args.downscale > 1 else "")
                        + f"{sum(p.numel() for p in model.parameters())} parameters",
        "training": {
            "seed": args.seed,
            "data": facts,
            "views": len(train),
            "packed_tiles": bool(packs),
            "device": args.device,
            "steps": step,
            "batch": args.batch,
            "crop": args.crop,
            "lr": args.lr,
            "defect_weight": args.defect_weight,
            "defect_fraction": args.defect_fraction,
            "edge_fraction": args.edge_fraction,
            "cold_shut_fraction": args.cold_shut_fraction,
            "per_pore": args.per_pore,
            "relative_noise": args.relative_noise,
            "false_detection_fraction": args.false_detection_fraction,
            "missed_pore_fraction": args.missed_pore_fraction,
            "missed_pore_min_area_px": args.missed_pore_min_area,
            "mined_missed_pores": sum(len(p) for p in missed) if missed else 0,
            "mined_false_detection_px": int(sum(len(p) for p in mined)) if mined else 0,
            "mine_threshold": args.mine_threshold if mined else None,
            "mine_skip": args.mine_skip or None,
            "continued_from": earlier_stage(args.out, name, args.init, args.init_member),
            "features": args.features,
            "levels": args.levels,
            "downscale": args.downscale,
            "frozen_batch_norm": bool(frozen),
            "wall_seconds": round(wall),
            "validation_iou": val_iou,
        },
    }
    update_manifest(args.out, entry)
    print(f"wrote {path} ({os.path.getsize(path)} bytes) and manifest.json", flush=True)


if __name__ == "__main__":
    main()
