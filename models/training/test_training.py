"""Tests of the training code: what the shipped ONNX files and the C# side rely on, and the sampler's promises
(mining, ensembles and the second look have their own test files).

    /usr/bin/python3 -m unittest discover -s models/training -p "test_*.py"
"""
import argparse
import json
import os
import sys
import tempfile
import unittest
from unittest import mock

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import Sampler, augment, components, noise_sigma, normalise, pore_components  # noqa: E402
from net import Downscaled, LongLines, SmallUNet, _line_kernels, downscale_views, load_deepening, load_widening  # noqa: E402
from recover import freeze_batch_norm, shallow_model_from_onnx  # noqa: E402
from train import earlier_stage, export, initial_model, prepare_out  # noqa: E402
from ensemble_fixtures import export_ensemble, two_member_ensemble  # noqa: E402


class NormaliseTests(unittest.TestCase):
    def test_normalise_percentileWindow_mapsNearestRankPercentilesToZeroAndOneClipped(self):
        image = np.arange(1001, dtype=np.float32)  # nearest rank: 0.5 % -> 5, 99.5 % -> 995

        out = normalise(image, 0.5, 99.5)

        self.assertEqual(out[5], 0.0)
        self.assertEqual(out[995], 1.0)
        self.assertEqual(out[0], 0.0)
        self.assertEqual(out[1000], 1.0)
        self.assertAlmostEqual(float(out[500]), 495 / 990, places=6)

    def test_normalise_flatImage_isAllZero(self):
        self.assertFalse(normalise(np.full((8, 8), 7, np.float32), 0.5, 99.5).any())

    def test_normalise_sqrt_mapsSquareRootsOfTheWindowLikeTheCSharpSide(self):
        image = np.arange(100, 10101, 10, dtype=np.float32)  # 0 % -> 100, 100 % -> 10100

        out = normalise(image, 0, 100, "sqrt")

        self.assertEqual(out[0], 0.0)
        self.assertEqual(out[-1], 1.0)
        self.assertAlmostEqual(float(out[240]), (np.sqrt(2500) - 10) / (np.sqrt(10100) - 10), places=6)

    def test_normalise_unknownTransform_raisesNamingIt(self):
        with self.assertRaisesRegex(ValueError, "'log'"):
            normalise(np.arange(10, dtype=np.float32), 0, 100, "log")


class NoiseTests(unittest.TestCase):
    def setUp(self):
        rng = np.random.default_rng(4)
        ramp = np.tile(np.linspace(0.2, 0.8, 96, dtype=np.float32), (96, 1))
        ramp[:, 48:] += 0.1  # a structure step: an edge must not count as noise
        self.noisy = (ramp + rng.normal(0, 0.01, ramp.shape)).astype(np.float32)

    def test_noisesigma_whiteNoiseOnRampWithStep_estimatesItsSigma(self):
        self.assertAlmostEqual(noise_sigma(self.noisy), 0.01, delta=0.0015)

    def test_augment_relativeNoise_addsAtMostOneAndAHalfTimesTheCropsOwnNoise(self):
        rng = np.random.default_rng(9)
        with mock.patch("data.blur", lambda a, _: a):
            added = [noise_sigma(augment(self.noisy.copy(), rng, relative_noise=True)) for _ in range(60)]

        self.assertLess(max(added), 0.01 * np.sqrt(1 + 1.5 ** 2) * 1.3 * 1.25)  # contrast ≤ 1.3, gamma, estimator spread
        self.assertGreater(max(added), 0.012)


class ComponentTests(unittest.TestCase):
    def test_components_diagonalNeighbours_areOneComponent(self):
        b = np.zeros((5, 5), bool)
        b[0, 0] = b[1, 1] = b[4, 4] = True

        lab, areas = components(b)

        self.assertEqual(lab[0, 0], lab[1, 1])
        self.assertNotEqual(lab[0, 0], lab[4, 4])
        self.assertEqual(sorted(areas[1:].tolist()), [1, 2])

    def test_porecomponents_threePoresAndASeam_givesEachPoresPixelsOnly(self):
        mask = np.zeros((20, 20), np.uint8)
        mask[1:3, 1:3] = 1
        mask[10, 10:14] = 1
        mask[15:19, 2] = 1
        mask[5, :] = 2  # a cold shut is not a pore

        pores = pore_components(mask)

        self.assertEqual(sorted(len(p) for p in pores), [4, 4, 4])
        for p in pores:
            self.assertTrue((mask[p[:, 0], p[:, 1]] == 1).all())


