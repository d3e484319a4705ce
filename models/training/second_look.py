"""The second look: a small classifier that looks again at each pore the segmentation model finds, on a patch of the
normalised image and of the model's porosity probability centred on it, and says whether it is a pore. The
segmentation net judges pixels; small pores and dust specks of the same size differ in the pit's shading and the lit
rim, which a decision per component learns from few examples, where per-pixel loss is dominated by large pores.

    /usr/bin/python3 models/training/second_look.py mine --model models/surface-seg.onnx --data DIR --out FILE.npz
    /usr/bin/python3 models/training/second_look.py train --candidates A.npz B.npz --out models --name surface-seg

`mine` runs the segmentation model (read back by recover.py; with an ensemble file, --member names the member its
class comes from) over every view of a synth dataset, takes the porosity components at --threshold (default 0.9) of at least
--floor px (default 8), and keeps for each a PATCH + 4 px square of [image, porosity probability] centred on it and
whether it overlaps a ground-truth pore. `train` fits the classifier on the candidates of one or more datasets and
exports `<name>-second-look.onnx` (opset 13; input "patch" [N, 2, 36, 36], output "score" [N], the probability of a
pore; the patch's own mean is taken off the image channel inside the graph) and writes the `second_look` block of the
model's manifest entry. `castinspect tune` then picks the least score (`min_score`) with the rest of the operating
point. The service cuts patches exactly as `patch_origin` here does (SecondLookModel in CastInspect.Inference).
Prototyping options the service does not follow: `mine --centre nearest` (patch on the component's pixel nearest its
centroid), `mine --context K` (the component's whole box as a second input; train then fits SecondLookInContext and
exports nothing), `train --positive-fraction F` (a fixed share of each batch on true candidates) and `train --assess VAL.npz`
(the share of validation's true defects kept and the precision, per least score); docs/models.md has what they gave."""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import components, find_samples, normalise, read_grey, read_mask  # noqa: E402
from train import sha256, update_manifest  # noqa: E402

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


CLASS_IDS = {"porosity": 1, "cold_shut": 2}


def mine(args):
    from recover import shallow_model_from_onnx  # noqa: PLC0415
    torch.set_num_threads(args.threads)
    cls = CLASS_IDS[args.class_name]
    models = [shallow_model_from_onnx(args.model, 8, m).eval() for m in member_list(args.member)]
    pairs = find_samples(args.data, args.modality)[args.shard[0]::args.shard[1]]
    patches, contexts, labels, views, hits, truth = [], [], [], [], [], []
    for vi, (ip, mp) in enumerate(pairs):
        img = normalise(read_grey(ip), *args.window, args.transform)
        m = read_mask(mp)
        m = m[..., 0] if m.ndim == 3 else m
        with open(ip[:-4] + ".json") as f:
            meta = json.load(f)
        tlab, tareas = components(m == cls)
        truth.append(pore_diameters(tlab, meta) if cls == 1 else [int(a) for a in tareas[1:]])
        with torch.no_grad():
            x = torch.from_numpy(img)[None, None]
            p = (sum(torch.softmax(model(x), 1)[0, cls] for model in models) / len(models)).numpy()
        lab, areas = components(p >= args.threshold)
        size = args.patch + 2 * MARGIN
        for k in range(1, len(areas)):
            if areas[k] < args.floor:
                continue
            ys, xs = np.nonzero(lab == k)
            hit = np.unique(tlab[ys, xs])
            hit = hit[hit > 0]
            patches.append(cut(img, p, *candidate_centre(xs, ys, args.centre), size).astype(np.float16))
            if args.context:
                contexts.append(box_context(img, p, xs, ys, args.patch, args.context).astype(np.float16))
            labels.append(1 if len(hit) else 0)
            views.append(vi)
            hits.append(";".join(str(h - 1) for h in hit))
    extra = {"context": np.array(contexts).reshape(-1, 2, args.context, args.context)} if args.context else {}
    np.savez_compressed(args.out, patches=np.array(patches).reshape(-1, 2, size, size), labels=np.array(labels, np.int64), **extra,
                        view_of=np.array(views, np.int64), truth_hits=np.array(hits), truth=np.array(json.dumps(truth)),
                        class_name=np.array(args.class_name), patch_px=np.array(args.patch), centre=np.array(args.centre))
    print(f"{args.data}: {len(labels)} {args.class_name} candidates in {len(pairs)} views, {sum(labels)} on a true one", flush=True)


