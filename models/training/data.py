"""Loading synth datasets and the augmentations that make a synthetic-only model hold on real radiographs."""
import json
import math
import os

import numpy as np
from PIL import Image


def read_grey(path):
    """Reads an 8- or 16-bit grey PNG/TIFF as float32 in its native grey values."""
    with Image.open(path) as im:
        if im.mode in ("I;16", "I;16B", "I;16L", "I"):
            a = np.array(im, dtype=np.float32)
        elif im.mode == "L":
            a = np.array(im, dtype=np.float32)
        else:
            a = np.array(im.convert("L"), dtype=np.float32)
    return a


def read_mask(path):
    with Image.open(path) as im:
        return np.array(im, dtype=np.uint8)


TRANSFORMS = ("linear", "sqrt")


def normalise(image, low_percentile, high_percentile, transform="linear"):
    """Percentile window to [0, 1], clipped: must match CastInspect.Imaging (docs/normalisation.md). With `sqrt` the
    grey values between the percentiles map by their square roots: on a quantum-limited X-ray detector that makes the
    noise the same at every wall thickness, so a pore in a thick rib is as large against the noise as it is in the raw
    counts instead of crushed to a few thousandths of the window."""
    if transform not in TRANSFORMS:
        raise ValueError(f"unknown normalisation transform {transform!r}; expected one of {', '.join(TRANSFORMS)}")
    lo, hi = percentile_window(image, low_percentile, high_percentile)
    if hi <= lo:
        return np.zeros_like(image, dtype=np.float32)
    if transform == "sqrt":
        v, lo, hi = np.sqrt(np.maximum(image, 0).astype(np.float64)), math.sqrt(max(lo, 0)), math.sqrt(max(hi, 0))
        return np.clip((v - lo) / (hi - lo), 0.0, 1.0).astype(np.float32)
    return np.clip((image - lo) / (hi - lo), 0.0, 1.0).astype(np.float32)


def percentile_window(image, low_percentile, high_percentile):
    flat = np.sort(image.reshape(-1))
    n = flat.size

    def at(p):
        # nearest rank on the sorted samples, as the C# reference does
        k = int(math.floor(p / 100.0 * (n - 1) + 0.5))
        return float(flat[min(max(k, 0), n - 1)])

    return at(low_percentile), at(high_percentile)


def find_samples(root, modality):
    """(image path, mask path) pairs of one modality in a synth dataset (see ground truth layout in docs/models.md)."""
    manifest = os.path.join(root, "dataset.json")
    pairs = []
    if os.path.exists(manifest):
        with open(manifest) as f:
            ds = json.load(f)
        for part in ds["parts"]:
            for view in part["views"]:
                with open(os.path.join(root, view["manifest"])) as f:
                    if json.load(f)["modality"] != modality:
                        continue
                pairs.append((os.path.join(root, view["image"]), os.path.join(root, view["mask"])))
        return pairs
    for dirpath, _, files in os.walk(root):
        for name in sorted(files):
            if name.endswith(".png") and not name.endswith("_mask.png") and not name.endswith(".mask.png"):
                stem = name[:-4]
                for cand in (stem + "_mask.png", stem + ".mask.png"):
                    mp = os.path.join(dirpath, cand)
                    if os.path.exists(mp):
                        pairs.append((os.path.join(dirpath, name), mp))
    return [p for p in pairs if modality in p[0].lower().replace("-", "")] or pairs


def dataset_facts(root):
    """What a synth dataset folder was drawn with (its dataset.json), for a model's manifest entry."""
    path = os.path.join(root, "dataset.json")
    if not os.path.exists(path):
        return {"folder": root}
    with open(path) as f:
        ds = json.load(f)
    keys = ("generator", "generator_version", "part_number", "seed", "count", "defect_rate", "modality")
    return {k: ds.get(k) for k in keys}


def load_pack(path, norm, modality):
    """The tiles of a file written by pack.py as (image, mask) views like `load`'s, and the file's facts. The tiles were
    normalised when packed, so the pack must have been made with the window and transform `norm` asks for."""
    with np.load(path) as z:
        meta = json.loads(str(z["meta"]))
        if meta["modality"] != modality:
            raise ValueError(f"{path} holds {meta['modality']} tiles, not {modality}")
        if (list(meta["window"]), meta["transform"]) != (list(norm[:2]), norm[2] if len(norm) > 2 else "linear"):
            raise ValueError(f"{path} was packed with --window {meta['window'][0]} {meta['window'][1]} --transform {meta['transform']}: "
                             "train with the same or pack the views again")
        images, masks = z["images"], z["masks"]
    views = [((img.astype(np.float32) / meta["scale"]).astype(np.float16), m) for img, m in zip(images, masks)]
    return views, meta


def load(pairs, norm):
    """(image, mask) pairs of `pairs` read and normalised by `norm`: (low percentile, high percentile[, transform])."""
    out = []
    for img, mask in pairs:
        a = normalise(read_grey(img), *norm)
        m = read_mask(mask)
        if m.ndim == 3:
            m = m[..., 0]
        out.append((a.astype(np.float16), np.minimum(m, 2)))
    return out


