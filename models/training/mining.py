"""Hard-example mining: where the model a stage starts from calls a defect on defect-free pixels (machining marks read
as seams, structure edges read as pores), and which true pores it does not find. A stage then centres a share of its
crops there."""
import numpy as np
import torch
import torch.nn.functional as F

from data import cold_shut_components, pore_components


def dilate(mask, radius):
    t = torch.from_numpy(mask.astype(np.float32))[None, None]
    k = 2 * radius + 1
    return F.max_pool2d(t, k, 1, radius)[0, 0].numpy() > 0


def probabilities(model, image):
    """The model's class probabilities over a whole view, (classes, H, W)."""
    with torch.no_grad():
        return torch.softmax(model(torch.from_numpy(image.astype(np.float32))[None, None]), 1)[0]


def false_detections(model, image, mask, guard=4, threshold=0.5):
    """Pixels the model labels porosity or cold shut (probability ≥ threshold) that are at least `guard` px from every
    ground-truth defect, as (y, x) rows."""
    called = (probabilities(model, image)[1:].max(0)[0] >= threshold).numpy()
    return np.argwhere(called & ~dilate(mask > 0, guard))


def mine(model, samples, guard=4, threshold=0.5):
    """False detections of `model` in every view of `samples` ((image, mask) pairs), one array of points per view."""
    return _per_view(model, samples, lambda img, m: false_detections(model, img, m, guard, threshold))


def away_from(points, centres, radius):
    """The (y, x) rows of `points` farther than `radius` px from every (x, y) centre of `centres`."""
    if len(points) == 0 or len(centres) == 0:
        return points
    c = np.asarray(centres, np.float64)
    d2 = (points[:, None, 1] - c[None, :, 0]) ** 2 + (points[:, None, 0] - c[None, :, 1]) ** 2
    return points[(d2 > radius * radius).all(1)]


def missed_pores(model, image, mask, threshold=0.5, min_area=1):
    """The pores of `mask` of at least `min_area` px (each as its (y, x) pixel rows) on none of whose pixels the model
    reaches `threshold`."""
    p = probabilities(model, image)[1].numpy()
    return [pts for pts in pore_components(mask) if len(pts) >= min_area and p[pts[:, 0], pts[:, 1]].max() < threshold]


def mine_missed(model, samples, threshold=0.5, min_area=1):
    """Missed pores of `model` of at least `min_area` px in every view of `samples`, one list of pores per view."""
    return _per_view(model, samples, lambda img, m: missed_pores(model, img, m, threshold, min_area))


def missed_cold_shuts(model, image, mask, threshold=0.5, max_covered=0.5):
    """The cold shuts of `mask` (each as its (y, x) pixel rows) of which the model marks less than `max_covered` of the
    pixels at cold-shut probability ≥ `threshold`: a lap marked in pieces breaks into fragments under the service's
    floor and is missed as surely as one never marked. Views without a cold shut are not run through the model."""
    if not (mask == 2).any():
        return []
    p = probabilities(model, image)[2].numpy()
    return [pts for pts in cold_shut_components(mask) if (p[pts[:, 0], pts[:, 1]] >= threshold).mean() < max_covered]


def mine_missed_cold_shuts(model, samples, threshold=0.5, max_covered=0.5):
    """Missed cold shuts of `model` in every view of `samples`, one list of laps per view."""
    return _per_view(model, samples, lambda img, m: missed_cold_shuts(model, img, m, threshold, max_covered))


def _per_view(model, samples, find):
    """`find(image, mask)` for every view, with the model in evaluation mode and put back as it was."""
    was = model.training
    model.eval()
    out = [find(img, m) for img, m in samples]
    model.train(was)
    return out