def member_list(spec):
    """The ensemble members `mine --member` names: none (the whole file is one net), N, or N+M+… (the class's
    probability the mean of theirs, as `ensemble.py --class-from CLASS=N+M` exports it; counting from 0 here)."""
    from ensemble import member_numbers  # noqa: PLC0415 (the one parser of N+M specs)

    if spec is None:
        return [None]
    try:
        return member_numbers(spec)
    except ValueError as e:
        raise ValueError(f"--member {e} (counting from 0)") from None


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


def assess(scores, candidates):
    """Per least score: the share of the true defects that a kept candidate overlaps (each counted once) and the
    precision of the kept candidates, over one mined file or several joined by `joined`."""
    labels, views, hits = candidates["labels"], candidates["view_of"], candidates["truth_hits"]
    total = sum(len(t) for t in json.loads(str(candidates["truth"])))
    rows = []
    for least in (0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98):
        kept = scores >= least
        found = {(int(v), h) for v, hs, k in zip(views, hits, kept) if k for h in str(hs).split(";") if h}
        rows.append((least, len(found) / max(total, 1), float(labels[kept].mean()) if kept.any() else 1.0, len(found), total))
    return rows


def pore_diameters(tlab, meta):
    """Each ground-truth pore component's equivalent diameter (mm), from the view's manifest (nearest centroid)."""
    pores = [d for d in meta["defects"] if d["class"] == "porosity"]
    out = []
    for k in range(1, tlab.max() + 1):
        ys, xs = np.nonzero(tlab == k)
        near = min(pores, key=lambda d: (d["centroid_px"][0] - xs.mean()) ** 2 + (d["centroid_px"][1] - ys.mean()) ** 2) if pores else None
        out.append(near["equivalent_diameter_mm"] if near else 2 * math.sqrt(len(ys) / math.pi) * meta["pixel_size_mm"])
    return out


class SecondLook(nn.Module):
    """Two 3×3 conv blocks per level at 36, 18 and 9 px, mean and max pooled, one hidden layer: about 25 k parameters."""

    def __init__(self, width=16):
        super().__init__()

        def block(i, o):
            return nn.Sequential(nn.Conv2d(i, o, 3, padding=1), nn.BatchNorm2d(o), nn.ReLU(),
                                 nn.Conv2d(o, o, 3, padding=1), nn.BatchNorm2d(o), nn.ReLU())
        self.features = nn.Sequential(block(2, width), nn.MaxPool2d(2), block(width, 2 * width), nn.MaxPool2d(2), block(2 * width, 2 * width))
        self.head = nn.Sequential(nn.Linear(4 * width, 32), nn.ReLU(), nn.Linear(32, 1))

    def embed(self, x):
        image = (x[:, :1] - x[:, :1].mean(dim=(2, 3), keepdim=True)) * 4
        h = self.features(torch.cat([image, x[:, 1:]], 1))
        return torch.cat([h.mean((2, 3)), h.amax((2, 3))], 1)

    def forward(self, x):
        return self.head(self.embed(x))[:, 0]


class SecondLookInContext(nn.Module):
    """A prototype the service cannot run yet: the patch as SecondLook sees it beside the component's whole box
    (`mine --context K`), each through its own conv levels, one head over both: about 50 k parameters."""

    def __init__(self, width=16):
        super().__init__()
        self.local, self.context = SecondLook(width), SecondLook(width)
        self.head = nn.Sequential(nn.Linear(8 * width, 32), nn.ReLU(), nn.Linear(32, 1))

    def forward(self, x, context):
        return self.head(torch.cat([self.local.embed(x), self.context.embed(context)], 1))[:, 0]


class Scored(nn.Module):
    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return torch.sigmoid(self.net(x))