def structure_points(img, mask, rng, keep=4000):
    """Hard negatives: defect-free pixels on the strongest grey-value edges (structure steps, holes, ribs, machining
    marks), where an under-trained model calls pores and seams."""
    a = img.astype(np.float32)
    g = np.abs(np.diff(a, axis=0, append=a[-1:])) + np.abs(np.diff(a, axis=1, append=a[:, -1:]))
    g[mask > 0] = 0
    pts = np.argwhere(g > np.percentile(g, 98))
    if len(pts) > keep:
        pts = pts[rng.choice(len(pts), keep, replace=False)]
    return pts


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


def pore_components(mask):
    """The pixel coordinates of each pore: one sort of the labelled pixels, not a scan of the view per pore."""
    return class_components(mask, 1)


def cold_shut_components(mask):
    """The pixel coordinates of each cold shut (8-connected), as `pore_components`."""
    return class_components(mask, 2)


def class_components(mask, cls):
    lab, _ = components(mask == cls)
    pts = np.argwhere(lab > 0)
    if not len(pts):
        return []
    order = np.argsort(lab[pts[:, 0], pts[:, 1]], kind="stable")
    pts = pts[order]
    starts = np.flatnonzero(np.diff(lab[pts[:, 0], pts[:, 1]])) + 1
    return np.split(pts, starts)


