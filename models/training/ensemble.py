"""One .onnx file that averages the class probabilities of several trained models and of the eight dihedral views of
each tile (test-time augmentation), with the same input and output as a single model, so the service is unchanged.

    /usr/bin/python3 models/training/ensemble.py --member A.onnx --member B.onnx --tta 8 --name xray-seg --version 1.7.0
    /usr/bin/python3 models/training/ensemble.py --member A.onnx --member B.onnx --tta 1 --class-from cold_shut=2 ...
    /usr/bin/python3 models/training/ensemble.py --member models/surface-seg.onnx#0 --member B.onnx --tta 1 ...  (member 0 of a shipped ensemble)
    /usr/bin/python3 models/training/ensemble.py ... --class-from porosity=1 --class-from cold_shut=2+3  (a class averaged over members 2 and 3)

The members are read back with recover.py (same width; fixed input channels and levels read from each file) and must
share the normalisation window, which the manifest entry keeps from the first member. A flip or a transpose of a
square tile is exact, so every variant sees the same pixels; each member's net is run once on all variants stacked
along the batch axis. Cost: members × variants times one model's."""
import argparse
import json
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from recover import shallow_model_from_onnx  # noqa: E402
from train import CLASSES, MODELS, sha256, update_manifest  # noqa: E402

# (transpose, flip rows, flip columns): the dihedral group of the square, identity first.
DIHEDRAL = [(False, False, False), (False, False, True), (False, True, False), (False, True, True),
            (True, False, False), (True, False, True), (True, True, False), (True, True, True)]


class Dihedral(nn.Module):
    """Applies one element of the dihedral group to NCHW tensors of a fixed square size, and its inverse. Flips are
    index gathers (ONNX Gather), which every opset-13 runtime runs."""

    def __init__(self, size, transpose, flip_rows, flip_cols):
        super().__init__()
        self.transpose, self.flip_rows, self.flip_cols = transpose, flip_rows, flip_cols
        self.register_buffer("reverse", torch.arange(size - 1, -1, -1), persistent=False)

    def _flips(self, x):
        if self.flip_rows:
            x = x.index_select(2, self.reverse)
        if self.flip_cols:
            x = x.index_select(3, self.reverse)
        return x

    def forward(self, x):
        x = self._flips(x)
        return x.transpose(2, 3) if self.transpose else x

    def inverse(self, x):
        if self.transpose:
            x = x.transpose(2, 3)
        return self._flips(x)


class Ensemble(nn.Module):
    """Mean of the softmax probabilities of every member on every variant of the tile. With `class_from` (one entry
    per class, None = the mean of every member), a defect class's probability is that member's alone, or the mean of
    the members a tuple names, and background is what the defect classes leave (1 minus their sum, at least 0): each
    class from the model, or the models, that find it best."""

    def __init__(self, members, size, variants, class_from=None):
        super().__init__()
        classes = members[0].head.out_channels
        sources = [None if m is None else sources_of(m) for m in class_from] if class_from is not None else None
        if sources is not None and (len(sources) != classes or sources[0] is not None
                                    or any(s is not None and (not s or not all(0 <= i < len(members) for i in s)) for s in sources)):
            raise ValueError(f"class_from needs one entry per class, background None, each a member index (or a tuple of them) "
                             f"below {len(members)}: {class_from}")
        self.class_from = None if sources is None or all(s is None for s in sources) else sources
        if not 1 <= variants <= len(DIHEDRAL):
            raise ValueError(f"variants must be 1..{len(DIHEDRAL)}, not {variants}")
        self.members = nn.ModuleList(members)
        self.views = nn.ModuleList(Dihedral(size, *d) for d in DIHEDRAL[:variants])
        self.size, self.classes = size, members[0].head.out_channels

    def forward(self, x):
        n = x.shape[0]
        stacked = torch.cat([v(x) for v in self.views], 0)
        per_member = []
        for member in self.members:
            p = torch.softmax(member(stacked), 1)
            total = None
            for i, v in enumerate(self.views):
                back = v.inverse(p[i * n:(i + 1) * n])
                total = back if total is None else total + back
            per_member.append(total / len(self.views))
        mean = sum(per_member) / len(self.members)
        if self.class_from is not None:
            defects = [mean[:, c:c + 1] if s is None else sum(per_member[i][:, c:c + 1] for i in s) / len(s)
                       for c, s in enumerate(self.class_from) if c > 0]
            defect = torch.cat(defects, 1)
            mean = torch.cat([torch.clamp(1 - defect.sum(1, keepdim=True), min=0), defect], 1)
        return mean.reshape(-1, self.classes, self.size, self.size)  # static class and tile dimensions for the manifest check


