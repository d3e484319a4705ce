"""Small U-Net for defect segmentation: 1 grey channel in, class probabilities (background, porosity, cold_shut) out."""
import math

import numpy as np
import torch
from torch import nn


def block(cin, cout):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, padding=1, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
        nn.Conv2d(cout, cout, 3, padding=1, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
    )


class LocalContrast(nn.Module):
    """Fixed (not learned) local-contrast channel: the image minus its local mean, amplified. Pores and seams are
    small local deviations on a wall-thickness structure that spans the whole grey range, so the net sees both the
    windowed grey value and its deviation from the surroundings. Part of the exported graph: the C# side is unchanged."""

    def __init__(self, kernel=15, gain=8.0):
        super().__init__()
        self.mean = nn.AvgPool2d(kernel, stride=1, padding=kernel // 2, count_include_pad=False)
        self.gain = gain

    def forward(self, x):
        return torch.cat([x, (x - self.mean(x)) * self.gain], 1)


def _max(x, k):
    """Square max filter, separable: a k×1 then a 1×k max, so a large window costs 2k compares a pixel, not k²."""
    x = nn.functional.max_pool2d(x, (k, 1), 1, (k // 2, 0))
    return nn.functional.max_pool2d(x, (1, k), 1, (0, k // 2))


class MorphContrast(nn.Module):
    """Fixed (not learned) input channels: grey value, local contrast, and white/black top-hats at two scales of a
    lightly smoothed image. A top-hat keeps what is brighter (darker) than its surroundings AND smaller than the window,
    so structure edges, steps and wall-thickness ramps, which fill the local-contrast channel, drop out, while pores
    (bright in X-ray, dark on surfaces) and seams stay. Part of the exported graph: the C# side is unchanged."""

    def __init__(self, small=9, large=31, gain=16.0):
        super().__init__()
        self.contrast = LocalContrast()
        self.smooth = nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)
        self.small, self.large, self.gain = small, large, gain

    def forward(self, x):
        s = self.smooth(x)
        out = [self.contrast(x)]
        for k in (self.small, self.large):
            opened = _max(-_max(-s, k), k)
            closed = -_max(-_max(s, k), k)
            out += [(s - opened) * self.gain, (closed - s) * self.gain]
        return torch.cat(out, 1)


def _gaussian(sigma):
    r = max(1, int(math.ceil(3 * sigma)))
    k = torch.exp(-0.5 * (torch.arange(-r, r + 1, dtype=torch.float32) / sigma) ** 2)
    return k / k.sum()


def _line_kernels(length=13, orientations=8, width=0.8, side=3.0):
    """Zero-mean oriented line detectors: a thin ridge along one direction minus the two bands beside it, scaled so a
    1 px line of contrast 1 along the kernel gives 1. Grain and noise, which do not line up over `length` pixels,
    average out."""
    r = length // 2
    v, u = torch.meshgrid(torch.arange(-r, r + 1, dtype=torch.float32), torch.arange(-r, r + 1, dtype=torch.float32), indexing="ij")
    out = []
    for i in range(orientations):
        t = math.pi * i / orientations
        along = u * math.cos(t) + v * math.sin(t)
        across = -u * math.sin(t) + v * math.cos(t)
        segment = (along.abs() <= r).float()
        ridge = torch.exp(-0.5 * (across / width) ** 2) * segment
        bands = (torch.exp(-0.5 * ((across - side) / width) ** 2) + torch.exp(-0.5 * ((across + side) / width) ** 2)) * segment
        out.append(ridge / ridge.sum() - bands / bands.sum())
    k = torch.stack(out)[:, None]
    return k / k[0, 0, r].sum()


class LinesAndBlobs(nn.Module):
    """Fixed (not learned) channels added to MorphContrast's: bright and dark blobs (difference of Gaussians at two
    scales, a matched filter for round pores that a top-hat of a noisy image is not) and bright and dark lines (the
    strongest of 8 oriented line detectors, for seams one or two pixels wide that the 3×3 smoothing before the top-hats
    flattens). Part of the exported graph: the C# side is unchanged."""

    def __init__(self, gain=16.0):
        super().__init__()
        self.morph = MorphContrast()
        for name, sigma in (("g1", 1.0), ("g2", 2.0), ("g4", 4.0)):
            k = _gaussian(sigma)
            self.register_buffer(name + "y", k.view(1, 1, -1, 1), persistent=False)
            self.register_buffer(name + "x", k.view(1, 1, 1, -1), persistent=False)
        self.register_buffer("lines", _line_kernels(), persistent=False)
        self.gain = gain

    def _blur(self, x, name):
        ky, kx = getattr(self, name + "y"), getattr(self, name + "x")
        x = nn.functional.conv2d(nn.functional.pad(x, (0, 0, ky.shape[2] // 2, ky.shape[2] // 2), mode="replicate"), ky)
        return nn.functional.conv2d(nn.functional.pad(x, (kx.shape[3] // 2, kx.shape[3] // 2, 0, 0), mode="replicate"), kx)

    def forward(self, x):
        g1, g2, g4 = self._blur(x, "g1"), self._blur(x, "g2"), self._blur(x, "g4")
        r = self.lines.shape[2] // 2
        lines = nn.functional.conv2d(nn.functional.pad(x, (r, r, r, r), mode="replicate"), self.lines)
        return torch.cat([
            self.morph(x),
            (g1 - g2) * self.gain,
            (g2 - g4) * self.gain,
            lines.max(1, keepdim=True)[0] * self.gain,
            (-lines).max(1, keepdim=True)[0] * self.gain,
        ], 1)


class LongLines(LinesAndBlobs):
    """LinesAndBlobs' ten channels and two more: bright and dark lines from 16 oriented detectors 31 px long. A faint
    cold lap against as-cast grain lines up over its whole length while the grain does not; over 13 px the lap is one
    of many short streaks, over 31 px it is the brightest line in its neighbourhood. Added by `load_widening` to a net
    trained on `lines`, the new channels start unused."""

    def __init__(self, gain=16.0, length=31, orientations=16):
        super().__init__(gain)
        self.register_buffer("long_lines", _line_kernels(length, orientations), persistent=False)

    def forward(self, x):
        r = self.long_lines.shape[2] // 2
        lines = nn.functional.conv2d(nn.functional.pad(x, (r, r, r, r), mode="replicate"), self.long_lines)
        return torch.cat([
            super().forward(x),
            lines.max(1, keepdim=True)[0] * self.gain,
            (-lines).max(1, keepdim=True)[0] * self.gain,
        ], 1)


FEATURES = {"morph": (MorphContrast, 6), "local": (LocalContrast, 2), "lines": (LinesAndBlobs, 10), "long-lines": (LongLines, 12)}


def load_widening(model, state):
    """Loads a state dict whose first convolution saw fewer fixed input channels: the new channels start with zero
    weights, so the net computes exactly what it did and training teaches it to use them."""
    own = model.state_dict()
    key = "enc1.0.weight"
    if key in state and state[key].shape[1] < own[key].shape[1]:
        w = torch.zeros_like(own[key])
        w[:, : state[key].shape[1]] = state[key]
        state = dict(state)
        state[key] = w
    model.load_state_dict(state)


def load_deepening(model, state):
    """Loads a state dict of a net with fewer levels (and the same or fewer fixed input channels): the deeper level's
    weights keep their initial values, and since its output convolution starts at zero the net computes exactly what
    the shallower one did; training teaches it to use the wider context."""
    own = model.state_dict()
    deeper = [k for k in own if k.startswith(("enc4.", "up3.")) and k not in state]
    state = {**{k: own[k] for k in deeper}, **state}
    load_widening(model, state)


class SmallUNet(nn.Module):
    """Three or four resolution levels. Full resolution is kept through a skip so 3 px pores survive. A fourth level
    (⅛ resolution, `levels=4`) widens what each pixel sees from about ±20 px to about ±45 px, enough to tell a lone
    curved seam from a field of straight die marks; it is a residual branch on the ¼ level whose output convolution
    starts at zero, so a three-level net's weights load unchanged (`load_deepening`)."""

    def __init__(self, width=12, classes=3, softmax=False, features="morph", levels=3):
        super().__init__()
        if levels not in (3, 4):
            raise ValueError(f"levels must be 3 or 4, not {levels}")
        w = width
        make, channels = FEATURES.get(features, (lambda: None, 1))
        self.contrast = make()
        self.levels = levels
        self.enc1 = block(channels, w)
        self.enc2 = block(w, 2 * w)
        self.enc3 = block(2 * w, 4 * w)
        if levels == 4:
            self.enc4 = block(4 * w, 8 * w)
            self.up3 = nn.ConvTranspose2d(8 * w, 4 * w, 2, stride=2)
            nn.init.zeros_(self.up3.weight)
            nn.init.zeros_(self.up3.bias)
        self.pool = nn.MaxPool2d(2)
        self.up2 = nn.ConvTranspose2d(4 * w, 2 * w, 2, stride=2)
        self.dec2 = block(4 * w, 2 * w)
        self.up1 = nn.ConvTranspose2d(2 * w, w, 2, stride=2)
        self.dec1 = block(2 * w, w)
        self.head = nn.Conv2d(w, classes, 1)
        self.softmax = softmax

    def forward(self, x):
        if self.contrast is not None:
            x = self.contrast(x)
        e1 = self.enc1(x)
        e2 = self.enc2(self.pool(e1))
        e3 = self.enc3(self.pool(e2))
        if self.levels == 4:
            e3 = e3 + self.up3(self.enc4(self.pool(e3)))
        d2 = self.dec2(torch.cat([self.up2(e3), e2], 1))
        d1 = self.dec1(torch.cat([self.up1(d2), e1], 1))
        logits = self.head(d1)
        return torch.softmax(logits, 1) if self.softmax else logits


class Downscaled(nn.Module):
    """A net run at 1/`factor` of the tile's resolution: the tile is averaged over factor × factor blocks and the net's
    logits are brought back by bilinear interpolation. Each pixel then sees `factor` times as far in millimetres for
    1/factor² of the cost. A cold lap (3–20 mm) and a dust fibre (1–4 mm) are told apart by their length, which a net
    that sees ±20 px (±1.6 mm at 0.08 mm/px) cannot measure; a seam of 1–2 px averaged over 2 × 2 keeps its
    signal-to-noise ratio, since its contrast and the noise both halve. Part of the exported graph: the C# side is
    unchanged."""

    def __init__(self, net, factor=2):
        super().__init__()
        if factor < 2:
            raise ValueError(f"a downscaled net needs a factor of at least 2, not {factor}")
        self.factor = factor
        self.downscale = nn.AvgPool2d(factor)
        self.net = net
        self.softmax = False

    @property
    def head(self):
        return self.net.head

    def forward(self, x):
        h, w = x.shape[-2:]
        multiple = self.factor * (8 if self.net.levels == 4 else 4)
        pad_h, pad_w = (-h) % multiple, (-w) % multiple
        if pad_h or pad_w:
            x = nn.functional.pad(x, (0, pad_w, 0, pad_h), mode="replicate")
        logits = nn.functional.interpolate(self.net(self.downscale(x)), scale_factor=self.factor, mode="bilinear", align_corners=False)
        if pad_h or pad_w:
            logits = logits[..., :h, :w]
        return torch.softmax(logits, 1) if self.softmax else logits


def downscale_views(samples, factor):
    """(image, mask) pairs at 1/`factor` of their resolution, as `Downscaled` sees them: the image averaged over
    factor × factor blocks, the mask the largest class in each block (a cold shut over a pore), rows and columns past
    the last whole block dropped."""
    out = []
    for image, mask in samples:
        h, w = (image.shape[0] // factor) * factor, (image.shape[1] // factor) * factor
        blocks = (h // factor, factor, w // factor, factor)
        small = image[:h, :w].astype(np.float32).reshape(blocks).mean((1, 3))
        out.append((small.astype(image.dtype), mask[:h, :w].reshape(blocks).max((1, 3))))
    return out