class Sampler:
    """Random crops: a share centred near a defect so small pores are seen often, a share centred on structure edges
    and a share on mined false detections (hard negatives), the rest anywhere."""

    def __init__(self, samples, crop, rng, defect_fraction=0.7, edge_fraction=0.0, cold_shut_fraction=0.0, per_pore=False,
                 false_detections=None, false_detection_fraction=0.0, relative_noise=False, missed_pores=None, missed_pore_fraction=0.0,
                 missed_cold_shuts=None, missed_cold_shut_fraction=0.0):
        self.samples = samples
        self.relative_noise = relative_noise
        self.crop = crop
        self.rng = rng
        self.defect_fraction = defect_fraction
        self.edge_fraction = edge_fraction
        self.cold_shut_fraction = cold_shut_fraction
        self.defects = [np.argwhere(m > 0) for _, m in samples]
        self.cold_shuts = [np.argwhere(m == 2) for _, m in samples]
        self.pores = [pore_components(m) for _, m in samples] if per_pore else [[] for _ in samples]
        self.cold_shut_views = [i for i, pts in enumerate(self.cold_shuts) if len(pts)]
        self.edges = [structure_points(i, m, rng) for i, m in samples] if edge_fraction > 0 else None
        self.false_detections = false_detections or [np.zeros((0, 2), np.int64) for _ in samples]
        self.false_detection_views = [i for i, pts in enumerate(self.false_detections) if len(pts)]
        self.false_detection_fraction = false_detection_fraction if self.false_detection_views else 0.0
        self.missed_pores = missed_pores or [[] for _ in samples]
        self.missed_pore_views = [i for i, pores in enumerate(self.missed_pores) if len(pores)]
        self.missed_pore_fraction = missed_pore_fraction if self.missed_pore_views else 0.0
        self.missed_cold_shuts = missed_cold_shuts or [[] for _ in samples]
        self.missed_cold_shut_views = [i for i, laps in enumerate(self.missed_cold_shuts) if len(laps)]
        self.missed_cold_shut_fraction = missed_cold_shut_fraction if self.missed_cold_shut_views else 0.0

    @property
    def targeted(self):
        """The share of crops centred on a chosen point (defect, edge or false detection); the rest fall anywhere."""
        return self.defect_fraction + self.edge_fraction + self.false_detection_fraction

    def crop_one(self):
        rng = self.rng
        pick = rng.random()
        i = rng.integers(len(self.samples))
        pts = self.defects[i]
        if pick < self.defect_fraction and self.cold_shut_views and rng.random() < self.cold_shut_fraction:
            # Cold shuts are in few views and thin: without this a crop lands on one a few times in a hundred.
            if self.missed_cold_shut_views and rng.random() < self.missed_cold_shut_fraction:
                # Hard positives: a lap the model this stage starts from marks too little of to be called.
                i = self.missed_cold_shut_views[rng.integers(len(self.missed_cold_shut_views))]
                pts = self.missed_cold_shuts[i][rng.integers(len(self.missed_cold_shuts[i]))]
            else:
                i = self.cold_shut_views[rng.integers(len(self.cold_shut_views))]
                pts = self.cold_shuts[i]
        elif pick < self.defect_fraction and self.missed_pore_views and rng.random() < self.missed_pore_fraction:
            # Hard positives: a pore the model this stage starts from does not find (in a thick rib, beside an edge).
            i = self.missed_pore_views[rng.integers(len(self.missed_pore_views))]
            pts = self.missed_pores[i][rng.integers(len(self.missed_pores[i]))]
        elif pick < self.defect_fraction and self.pores[i]:
            # A pore at a time, not a pixel at a time: small pores, the ones recall is short of, come up as often as large ones.
            pts = self.pores[i][rng.integers(len(self.pores[i]))]
        elif self.defect_fraction <= pick < self.defect_fraction + self.edge_fraction:
            pts = self.edges[i]
        elif self.defect_fraction + self.edge_fraction <= pick < self.targeted:
            i = self.false_detection_views[rng.integers(len(self.false_detection_views))]
            pts = self.false_detections[i]
        img, mask = self.samples[i]
        scale = rng.uniform(0.8, 1.2)
        src = int(round(self.crop / scale))
        h, w = img.shape
        src = min(src, h, w)
        if len(pts) and pick < self.targeted:
            cy, cx = pts[rng.integers(len(pts))]
            y = int(cy - rng.integers(src // 8, src - src // 8))
            x = int(cx - rng.integers(src // 8, src - src // 8))
        else:
            y = int(rng.integers(0, h - src + 1))
            x = int(rng.integers(0, w - src + 1))
        y = min(max(y, 0), h - src)
        x = min(max(x, 0), w - src)
        ci = img[y:y + src, x:x + src].astype(np.float32)
        cm = mask[y:y + src, x:x + src]
        if src != self.crop:
            ci = np.array(Image.fromarray(ci).resize((self.crop, self.crop), Image.BILINEAR), dtype=np.float32)
            cm = np.array(Image.fromarray(cm).resize((self.crop, self.crop), Image.NEAREST), dtype=np.uint8)
        k = rng.integers(4)
        ci, cm = np.rot90(ci, k), np.rot90(cm, k)
        if rng.random() < 0.5:
            ci, cm = ci[:, ::-1], cm[:, ::-1]
        return augment(np.ascontiguousarray(ci), rng, self.relative_noise), np.ascontiguousarray(cm)

    def batch(self, n):
        xs, ys = zip(*(self.crop_one() for _ in range(n)))
        return np.stack(xs)[:, None], np.stack(ys).astype(np.int64)


def blur(a, sigma):
    r = max(1, int(math.ceil(2.5 * sigma)))
    k = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    k /= k.sum()
    p = np.pad(a, r, mode="reflect")
    p = np.apply_along_axis(lambda v: np.convolve(v, k, mode="valid"), 0, p)
    return np.apply_along_axis(lambda v: np.convolve(v, k, mode="valid"), 1, p).astype(np.float32)


def noise_sigma(a):
    """The pixel noise of an image, robust to edges: the median absolute second difference along rows, as a Gaussian
    σ (a second difference of white noise has σ √6 times the pixel's)."""
    d = a[:, 2:] - 2 * a[:, 1:-1] + a[:, :-2]
    return float(np.median(np.abs(d))) / 0.6745 / np.sqrt(6.0)


def augment(a, rng, relative_noise=False):
    """What real detectors do that the generator may not: window, gamma, blur, noise, vignetting, 8-bit, inversion.

    Noise is added with σ 0.5–4 % of the range, or with `relative_noise` up to 1.5 times the crop's own noise
    (`noise_sigma`). On X-ray views the generator's noise is about 0.55 % of the window, so the absolute range made
    the noise up to 7 times larger and a pore of d′ 20 fell below the Rose criterion while its label still said pore:
    half of the crops taught the net that faint pores are not there to be seen. The relative range keeps every flaw
    above d′ 5 / 1.8; the generator itself varies the noise about 2.6 times between views."""
    if rng.random() < 0.3:
        a = blur(a, rng.uniform(0.4, 1.0))
    if rng.random() < 0.5:
        a = np.power(np.clip(a, 0, 1), rng.uniform(0.6, 1.6))
    if rng.random() < 0.6:
        c = rng.uniform(0.6, 1.3)
        a = (a - 0.5) * c + 0.5 + rng.uniform(-0.1, 0.1)
    if rng.random() < 0.4:
        h, w = a.shape
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        cy, cx = rng.uniform(-h, 2 * h), rng.uniform(-w, 2 * w)
        r2 = ((yy - cy) ** 2 + (xx - cx) ** 2) / (4.0 * max(h, w) ** 2)
        a = a * (1.0 - rng.uniform(0.1, 0.4) * np.minimum(r2, 1.0))
    if rng.random() < 0.5:
        sigma = rng.uniform(0, 1.5) * max(noise_sigma(a), 0.002) if relative_noise else rng.uniform(0.005, 0.04)
        a = a + rng.normal(0, sigma, a.shape).astype(np.float32)
    if rng.random() < 0.3:
        a = np.round(np.clip(a, 0, 1) * 255.0) / 255.0
    if rng.random() < 0.2:
        a = 1.0 - a
    return np.clip(a, 0, 1).astype(np.float32)
