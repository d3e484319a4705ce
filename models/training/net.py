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


class SmallUNet(nn.Module):
    """Three resolution levels. Full resolution is kept through a skip so 3 px pores survive."""

    def __init__(self, width=12, classes=3, softmax=False, local_contrast=True):
        super().__init__()
        w = width
        self.contrast = LocalContrast() if local_contrast else None
        self.enc1 = block(2 if local_contrast else 1, w)
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