def member_numbers(spec):
    """The numbers of a member spec `N` or `N+M+…` (each once), as `--class-from` and `second_look.py mine --member`
    take them; ValueError otherwise. Their range is the caller's to check."""
    picked = spec.split("+")
    if not all(n.isdigit() for n in picked) or len(set(picked)) != len(picked):
        raise ValueError(f"{spec}: give a member number, or several joined by + (each once)")
    return [int(n) for n in picked]


def sources_of(m):
    """The member indices a class_from entry names: one index, or a tuple or list of them."""
    return (m,) if isinstance(m, int) else tuple(m)


def fix_output_shape(path, classes, size):
    """The exporter loses the static class and tile dimensions through the gathers; the service checks them against
    the manifest, so they are written back (batch stays dynamic)."""
    import onnx  # noqa: PLC0415 (training only, like recover.py)

    graph_model = onnx.load(path)
    dims = graph_model.graph.output[0].type.tensor_type.shape.dim
    for dim, value in zip(dims[1:], (classes, size, size)):
        dim.ClearField("dim_param")
        dim.dim_value = value
    onnx.save(graph_model, path)


def window(entry):
    """The normalisation an entry's model reads, a left-out transform being the linear one."""
    return {"transform": "linear", **entry["normalisation"]}


def read_entry(path):
    folder = os.path.dirname(os.path.abspath(path))
    manifest = os.path.join(folder, "manifest.json")
    if not os.path.exists(manifest):
        return None
    with open(manifest) as f:
        return next((m for m in json.load(f)["models"] if m["file"] == os.path.basename(path)), None)


def member_spec(spec):
    """`FILE` or `FILE#N`: a trained .onnx file, or member N (counting from 0) of an ensemble file."""
    path, sep, number = spec.rpartition("#")
    return (path, int(number)) if sep and number.isdigit() else (spec, None)


