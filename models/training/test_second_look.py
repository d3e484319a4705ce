"""Tests of the second look's training code: patches cut where the service cuts them, candidates mined and assessed as
the service scores them, and the classifier's promises.

    /usr/bin/python3 -m unittest discover -s models/training -p "test_*.py"
"""
import argparse
import json
import os
import sys
import tempfile
import unittest

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import second_look  # noqa: E402
from look_net import SecondLook, SecondLookInContext, fit, score  # noqa: E402
from look_patches import PATCH, along_centres, box_context, candidate_centre, cut, patch_origin  # noqa: E402
from second_look import assess, best_score, joined, member_list, near_truth  # noqa: E402


class SecondLookTests(unittest.TestCase):
    def test_cut_patchOverTheTopLeftCorner_mirrorsTheImageAndZeroesTheProbability(self):
        # The same case as the service's PatchCutterTests: both sides must cut the same pixels.
        img = np.array([[0, 1, 2], [10, 11, 12], [20, 21, 22]], np.float32)

        c = cut(img, img + 1, 0.2, 0.2, 4)

        self.assertEqual((patch_origin(10.5, 7.49, 4), patch_origin(10.49, 7.5, 4)), ((9, 5), (8, 6)))
        self.assertEqual(c[0][0].tolist(), [22, 21, 20, 21])
        self.assertEqual(c[0][2].tolist(), [2, 1, 0, 1])
        self.assertEqual(c[1][0].tolist(), [0, 0, 0, 0])
        self.assertEqual(c[1][3].tolist(), [0, 0, 11, 12])

    def test_candidateCentre_arcWhoseCentroidLiesOffIt_nearestStaysOnTheArc(self):
        angles = np.linspace(0, np.pi, 60)
        xs, ys = np.round(20 + 15 * np.cos(angles)).astype(int), np.round(20 + 15 * np.sin(angles)).astype(int)
        on_arc = set(zip(xs.tolist(), ys.tolist()))

        centroid = candidate_centre(xs, ys)
        nearest = candidate_centre(xs, ys, "nearest")

        self.assertNotIn((round(centroid[0]), round(centroid[1])), on_arc)
        self.assertIn(nearest, on_arc)
        self.assertLess(abs(nearest[0] - 20), 2)

    def test_alongCentres_quarterCircleLap_pointsOnTheLapHalfAPatchApart(self):
        angles = np.linspace(0, np.pi / 2, 400)
        xs, ys = np.round(100 + 80 * np.cos(angles)).astype(int), np.round(100 + 80 * np.sin(angles)).astype(int)
        on_lap = set(zip(xs.tolist(), ys.tolist()))

        centres = along_centres(xs, ys, 64)

        self.assertGreaterEqual(len(centres), 3)
        self.assertTrue(all((int(x), int(y)) in on_lap for x, y in centres))
        self.assertTrue(all(abs(a[0] - b[0]) + abs(a[1] - b[1]) >= 32 for i, a in enumerate(centres) for b in centres[:i]))

    def test_alongCentres_componentWithinHalfAPatch_none(self):
        xs, ys = np.arange(10, 42), np.full(32, 5)

        self.assertEqual(along_centres(xs, ys, 64), [])
        self.assertEqual(len(along_centres(np.arange(10, 43), np.full(33, 5), 64)), 2)

    def test_nearTruth_pointOnTheLapOrOffIt_trueOnlyNearTheLapTheCandidateOverlaps(self):
        tlab = np.zeros((50, 100), np.int32)
        tlab[20, 10:40] = 1
        tlab[40, 60:90] = 2

        self.assertEqual(near_truth(tlab, np.array([1]), 30, 25, 8), 1)
        self.assertEqual(near_truth(tlab, np.array([1]), 70, 40, 8), 0)
        self.assertEqual(near_truth(tlab, np.array([], np.int32), 30, 20, 8), 0)

    def test_bestScore_candidateWithPatchesAlongIt_scoresTheBestOfThem(self):
        class BrightCentre(torch.nn.Module):
            def forward(self, x):
                return x[:, 0, x.shape[2] // 2, x.shape[3] // 2]

        patches = np.zeros((2, 2, PATCH + 4, PATCH + 4), np.float16)
        along = np.zeros((3, 2, PATCH + 4, PATCH + 4), np.float16)
        along[1, 0, (PATCH + 4) // 2, (PATCH + 4) // 2] = 5
        candidates = {"patches": patches, "along_patches": along, "along_of": np.array([1, 1, 0])}

        scores = best_score(BrightCentre(), candidates)

        self.assertAlmostEqual(float(scores[0]), 0.5, places=3)
        self.assertGreater(float(scores[1]), 0.99)
        self.assertAlmostEqual(float(best_score(BrightCentre(), {"patches": patches})[1]), 0.5, places=3)

    def test_memberList_noneOneOrSeveralMembers_namesThoseMembers(self):
        self.assertEqual((member_list(None), member_list("1"), member_list("1+2")), ([None], [1], [1, 2]))

    def test_memberList_aMemberTwiceOrNoNumber_raises(self):
        for spec in ("1+1", "1+", "a"):
            with self.assertRaises(ValueError):
                member_list(spec)

    def test_assess_twoLapsOneFoundTwiceAndOneFalseCandidate_countsEachLapOnce(self):
        candidates = {"labels": np.array([1, 1, 0, 1]), "view_of": np.array([0, 0, 0, 1]),
                      "truth_hits": np.array(["0", "0", "", "0"]), "truth": np.array(json.dumps([[40, 50], [60]]))}

        rows = {least: (found, total, precision) for least, _, precision, found, total in assess(np.array([0.9, 0.6, 0.6, 0.1]), candidates)}

        self.assertEqual(rows[0.05], (2, 3, 0.75))
        self.assertEqual(rows[0.5], (1, 3, 2 / 3))
        self.assertEqual(rows[0.8], (1, 3, 1.0))

    def test_joined_twoShardsEachWithALapInItsFirstView_countsTwoLaps(self):
        shard = {"patches": np.zeros((1, 2, PATCH + 4, PATCH + 4), np.float16), "labels": np.array([1]), "view_of": np.array([0]),
                 "truth_hits": np.array(["0"]), "truth": np.array(json.dumps([[40], []]))}

        held, scores = joined([shard, shard], SecondLook().eval())
        found, total = next((found, total) for least, _, _, found, total in assess(np.zeros_like(scores), held) if least == 0.02)

        self.assertEqual((held["view_of"].tolist(), len(scores)), ([0, 2], 2))
        self.assertEqual(total, 2)
        self.assertEqual(found, 0)
        self.assertEqual(assess(np.ones_like(scores), held)[0][3], 2)

    def test_boxContext_longLineInALargeView_holdsTheWholeLineAveragedDown(self):
        img = np.zeros((200, 300), np.float32)
        img[100, 50:250] = 1
        xs, ys = np.arange(50, 250), np.full(200, 100)

        c = box_context(img, img, xs, ys, 64, 32)

        self.assertEqual(c.shape, (2, 32, 32))
        self.assertAlmostEqual(float(c[0].sum()) * (250 / 32) ** 2, 200, delta=10)
        self.assertGreater(c[1, 16].sum(), 0)
        self.assertEqual(float(c[1, :12].sum()), 0.0)

    def test_fit_lapsTellableOnlyByTheirContext_learnsFromTheContext(self):
        labels = np.arange(64) % 2
        patches = self.pits_and_specks(np.zeros(64, np.int64), 5)
        context = np.random.default_rng(6).normal(0.5, 0.02, (64, 2, 16, 16)).astype(np.float32)
        context[labels == 1, 0, 8, :] -= 0.4

        net = fit(patches, labels, steps=80, seed=1, log=lambda m: None, context=context)
        s = score(net, patches, context)

        self.assertIsInstance(net, SecondLookInContext)
        self.assertGreater(s[labels == 1].min(), s[labels == 0].max())

    def test_forward_imageBrightenedEverywhere_scoresTheSame(self):
        net = SecondLook().eval()
        x = torch.rand(3, 2, PATCH, PATCH)
        brighter = torch.cat([x[:, :1] + 0.2, x[:, 1:]], 1)

        with torch.no_grad():
            self.assertTrue(torch.allclose(net(x), net(brighter), atol=1e-5))

    @staticmethod
    def pits_and_specks(labels, seed):
        """Candidate patches: a dark pit where the label is 1, a bright speck where it is 0, both marked at p = 0.99."""
        rng = np.random.default_rng(seed)
        size = PATCH + 4
        patches = rng.normal(0.5, 0.02, (len(labels), 2, size, size)).astype(np.float32)
        yy, xx = np.mgrid[:size, :size]
        disc = (yy - size // 2) ** 2 + (xx - size // 2) ** 2 < 16
        for i, label in enumerate(labels):
            patches[i, 0][disc] += -0.3 if label else 0.3
            patches[i, 1][disc] = 0.99
        return patches

    def test_fit_darkPitsAgainstBrightSpecks_learnsToTellThemApart(self):
        labels = np.arange(64) % 2
        patches = self.pits_and_specks(labels, 3)

        net = fit(patches, labels, steps=60, seed=1, log=lambda m: None)
        s = score(net, patches)

        self.assertGreater(s[labels == 1].min(), s[labels == 0].max())

    def test_fit_fewTrueCandidatesWithPositiveFraction_stillTellsThemApart(self):
        labels = (np.arange(96) % 16 == 0).astype(np.int64)
        patches = self.pits_and_specks(labels, 4)

        net = fit(patches, labels, steps=60, seed=1, log=lambda m: None, positive_fraction=0.5)
        s = score(net, patches)

        self.assertGreater(s[labels == 1].min(), s[labels == 0].max())
        with self.assertRaisesRegex(ValueError, "positive_fraction"):
            fit(patches, np.zeros(len(labels), np.int64), steps=1, seed=1, log=lambda m: None, positive_fraction=0.5)

    def test_train_coldShutCandidatesBesideAnOlderPorosityBlock_writesOneLookPerClass(self):
        with tempfile.TemporaryDirectory() as folder:
            pores = {"file": "m-second-look.onnx", "class": "porosity", "patch_px": 36, "min_score": 0.2}
            with open(os.path.join(folder, "manifest.json"), "w") as f:
                json.dump({"models": [{"name": "m", "file": "m.onnx", "second_look": pores}]}, f)
            rng = np.random.default_rng(1)
            npz = os.path.join(folder, "cs.npz")
            np.savez(npz, patches=rng.random((8, 2, 16, 16)).astype(np.float16), labels=np.arange(8) % 2,
                     class_name=np.array("cold_shut"), patch_px=np.array(12))

            second_look.train(argparse.Namespace(candidates=[npz], out=folder, name="m", min_area=32, steps=3, seed=1, threads=1,
                                                   positive_fraction=None, assess=None))

            with open(os.path.join(folder, "manifest.json")) as f:
                entry = json.load(f)["models"][0]
            self.assertNotIn("second_look", entry)
            self.assertEqual([(x["class"], x["patch_px"]) for x in entry["second_looks"]], [("porosity", 36), ("cold_shut", 12)])
            self.assertEqual(entry["second_looks"][1]["file"], "m-second-look-cold-shut.onnx")
            self.assertTrue(os.path.exists(os.path.join(folder, "m-second-look-cold-shut.onnx")))
            self.assertNotIn("version", entry)

    def test_train_candidatesWithPatchesAlongThem_trainsOnBothAndRecordsTheirCounts(self):
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "manifest.json"), "w") as f:
                json.dump({"models": [{"name": "m", "version": "1.10.0", "file": "m.onnx"}]}, f)
            rng = np.random.default_rng(4)
            npz = os.path.join(folder, "along.npz")
            np.savez(npz, patches=rng.random((8, 2, 16, 16)).astype(np.float16), labels=np.arange(8) % 2,
                     along_patches=rng.random((5, 2, 16, 16)).astype(np.float16), along_of=np.array([1, 1, 3, 0, 2]),
                     along_labels=np.array([1, 0, 1, 0, 0]), class_name=np.array("cold_shut"), patch_px=np.array(12))

            second_look.train(argparse.Namespace(candidates=[npz], out=folder, name="m", min_area=32, steps=2, seed=1, threads=1,
                                                   positive_fraction=None, assess=None, along_component=True))

            with open(os.path.join(folder, "manifest.json")) as f:
                look = json.load(f)["models"][0]["second_looks"][0]
            self.assertEqual((look["training"]["candidates_count"], look["training"]["along_patches"], look["training"]["true"]), (8, 5, 6))
            self.assertTrue(look["along_component"])

    @staticmethod
    def model_and_candidates(folder, version, class_name, patch, seed):
        """A manifest holding model "m" at `version`, and eight random candidates of `class_name` (patch + 4 px) beside it."""
        with open(os.path.join(folder, "manifest.json"), "w") as f:
            json.dump({"models": [{"name": "m", "version": version, "file": "m.onnx"}]}, f)
        rng = np.random.default_rng(seed)
        npz = os.path.join(folder, "candidates.npz")
        np.savez(npz, patches=rng.random((8, 2, patch + 4, patch + 4)).astype(np.float16), labels=np.arange(8) % 2,
                 class_name=np.array(class_name), patch_px=np.array(patch))
        return npz

    def test_train_withVersion_writesTheModelsNewVersionBesideTheLook(self):
        with tempfile.TemporaryDirectory() as folder:
            npz = self.model_and_candidates(folder, "1.9.5", "porosity", 36, seed=2)

            second_look.train(argparse.Namespace(candidates=[npz], out=folder, name="m", min_area=8, steps=3, seed=1, threads=1,
                                                   positive_fraction=None, assess=None, version="1.10.0"))

            with open(os.path.join(folder, "manifest.json")) as f:
                entry = json.load(f)["models"][0]
            self.assertEqual(("1.10.0", 8), (entry["version"], entry["second_looks"][0]["min_area_px"]))

    def test_train_alongComponentOnceThenRetrainedWithout_keepsAlongComponent(self):
        with tempfile.TemporaryDirectory() as folder:
            npz = self.model_and_candidates(folder, "1.10.0", "cold_shut", 12, seed=3)
            looks = []
            for along in (True, False):
                second_look.train(argparse.Namespace(candidates=[npz], out=folder, name="m", min_area=32, steps=2, seed=1, threads=1,
                                                       positive_fraction=None, assess=None, along_component=along))
                with open(os.path.join(folder, "manifest.json")) as f:
                    looks.append(json.load(f)["models"][0]["second_looks"][0])

            self.assertEqual([True, True], [x.get("along_component") for x in looks])


if __name__ == "__main__":
    unittest.main()