class NetTests(unittest.TestCase):
    def assertComputesTheSame(self, first, second, atol=1e-6):
        x = torch.rand(2, 1, 64, 64)
        with torch.no_grad():
            self.assertTrue(torch.allclose(first(x), second(x), atol=atol))

    def test_linekernels_unitLineAlongTheKernel_respondsOneAndFlatGreyZero(self):
        k = _line_kernels()
        r = k.shape[2] // 2
        line = torch.zeros(1, 1, k.shape[2], k.shape[3])
        line[0, 0, r, :] = 1

        self.assertAlmostEqual(float((k[0] * line[0]).sum()), 1.0, places=5)
        self.assertTrue(torch.allclose(k.sum(dim=(1, 2, 3)), torch.zeros(k.shape[0]), atol=1e-5))

    def test_loadwidening_morphWeightsIntoLinesNet_computesTheSameProbabilities(self):
        torch.manual_seed(3)
        morph = SmallUNet(8, features="morph").eval()
        lines = SmallUNet(8, features="lines").eval()

        load_widening(lines, morph.state_dict())

        self.assertComputesTheSame(morph, lines)

    def test_longlines_faintLapInGrain_standsOutOverThirtyOnePixelsWhereThirteenDoNot(self):
        rng = np.random.default_rng(7)
        grain = torch.from_numpy(rng.normal(0, 1, (1, 1, 160, 160)).astype(np.float32))
        grain = torch.nn.functional.avg_pool2d(grain, 3, 1, 1) * 0.1 + 0.5
        image = grain.clone()
        image[0, 0, 80, 30:130] -= 0.06
        with torch.no_grad():
            channels = LongLines()(image)[0]

        def stands_out(dark):
            on_lap = float(dark[80, 45:115].median())
            away = torch.cat([dark[:60, 20:140].flatten(), dark[100:, 20:140].flatten()])
            return on_lap / float(away.quantile(0.99))

        self.assertEqual(channels.shape[0], 12)
        self.assertLess(stands_out(channels[9]), 1.0, "over 13 px the lap is lost among the grain's streaks")
        self.assertGreater(stands_out(channels[11]), 1.0, "over 31 px it is the darkest line around")

    def test_loadwidening_linesWeightsIntoLongLinesNet_computesTheSameProbabilities(self):
        torch.manual_seed(6)
        lines = SmallUNet(8, features="lines", levels=4).eval()
        long_lines = SmallUNet(8, features="long-lines", levels=4).eval()

        load_widening(long_lines, lines.state_dict())

        self.assertComputesTheSame(lines, long_lines)

    def test_shallowmodelfromonnx_longLinesNet_readsBackItsFixedChannels(self):
        torch.manual_seed(8)
        model = SmallUNet(8, features="long-lines", levels=4).eval()
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "m.onnx")
            export(model, path, 64)
            recovered = shallow_model_from_onnx(path, 8).eval()

        self.assertIsInstance(recovered.contrast, LongLines)
        self.assertComputesTheSame(model, recovered, atol=1e-4)

    def test_loaddeepening_threeLevelWeightsIntoFourLevelNet_computesTheSameProbabilities(self):
        torch.manual_seed(4)
        shallow = SmallUNet(8, features="lines").eval()
        deep = SmallUNet(8, features="lines", levels=4).eval()

        load_deepening(deep, shallow.state_dict())

        self.assertComputesTheSame(shallow, deep)

    def test_shallowmodelfromonnx_exportedNetWithTrainedBatchNorm_computesWhatTheFileWasExportedFrom(self):
        torch.manual_seed(5)
        model = SmallUNet(8, features="lines")
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
                m.weight.data.uniform_(0.5, 1.5)
                m.bias.data.uniform_(-0.2, 0.2)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "m.onnx")
            export(model, path, 64)
            recovered = shallow_model_from_onnx(path, 8)

        x = torch.rand(2, 1, 64, 64)
        with torch.no_grad():
            self.assertEqual(recovered.levels, 3)
            self.assertTrue(torch.allclose(model.eval()(x), recovered.eval()(x), atol=1e-4))
            freeze_batch_norm(recovered.train(), [n for n, _ in recovered.named_modules()])
            self.assertTrue(torch.allclose(model(x), recovered(x), atol=1e-4), "frozen BatchNorm ignores the batch's statistics")

    def test_shallowmodelfromonnx_ensembleMember_computesWhatThatMemberComputes(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "e.onnx")
            first, second = two_member_ensemble(path, seed=6)
            recovered = shallow_model_from_onnx(path, 8, member=1).eval()
            with self.assertRaisesRegex(ValueError, "no ensemble member 2"):
                shallow_model_from_onnx(path, 8, member=2)

        x = torch.rand(2, 1, 64, 64)
        with torch.no_grad():
            self.assertTrue(torch.allclose(second(x), recovered(x), atol=1e-4))
            self.assertFalse(torch.allclose(first(x), recovered(x), atol=1e-2), "the other member is not what was read")

    def test_initialmodel_ensembleMemberOfAnOnnxInit_startsFromThatMembersWeightsWithItsBatchNormFrozen(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "e.onnx")
            _, second = two_member_ensemble(path, seed=7)
            args = argparse.Namespace(width=8, features="lines", levels=3, init=path, init_member=1)
            model, frozen = initial_model(args)

        x = torch.rand(2, 1, 64, 64)
        freeze_batch_norm(model.train(), frozen)
        with torch.no_grad():
            self.assertTrue(torch.allclose(second(x), model(x), atol=1e-4))
        self.assertIn("enc1.1", frozen)

    def test_shallowmodelfromonnx_downscaledNet_readsBackTheFactorAndComputesWhatTheFileComputes(self):
        torch.manual_seed(8)
        model = Downscaled(SmallUNet(8, features="lines", levels=4), 2)
        torch.nn.init.normal_(model.net.up3.weight, std=0.1)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "m.onnx")
            export(model, path, 64)
            recovered = shallow_model_from_onnx(path, 8).eval()

        x = torch.rand(2, 1, 64, 64)
        with torch.no_grad():
            self.assertIsInstance(recovered, Downscaled)
            self.assertEqual((recovered.factor, recovered.net.levels), (2, 4))
            self.assertTrue(torch.allclose(model.eval()(x), recovered(x), atol=1e-4))

    def test_downscaled_viewOfAnySize_answersEveryPixelAtFullResolution(self):
        model = Downscaled(SmallUNet(8, features="lines", levels=4), 2).eval()

        with torch.no_grad():
            out = model(torch.rand(1, 1, 70, 90))

        self.assertEqual(tuple(out.shape), (1, 3, 70, 90))

    def test_downscaleviews_thinSeam_keepsItsClassAndAveragesTheImage(self):
        image = np.zeros((6, 6), np.float16)
        image[:, 1] = 1.0
        mask = np.zeros((6, 6), np.uint8)
        mask[:, 1] = 2
        mask[4, 4] = 1

        (small, small_mask), = downscale_views([(image, mask)], 2)

        self.assertEqual(small.shape, (3, 3))
        self.assertTrue(np.allclose(small[:, 0], 0.5) and not small[:, 1:].any())
        self.assertEqual(small_mask.tolist(), [[2, 0, 0], [2, 0, 0], [2, 0, 1]])

    def test_shallowmodelfromonnx_downscaledEnsembleMember_readsBackThatMemberAtItsFactor(self):
        torch.manual_seed(9)
        first, second = SmallUNet(8, features="lines").eval(), Downscaled(SmallUNet(8, features="lines", levels=4), 2).eval()
        torch.nn.init.normal_(second.net.up3.weight, std=0.1)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "e.onnx")
            export_ensemble(path, first, second)
            pores, seams = shallow_model_from_onnx(path, 8, member=0).eval(), shallow_model_from_onnx(path, 8, member=1).eval()

        x = torch.rand(2, 1, 64, 64)
        with torch.no_grad():
            self.assertNotIsInstance(pores, Downscaled)
            self.assertTrue(torch.allclose(first(x), pores(x), atol=1e-4))
            self.assertEqual(seams.factor, 2)
            self.assertTrue(torch.allclose(second(x), seams(x), atol=1e-4))

    def test_initialmodel_downscaledOnnxInitAtAnotherFactor_raisesNamingTheFlag(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "m.onnx")
            export(Downscaled(SmallUNet(8, features="lines"), 2), path, 64)
            args = argparse.Namespace(width=8, features="lines", levels=3, init=path, init_member=None, downscale=1)
            with self.assertRaisesRegex(ValueError, "--downscale 2"):
                initial_model(args)
            args.downscale = 2
            model, frozen = initial_model(args)
        self.assertIsInstance(model, SmallUNet)
        self.assertIn("enc1.1", frozen)

    def test_initialmodel_memberWithoutAnOnnxInit_raisesNamingTheFlag(self):
        args = argparse.Namespace(width=8, features="lines", levels=3, init="stage1.pt", init_member=0)
        with self.assertRaisesRegex(ValueError, "--init-member 0"):
            initial_model(args)

    def test_shallowmodelfromonnx_otherWidth_raisesNamingTheLayer(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "m.onnx")
            export(SmallUNet(8, features="lines"), path, 64)
            with self.assertRaisesRegex(ValueError, "enc1.0"):
                shallow_model_from_onnx(path, 12)

    def test_export_linesNet_writesTheTensorNamesAndShapesTheManifestDeclares(self):
        model = SmallUNet(8, features="lines")
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "m.onnx")
            export(model, path, 64)
            with open(path, "rb") as f:
                graph = f.read()

        self.assertIn(b"image", graph)
        self.assertIn(b"probabilities", graph)
        self.assertFalse(model.softmax, "export leaves the training model returning logits")