def member_entry(path, number):
    """The manifest entry of member `number` of the ensemble at `path`: its own version, file hash, architecture and
    training as the ensemble's `training.ensemble` list records them; the ensemble's normalisation, tile and modality."""
    entry = read_entry(path)
    if entry is None:
        return None
    stages = entry.get("training", {}).get("ensemble") or []
    if number >= len(stages):
        raise ValueError(f"{path}: its manifest entry lists {len(stages)} ensemble members, so there is no member {number}")
    stage = stages[number]
    return {**{k: v for k, v in entry.items() if k not in ("evaluation", "tuning", "second_looks")},
            "version": stage["version"], "sha256": stage["sha256"], "training": stage.get("training"),
            "architecture": stage.get("architecture") or f"member {number} of {os.path.basename(path)}"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--member", action="append", required=True,
                    help="a trained .onnx file with its manifest.json beside it, or FILE#N: member N (from 0) of an ensemble file")
    ap.add_argument("--tta", type=int, default=8, help="dihedral variants per tile (1 = none, 4 = flips, 8 = flips and transposes)")
    ap.add_argument("--width", type=int, default=8)
    ap.add_argument("--name", required=True)
    ap.add_argument("--version", required=True)
    ap.add_argument("--out", default=MODELS)
    ap.add_argument("--tile", type=int, nargs=2, metavar=("SIZE", "OVERLAP"),
                    help="export for tiles of this size and overlap (the members are fully convolutional), not the first member's: "
                         "a net at a lower resolution sees more of its context in a larger tile")
    ap.add_argument("--class-from", action="append", default=[], metavar="CLASS=N",
                    help="take this defect class's probability from member N alone (1 = the first --member), e.g. cold_shut=2, "
                         "or the mean of several members, e.g. cold_shut=2+3")
    args = ap.parse_args()
    class_from = [None] * len(CLASSES)
    for spec in args.class_from:
        name, _, numbers = spec.partition("=")
        try:
            picked = member_numbers(numbers)
        except ValueError:
            picked = []
        if name not in CLASSES[1:] or not picked or not all(1 <= n <= len(args.member) for n in picked):
            sys.exit(f"ensemble.py: --class-from {spec}: give a defect class ({', '.join(CLASSES[1:])}) = a member number 1..{len(args.member)}, "
                     "or several joined by + (each once)")
        class_from[CLASSES.index(name)] = tuple(n - 1 for n in picked)

    specs = [member_spec(m) for m in args.member]
    entries = [read_entry(p) if n is None else member_entry(p, n) for p, n in specs]
    if any(e is None for e in entries):
        sys.exit("ensemble.py: every member needs its manifest.json entry beside it (normalisation, tile, modality)")
    first = entries[0]
    for m, e in zip(args.member, entries):
        if window(e) != window(first) or e["tile"] != first["tile"] or e["modality"] != first["modality"]:
            sys.exit(f"ensemble.py: {m} differs from {args.member[0]} in normalisation, tile or modality; members must share them")
    tile = {"size": args.tile[0], "overlap": args.tile[1]} if args.tile else first["tile"]
    if not 0 <= tile["overlap"] < tile["size"]:
        sys.exit(f"ensemble.py: --tile {tile['size']} {tile['overlap']}: the overlap must be at least 0 and less than the size")
    size = tile["size"]
    members = [shallow_model_from_onnx(p, args.width, member=n).eval() for p, n in specs]
    model = Ensemble(members, size, args.tta, class_from).eval()
    path = os.path.join(args.out, f"{args.name}.onnx")
    with torch.no_grad():
        torch.onnx.export(model, torch.zeros(1, 1, size, size), path, input_names=["image"], output_names=["probabilities"],
                          dynamic_axes={"image": {0: "batch"}, "probabilities": {0: "batch"}}, opset_version=13)
    fix_output_shape(path, model.classes, size)
    params = sum(p.numel() for p in model.parameters())

    def versions(s):
        return " + ".join(entries[i]["version"] for i in s)

    entry = {k: v for k, v in first.items() if k not in ("evaluation", "tuning", "training")}
    entry.update({
        "tile": tile,
        "input": {"name": "image", "shape": [-1, 1, size, size]},
        "output": {"name": "probabilities", "shape": [-1, len(CLASSES), size, size]},
        "name": args.name, "version": args.version, "file": f"{args.name}.onnx", "sha256": sha256(path), "classes": CLASSES,
        "architecture": (f"{len(members)} U-Nets, " + ", ".join(
                             f"{CLASSES[c]} from {versions(s)}" + (" (their mean)" if len(s) > 1 else "")
                             for c, s in enumerate(class_from) if s is not None) + ", "
                         if any(m is not None for m in class_from) else f"mean of {len(members)} U-Nets, ")
                        + f"× {args.tta} dihedral variants per tile ({params} parameters): "
                        + "; ".join(f"{e['version']}: {e['architecture']}" for e in entries),
        "training": {"ensemble": [{"version": e["version"], "sha256": e["sha256"], "architecture": e["architecture"],
                                   "training": e.get("training")} for e in entries],
                     "test_time_variants": args.tta,
                     "class_from": {CLASSES[c]: entries[s[0]]["version"] if len(s) == 1 else [entries[i]["version"] for i in s]
                                    for c, s in enumerate(class_from) if s is not None} or None},
    })
    before = read_entry(os.path.join(args.out, f"{args.name}.onnx")) or {}
    if before.get("second_looks"):
        entry["second_looks"] = before["second_looks"]
        print(f"kept the second looks at {', '.join(x['class'] for x in before['second_looks'])}: retrain them (second_look.py) when "
              "the member their class comes from changed", flush=True)
    update_manifest(args.out, entry)
    print(f"wrote {path} ({os.path.getsize(path)} bytes), {len(members)} members × {args.tta} variants", flush=True)


if __name__ == "__main__":
    main()
