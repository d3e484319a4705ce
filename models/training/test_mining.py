"""Tests of mining.py and the sampler's mined crops: look-alikes and missed flaws found where the model errs.

    /usr/bin/python3 -m unittest discover -s models/training -p "test_*.py"
"""
import os
import sys
import unittest
from unittest import mock

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import Sampler  # noqa: E402
from mining import away_from, mine, mine_missed, mine_missed_cold_shuts  # noqa: E402


class BrightIsPorosity(torch.nn.Module):
    """A stand-in model that calls every bright pixel a pore: logits (background, porosity, cold shut)."""

    def forward(self, x):
        return torch.cat([0.5 - x, x - 0.5, torch.full_like(x, -9.0)], 1) * 20


class MiningTests(unittest.TestCase):
    def setUp(self):
        self.img = np.zeros((120, 120), np.float16)
        self.img[20:26, 20:26] = 1  # a true pore
        self.img[80:84, 90:94] = 1  # a look-alike the model calls a pore
        self.mask = np.zeros((120, 120), np.uint8)
        self.mask[20:26, 20:26] = 1

    def test_mine_brightLookAlike_findsItAndNothingNearTheTruePore(self):
        (pts,) = mine(BrightIsPorosity(), [(self.img, self.mask)])

        self.assertEqual(len(pts), 16)
        self.assertTrue(((pts[:, 0] >= 80) & (pts[:, 0] < 84) & (pts[:, 1] >= 90) & (pts[:, 1] < 94)).all())

    def test_mine_faintLookAlikeAtTheServicesThreshold_isMinedThereAndNotAtOneHalf(self):
        img = self.img.copy()
        img[80:84, 90:94] = 0.45  # porosity probability about 0.12

        (at_half,) = mine(BrightIsPorosity(), [(img, self.mask)])
        (at_service,) = mine(BrightIsPorosity(), [(img, self.mask)], threshold=0.1)

        self.assertEqual(len(at_half), 0)
        self.assertEqual(len(at_service), 16)

    def test_batch_falseDetectionShare_cropsHoldTheLookAlike(self):
        rng = np.random.default_rng(3)
        mined = mine(BrightIsPorosity(), [(self.img, self.mask)])
        sampler = Sampler([(self.img, self.mask)], 32, rng, defect_fraction=0.0, false_detections=mined, false_detection_fraction=1.0)

        with mock.patch("data.augment", lambda a, *_: a):
            x, y = sampler.batch(12)

        self.assertFalse((y > 0).any())
        self.assertTrue(all((xi > 0.5).any() for xi in x))

    def test_minemissed_faintPoreAndBrightPore_returnsOnlyTheFaintOne(self):
        img = self.img.copy()
        mask = self.mask.copy()
        mask[60:64, 60:64] = 1  # a pore too faint for the model: the image stays dark there
        img[60:64, 60:64] = 0.3

        (missed,) = mine_missed(BrightIsPorosity(), [(img, mask)])

        self.assertEqual(len(missed), 1)
        self.assertEqual(set(map(tuple, missed[0])), {(y, x) for y in range(60, 64) for x in range(60, 64)})

    def test_awayfrom_pointsNearALookAlike_areDropped(self):
        points = np.array([[10, 10], [10, 40], [50, 12]])  # (y, x)

        kept = away_from(points, [(12, 10)], 5)  # (x, y)

        self.assertEqual(kept.tolist(), [[10, 40], [50, 12]])
        self.assertEqual(away_from(points, [], 5).tolist(), points.tolist())

    def test_minemissed_poreBelowMinArea_isNotMined(self):
        img = self.img.copy()
        mask = self.mask.copy()
        mask[60:64, 60:64] = 1  # 16 px, missed

        self.assertEqual([len(v) for v in mine_missed(BrightIsPorosity(), [(img, mask)], min_area=16)], [1])
        self.assertEqual([len(v) for v in mine_missed(BrightIsPorosity(), [(img, mask)], min_area=17)], [0])

    def test_batch_missedPoreShare_cropsHoldTheMissedPore(self):
        rng = np.random.default_rng(6)
        mask = self.mask.copy()
        mask[90:93, 30:33] = 1
        missed = [[np.argwhere(mask[85:100, 25:40] == 1) + [85, 25]]]
        sampler = Sampler([(self.img, mask)], 24, rng, defect_fraction=1.0, per_pore=True, missed_pores=missed, missed_pore_fraction=1.0)

        with mock.patch("data.augment", lambda a, *_: a):
            x, y = sampler.batch(12)

        self.assertTrue(all((y[i] == 1).any() for i in range(12)))
        self.assertFalse((x > 0.5).any())  # never the bright pore the model finds


class BrightIsColdShut(torch.nn.Module):
    """A stand-in model that calls every bright pixel a cold shut, and counts how often it is run."""

    def __init__(self):
        super().__init__()
        self.runs = 0

    def forward(self, x):
        self.runs += 1
        return torch.cat([0.5 - x, torch.full_like(x, -9.0), x - 0.5], 1) * 20


class MissedColdShutTests(unittest.TestCase):
    def setUp(self):
        self.img = np.zeros((120, 120), np.float16)
        self.mask = np.zeros((120, 120), np.uint8)
        self.mask[20, 10:50] = 2  # a lap the model marks whole
        self.img[20, 10:50] = 1
        self.mask[70, 10:50] = 2  # a lap the model marks a quarter of: it breaks into a fragment
        self.img[70, 10:20] = 1

    def test_minemissedcoldshuts_lapMarkedInPart_isMinedAndTheWholeLapIsNot(self):
        (missed,) = mine_missed_cold_shuts(BrightIsColdShut(), [(self.img, self.mask)])

        self.assertEqual(len(missed), 1)
        self.assertEqual(set(map(tuple, missed[0])), {(70, x) for x in range(10, 50)})

    def test_minemissedcoldshuts_lapMarkedOverHalf_isNotMined(self):
        img = self.img.copy()
        img[70, 10:32] = 1  # 22 of 40 px

        self.assertEqual([len(v) for v in mine_missed_cold_shuts(BrightIsColdShut(), [(img, self.mask)])], [0])

    def test_minemissedcoldshuts_viewWithoutColdShut_isNotRunThroughTheModel(self):
        model = BrightIsColdShut()
        mask = np.where(self.mask == 2, 1, 0).astype(np.uint8)  # the same lines labelled as pores

        self.assertEqual(mine_missed_cold_shuts(model, [(self.img, mask)]), [[]])
        self.assertEqual(model.runs, 0)

    def test_batch_missedColdShutShare_cropsHoldTheMissedLap(self):
        rng = np.random.default_rng(8)
        img = np.zeros((120, 120), np.float16)
        mask = np.zeros((120, 120), np.uint8)
        mask[19:22, 10:50] = 2
        img[19:22, 10:50] = 1  # a lap the model finds: bright
        mask[69:72, 10:50] = 2  # the missed one: dark
        missed = [[np.argwhere(mask[60:80] == 2) + [60, 0]]]
        sampler = Sampler([(img, mask)], 24, rng, defect_fraction=1.0, cold_shut_fraction=1.0,
                          missed_cold_shuts=missed, missed_cold_shut_fraction=1.0)

        with mock.patch("data.augment", lambda a, *_: a):
            x, y = sampler.batch(12)

        self.assertTrue(all((y[i] == 2).any() for i in range(12)))
        self.assertFalse((x > 0.5).any())  # never the lap the model finds


if __name__ == "__main__":
    unittest.main()
