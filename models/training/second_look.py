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
point. The service cuts patches exactly as `look_patches.patch_origin` does (SecondLookModel in CastInspect.Inference);
the classifier itself is `look_net.SecondLook`. `mine --along-component` also keeps patches at points along each long
component's outline (`look_patches.along_centres`), each true only where a true defect lies near its centre, so a look
trained on them has seen the off-centre patches the service scores with `along_component` and keeps the best of.
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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import components, find_samples, normalise, read_grey, read_mask  # noqa: E402
from look_net import Scored, SecondLookInContext, fit, score  # noqa: E402
from look_patches import MARGIN, PATCH, along_centres, box_context, candidate_centre, cut  # noqa: E402
from train import sha256, update_manifest  # noqa: E402

CLASS_IDS = {"porosity": 1, "cold_shut": 2}


def mine(args):
    from recover import shallow_model_from_onnx  # noqa: PLC0415
    if args.context and args.along_component:
        sys.exit("mine --context and --along-component do not go together: the context prototype looks from the centroid only")
    torch.set_num_threads(args.threads)
    cls = CLASS_IDS[args.class_name]
    models = [shallow_model_from_onnx(args.model, 8, m).eval() for m in member_list(args.member)]
    pairs = find_samples(args.data, args.modality)[args.shard[0]::args.shard[1]]
    patches, contexts, labels, views, hits, truth = [], [], [], [], [], []
    along, along_of, along_labels = [], [], []
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
            if args.along_component:
                for cx, cy in along_centres(xs, ys, args.patch):
                    along.append(cut(img, p, cx, cy, size).astype(np.float16))
                    along_of.append(len(labels) - 1)
                    along_labels.append(near_truth(tlab, hit, cx, cy, args.patch // 8))
    extra = {"context": np.array(contexts).reshape(-1, 2, args.context, args.context)} if args.context else {}
    if args.along_component:
        extra |= {"along_patches": np.array(along).reshape(-1, 2, size, size), "along_of": np.array(along_of, np.int64),
                  "along_labels": np.array(along_labels, np.int64)}
    np.savez_compressed(args.out, patches=np.array(patches).reshape(-1, 2, size, size), labels=np.array(labels, np.int64), **extra,
                        view_of=np.array(views, np.int64), truth_hits=np.array(hits), truth=np.array(json.dumps(truth)),
                        class_name=np.array(args.class_name), patch_px=np.array(args.patch), centre=np.array(args.centre))
    print(f"{args.data}: {len(labels)} {args.class_name} candidates in {len(pairs)} views, {sum(labels)} on a true one"
          + (f"; {len(along)} patches along them, {sum(along_labels)} on a true one" if args.along_component else ""), flush=True)


def near_truth(tlab, hit, cx, cy, reach):
    """1 when a pixel of one of the true defects the candidate overlaps (`hit`, labels of `tlab`) lies within `reach`
    px (Chebyshev) of (cx, cy): a patch cut there shows that defect, not only the candidate's other end."""
    if not len(hit):
        return 0
    x, y = int(round(cx)), int(round(cy))
    window = tlab[max(y - reach, 0):y + reach + 1, max(x - reach, 0):x + reach + 1]
    return int(np.isin(window, hit).any())


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


def train(args):
    sets = [np.load(f) for f in args.candidates]
    patches = np.concatenate([s["patches"] for s in sets] + [s["along_patches"] for s in sets if "along_patches" in s])
    labels = np.concatenate([s["labels"] for s in sets] + [s["along_labels"] for s in sets if "along_patches" in s])
    classes = {str(s["class_name"]) if "class_name" in s else "porosity" for s in sets}
    if len(classes) != 1 or len({s["patches"].shape[-1] for s in sets}) != 1:
        sys.exit(f"the candidate files hold {sorted(classes)} candidates of patch sizes {sorted({s['patches'].shape[-1] for s in sets})}: give files of one class and patch size")
    cls = classes.pop()
    patch = patches.shape[-1] - 2 * MARGIN
    along = sum(len(s["along_of"]) for s in sets if "along_patches" in s)
    print(f"{len(labels) - along} {cls} candidates and {along} patches along them, {int(labels.sum())} on a true one", flush=True)
    t0 = time.time()
    with_context = {"context" in s for s in sets}
    if len(with_context) != 1:
        sys.exit("some candidate files hold a context (mine --context) and some do not: give files mined one way")
    if along and True in with_context:
        sys.exit("candidate files with a context (mine --context) cannot also hold patches along the component")
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
            "candidates_count": int(len(labels) - along),
            "along_patches": int(along),
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
    return held, np.concatenate([best_score(net, s, in_context) for s in sets])


def best_score(net, candidates, in_context=False):
    """Each candidate's score as the service gives it: its centred patch's, or with patches along it (mined with
    --along-component) the best of those and the centred one's."""
    scores = score(net, candidates["patches"], candidates["context"] if in_context else None)
    if "along_patches" in candidates and len(candidates["along_of"]):
        np.maximum.at(scores, candidates["along_of"], score(net, candidates["along_patches"]))
    return scores


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
    m.add_argument("--along-component", action="store_true",
                   help="also keep patches at points along each long component's outline, as the service looks with along_component")
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
