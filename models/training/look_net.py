"""The second look's classifier: a small CNN on a candidate's [image, probability] patch that says whether the
component is a defect of its class (SecondLook), the prototype that also sees the component's whole box
(SecondLookInContext), and how both are fitted and scored."""
import time

import numpy as np
import torch
from torch import nn

from look_patches import MARGIN


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

