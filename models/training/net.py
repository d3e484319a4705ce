"""Small U-Net for defect segmentation: 1 grey channel in, class probabilities (background, porosity, cold_shut) out."""
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


class SmallUNet(nn.Module):
    """Three resolution levels. Full resolution is kept through a skip so 3 px pores survive."""

    def __init__(self, width=12, classes=3, softmax=False, features="morph"):
        super().__init__()
        w = width
        self.contrast = {"morph": MorphContrast, "local": LocalContrast}.get(features, lambda: None)()
        self.enc1 = block({"morph": 6, "local": 2}.get(features, 1), w)
        self.enc2 = block(w, 2 * w)
        self.enc3 = block(2 * w, 4 * w)
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
        d2 = self.dec2(torch.cat([self.up2(e3), e2], 1))
        d1 = self.dec1(torch.cat([self.up1(d2), e1], 1))
        logits = self.head(d1)
        return torch.softmax(logits, 1) if self.softmax else logits