def fit(patches, labels, steps, seed, threads=1, log=print, positive_fraction=None, context=None):
    """The classifier trained on (N, 2, PATCH + 2·MARGIN, …) candidate patches: random shifts within the margin, the
    eight rotations and flips, contrast ×0.7–1.4. Batches draw candidates uniformly, or with `positive_fraction` that
    share of each batch from the true ones. With `context` (N, 2, K, K), a SecondLookInContext, the context turned,
    flipped and scaled as its patch."""
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    size = patches.shape[-1] - 2 * MARGIN
    x = torch.from_numpy(patches.astype(np.float32))
    y = torch.from_numpy(labels.astype(np.float32))
    c = None if context is None else torch.from_numpy(context.astype(np.float32))
    net = SecondLook() if c is None else SecondLookInContext()
    opt = torch.optim.Adam(net.parameters(), lr=2e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, steps)
    t0 = time.time()
    positives, negatives = np.flatnonzero(labels == 1), np.flatnonzero(labels != 1)
    if positive_fraction is not None and not (0 < positive_fraction < 1 and len(positives) and len(negatives)):
        raise ValueError(f"positive_fraction {positive_fraction} needs to lie in (0, 1) with true and false candidates both present")
    for step in range(steps):
        if positive_fraction is None:
            idx = rng.integers(0, len(y), 64)
        else:
            k = int(round(64 * positive_fraction))
            idx = np.concatenate([rng.choice(positives, k), rng.choice(negatives, 64 - k)])
        oy, ox = rng.integers(0, 2 * MARGIN + 1, 2)
        turns = int(rng.integers(0, 4))
        flip = rng.random() < 0.5
        gain = float(rng.uniform(0.7, 1.4))

        def augmented(t):
            t = torch.rot90(t, turns, (2, 3))
            t = torch.flip(t, (3,)) if flip else t
            return torch.cat([t[:, :1] * gain, t[:, 1:]], 1)
        b = augmented(x[idx, :, oy:oy + size, ox:ox + size])
        logits = net(b) if c is None else net(b, augmented(c[idx]))
        loss = nn.functional.binary_cross_entropy_with_logits(logits, y[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 500 == 0:
            log(f"step {step} {time.time() - t0:.0f}s loss {float(loss):.4f}")
    return net.eval()


def score(net, patches, context=None):
    """The class's probability for each stored candidate, on its centred patch (the stored one less the margins) and,
    for a SecondLookInContext, its context."""
    size = patches.shape[-1] - 2 * MARGIN
    x = torch.from_numpy(patches[:, :, MARGIN:MARGIN + size, MARGIN:MARGIN + size].astype(np.float32))
    c = None if context is None else torch.from_numpy(context.astype(np.float32))
    with torch.no_grad():
        return torch.cat([torch.sigmoid(net(x[i:i + 512]) if c is None else net(x[i:i + 512], c[i:i + 512]))
                          for i in range(0, len(x), 512)]).numpy()


def train(args):
    sets = [np.load(f) for f in args.candidates]
    patches = np.concatenate([s["patches"] for s in sets])
    labels = np.concatenate([s["labels"] for s in sets])
    classes = {str(s["class_name"]) if "class_name" in s else "porosity" for s in sets}
    if len(classes) != 1 or len({s["patches"].shape[-1] for s in sets}) != 1:
        sys.exit(f"the candidate files hold {sorted(classes)} candidates of patch sizes {sorted({s['patches'].shape[-1] for s in sets})}: give files of one class and patch size")
    cls = classes.pop()
    patch = patches.shape[-1] - 2 * MARGIN
    print(f"{len(labels)} {cls} candidates, {int(labels.sum())} on a true one", flush=True)
    t0 = time.time()
    with_context = {"context" in s for s in sets}
    if len(with_context) != 1:
        sys.exit("some candidate files hold a context (mine --context) and some do not: give files mined one way")
    context = np.concatenate([s["context"] for s in sets]) if with_context.pop() else None
    net = fit(patches, labels, args.steps, args.seed, args.threads, lambda m: print(m, flush=True), args.positive_fraction, context)
    minutes = (time.time() - t0) / 60
    if context is not None:
        print(f"a look in context ({minutes:.1f} min): a prototype, not exported (the service has no context input)")
        report(net, args.assess)
        return
    file = f"{args.name}-second-look.onnx" if cls == "porosity" else f"{args.name}-second-look-{cls.replace('_', '-')}.onnx"
    path = os.path.join(args.out, file)
    torch.onnx.export(Scored(net), torch.zeros(1, 2, patch, patch), path, input_names=["patch"], output_names=["score"],
                      dynamic_axes={"patch": {0: "batch"}, "score": {0: "batch"}}, opset_version=13)
    with open(os.path.join(args.out, "manifest.json")) as f:
        entry = next(m for m in json.load(f)["models"] if m["name"] == args.name)
    looks = entry.pop("second_looks", None) or ([entry.pop("second_look")] if "second_look" in entry else [])
    before = next((x for x in looks if x["class"] == cls), {})
    look = {
        "file": file,
        "sha256": sha256(path),
        "class": cls,
        "patch_px": patch,
        "input": "patch",
        "output": "score",
        "min_score": before.get("min_score", 0.5),
        "min_area_px": args.min_area,
        **({"along_component": True} if getattr(args, "along_component", False) or before.get("along_component") else {}),
        "training": {
            "candidates": [os.path.relpath(c) for c in args.candidates],
            "candidates_count": int(len(labels)),
            "true": int(labels.sum()),
            "steps": args.steps,
            "positive_fraction": args.positive_fraction,
            "seed": args.seed,
            "minutes": round(minutes, 1),
            "command": "second_look.py " + " ".join(sys.argv[1:]),
        },
    }
    entry["second_looks"] = sorted([x for x in looks if x["class"] != cls] + [look], key=lambda x: list(CLASS_IDS).index(x["class"]))
    if getattr(args, "version", None):
        entry["version"] = args.version
    update_manifest(args.out, entry)
    print(f"wrote {path} and its manifest block ({os.path.getsize(path)} bytes)")
    report(net, args.assess)


def report(net, files):
    if files:
        held, scores = joined([np.load(f) for f in files], net)
        print(f"{' '.join(files)}: least score, share of the true defects found, precision of the kept candidates")
        for least, recall, precision, found, total in assess(scores, held):
            print(f"  >= {least:<5} recall {recall:.3f} ({found}/{total}) precision {precision:.3f}")


def joined(sets, net):
    """Mined candidate files (shards of one dataset, or several datasets) as one, each file's views numbered after the
    previous file's, with the net's score of every candidate."""
    truth, views, offset = [], [], 0
    for s in sets:
        per_view = json.loads(str(s["truth"]))
        truth += per_view
        views.append(s["view_of"] + offset)
        offset += len(per_view)
    held = {"labels": np.concatenate([s["labels"] for s in sets]), "view_of": np.concatenate(views),
            "truth_hits": np.concatenate([s["truth_hits"] for s in sets]), "truth": np.array(json.dumps(truth))}
    in_context = isinstance(net, SecondLookInContext)
    return held, np.concatenate([score(net, s["patches"], s["context"] if in_context else None) for s in sets])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    m = sub.add_parser("mine")
    m.add_argument("--model", required=True, help=".onnx segmentation model whose porosity channel is looked at again")
    m.add_argument("--member", help="with an ensemble file: the member (from 0) whose class channel is looked at, or N+M: "
                                    "the mean of those members' (an ensemble exported with --class-from CLASS=N+M, there counted from 1)")
    m.add_argument("--data", required=True)
    m.add_argument("--out", required=True)
    m.add_argument("--modality", choices=("xray", "surface"), default="surface")
    m.add_argument("--class", dest="class_name", choices=tuple(CLASS_IDS), default="porosity", help="the class looked at again")
    m.add_argument("--patch", type=int, default=PATCH, help="patch side in px (even)")
    m.add_argument("--threshold", type=float, default=0.9)
    m.add_argument("--floor", type=int, default=8)
    m.add_argument("--window", type=float, nargs=2, default=(0.5, 99.5))
    m.add_argument("--transform", choices=("linear", "sqrt"), default="linear", help="the model's normalisation transform")
    m.add_argument("--centre", choices=("centroid", "nearest"), default="centroid",
                   help="patch centre: the component's centroid (as the service cuts) or its pixel nearest the centroid")
    m.add_argument("--context", type=int, default=0, metavar="K",
                   help="also keep the component's whole box averaged down to K px (a prototype the service cannot run)")
    m.add_argument("--shard", type=int, nargs=2, default=(0, 1), metavar=("I", "N"), help="mine only views I, I+N, I+2N, … (to run N at once)")
    m.add_argument("--threads", type=int, default=1)
    t = sub.add_parser("train")
    t.add_argument("--candidates", nargs="+", required=True)
    t.add_argument("--out", required=True, help="folder with manifest.json (the models folder)")
    t.add_argument("--name", required=True, help="the segmentation model's manifest name")
    t.add_argument("--min-area", type=int, default=8, help="the --floor the candidates were mined with: smaller components are not looked at")
    t.add_argument("--steps", type=int, default=3000)
    t.add_argument("--seed", type=int, default=1)
    t.add_argument("--positive-fraction", type=float, help="share of each batch drawn from the true candidates (default: drawn uniformly)")
    t.add_argument("--assess", nargs="+", help="candidate files mined on validation views: print the share of their true defects kept and the precision per least score")
    t.add_argument("--threads", type=int, default=1)
    t.add_argument("--along-component", action="store_true",
                   help="the service also looks from patches along a long component's outline and keeps the best score (manifest along_component)")
    t.add_argument("--version", help="the segmentation model's new manifest version: a new look changes what the model package reports")
    args = ap.parse_args()
    mine(args) if args.command == "mine" else train(args)


if __name__ == "__main__":
    main()