class SamplerTests(unittest.TestCase):
    def test_batch_perPoreCrops_containTheirPoreAndHaveTheCropShape(self):
        rng = np.random.default_rng(1)
        img = rng.random((200, 200)).astype(np.float16)
        mask = np.zeros((200, 200), np.uint8)
        mask[100:103, 100:103] = 1
        sampler = Sampler([(img, mask)], 48, rng, defect_fraction=1.0, per_pore=True)

        x, y = sampler.batch(16)

        self.assertEqual(x.shape, (16, 1, 48, 48))
        self.assertEqual(y.shape, (16, 48, 48))
        self.assertTrue(all((y[i] == 1).any() for i in range(16)))


class ManifestTests(unittest.TestCase):
    def test_prepareout_folderThatDoesNotExistYet_isCreatedBeforeTraining(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "cs-deep3", "nested")

            prepare_out(out)

            self.assertTrue(os.path.isdir(out))

    def test_prepareout_pathUnderAFile_exitsNamingTheFolder(self):
        with tempfile.NamedTemporaryFile() as f:
            with self.assertRaises(SystemExit) as stop:
                prepare_out(os.path.join(f.name, "out"))

        self.assertIn("--out", str(stop.exception.code))

    def test_earlierstage_initInAnotherFolder_recordsTheStageFromTheManifestBesideTheInit(self):
        with tempfile.TemporaryDirectory() as init_dir, tempfile.TemporaryDirectory() as out:
            with open(os.path.join(init_dir, "manifest.json"), "w") as f:
                json.dump({"models": [{"name": "surface-seg", "version": "1.6.9", "training": {"steps": 5482, "levels": 4}}]}, f)
            with open(os.path.join(out, "manifest.json"), "w") as f:
                json.dump({"models": [{"name": "surface-seg", "version": "1.9.4", "training": {"steps": 1}}]}, f)

            stage = earlier_stage(out, "surface-seg", os.path.join(init_dir, "surface-seg.onnx"))

        self.assertEqual((stage["version"], stage["steps"], stage["levels"]), ("1.6.9", 5482, 4))

    def test_earlierstage_memberOfAnEnsemble_recordsThatMembersVersionAndTraining(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "manifest.json"), "w") as f:
                json.dump({"models": [{"name": "surface-seg", "version": "1.9.4", "architecture": "2 U-Nets",
                                       "training": {"ensemble": [
                                           {"version": "1.5.1", "architecture": "U-Net, 3 levels", "training": {"steps": 7847}},
                                           {"version": "1.6.3", "architecture": "U-Net, 3 levels", "training": {"steps": 4047, "lr": 0.0005,
                                                                                                               "continued_from": {"version": "1.6.1"}}}]}}]}, f)

            stage = earlier_stage(d, "surface-seg", os.path.join(d, "surface-seg.onnx"), member=1)

        self.assertEqual((stage["member"], stage["version"], stage["steps"], stage["lr"]), (1, "1.6.3", 4047, 0.0005))
        self.assertEqual(stage["continued_from"]["version"], "1.6.1")

    def test_earlierstage_continuedTraining_recordsTheWeightsAndTheStageTheyCameFrom(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "manifest.json"), "w") as f:
                json.dump({"models": [{"name": "xray-seg", "version": "1.3.0", "architecture": "U-Net",
                                       "training": {"steps": 7645, "lr": 0.0015, "features": "morph",
                                                    "continued_from": {"weights": "stage1.pt", "steps": 6259}}}]}, f)

            stage = earlier_stage(d, "xray-seg", "/data/xray-seg-1.3.0.pt")
            member = earlier_stage(d, "xray-seg", "/models/xray-seg.onnx", member=1)

        self.assertEqual(stage["weights"], "xray-seg-1.3.0.pt")
        self.assertEqual((stage["version"], stage["steps"], stage["features"]), ("1.3.0", 7645, "morph"))
        self.assertEqual(stage["continued_from"]["steps"], 6259)
        self.assertIsNone(earlier_stage(d, "xray-seg", None))
        self.assertEqual((member["weights"], member["member"]), ("xray-seg.onnx", 1))
        self.assertNotIn("member", stage)


if __name__ == "__main__":
    unittest.main()
