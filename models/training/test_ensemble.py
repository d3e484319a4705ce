"""Tests of ensemble.py: dihedral variants, members' classes, and the ensembles it exports from shipped and trained nets.

    /usr/bin/python3 -m unittest discover -s models/training -p "test_*.py"
"""
import json
import os
import sys
import tempfile
import unittest
from unittest import mock

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ensemble import DIHEDRAL, Dihedral, Ensemble, main as ensemble_main  # noqa: E402
from ensemble_fixtures import two_member_ensemble  # noqa: E402
from net import SmallUNet  # noqa: E402
from recover import shallow_model_from_onnx  # noqa: E402
from train import export  # noqa: E402


class EnsembleTests(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(5)
        self.x = torch.rand(2, 1, 16, 16)

    def test_inverse_everyDihedralVariant_givesBackTheTile(self):
        for d in DIHEDRAL:
            v = Dihedral(16, *d)
            self.assertTrue(torch.equal(v.inverse(v(self.x)), self.x), d)
        self.assertEqual(len({tuple(Dihedral(16, *d)(self.x).flatten().tolist()) for d in DIHEDRAL}), 8)

    def test_forward_oneMemberOneVariant_isThatMembersSoftmax(self):
        net = SmallUNet(4, features="lines").eval()

        with torch.no_grad():
            self.assertTrue(torch.allclose(Ensemble([net], 16, 1)(self.x), torch.softmax(net(self.x), 1), atol=1e-6))

    def test_forward_eightVariants_rotatedTileGivesTheRotatedProbabilities(self):
        net = SmallUNet(4, features="lines").eval()
        model = Ensemble([net, SmallUNet(4, features="lines").eval()], 16, 8)
        rotated = torch.rot90(self.x, 1, (2, 3))

        with torch.no_grad():
            p, q = model(self.x), model(rotated)

        self.assertTrue(torch.allclose(torch.rot90(p, 1, (2, 3)), q, atol=1e-5))
        self.assertTrue(torch.allclose(p.sum(1), torch.ones(2, 16, 16), atol=1e-5))
        self.assertFalse(torch.allclose(p, torch.softmax(net(self.x), 1), atol=1e-3))


    def test_forward_classFromMembers_eachDefectClassIsItsMembersAndBackgroundTheRest(self):
        pores, seams = SmallUNet(4, features="lines").eval(), SmallUNet(4, features="lines").eval()
        model = Ensemble([pores, seams], 16, 1, class_from=[None, 0, 1])

        with torch.no_grad():
            p, a, b = model(self.x), torch.softmax(pores(self.x), 1), torch.softmax(seams(self.x), 1)

        self.assertTrue(torch.allclose(p[:, 1], a[:, 1], atol=1e-6))
        self.assertTrue(torch.allclose(p[:, 2], b[:, 2], atol=1e-6))
        self.assertTrue(torch.allclose(p[:, 0], torch.clamp(1 - a[:, 1] - b[:, 2], min=0), atol=1e-6))

    def test_forward_classFromSeveralMembers_thatClassIsTheirMean(self):
        pores, seams, wide = (SmallUNet(4, features="lines").eval() for _ in range(3))
        model = Ensemble([pores, seams, wide], 16, 1, class_from=[None, 0, (1, 2)])

        with torch.no_grad():
            p, a = model(self.x), torch.softmax(pores(self.x), 1)
            b, c = torch.softmax(seams(self.x), 1), torch.softmax(wide(self.x), 1)

        seam = (b[:, 2] + c[:, 2]) / 2
        self.assertTrue(torch.allclose(p[:, 1], a[:, 1], atol=1e-6))
        self.assertTrue(torch.allclose(p[:, 2], seam, atol=1e-6))
        self.assertTrue(torch.allclose(p[:, 0], torch.clamp(1 - a[:, 1] - seam, min=0), atol=1e-6))

    def _main_on_a_shipped_member_and_a_trained_net(self, d, *extra):
        """ensemble.py run in `d` on member 0 of a shipped two-member file and a newly trained net, with `extra`
        arguments: the first member's net, the written file's path and its manifest entry."""
        window = {"low_percentile": 0.5, "high_percentile": 99.5}
        facts = {"name": "surface-seg", "modality": "surface", "normalisation": window, "tile": {"size": 64, "overlap": 8}}
        shipped, trained, out = (os.path.join(d, n) for n in ("shipped", "trained", "out"))
        for folder in (shipped, trained, out):
            os.mkdir(folder)
        first, _ = two_member_ensemble(os.path.join(shipped, "e.onnx"), seed=8)
        ensemble = {**facts, "version": "1.9.1", "file": "e.onnx", "thresholds": {"porosity": 0.98},
                    "architecture": "2 U-Nets (60294 parameters): 1.5.0: U-Net, pores; 1.6.3: U-Net, seams",
                    "training": {"ensemble": [{"version": "1.5.0", "sha256": "s0", "architecture": "U-Net, pores", "training": {"seed": 1}},
                                              {"version": "1.6.3", "sha256": "s1", "architecture": "U-Net, seams", "training": {"seed": 2}}]}}
        third = SmallUNet(8, features="lines").eval()
        export(third, os.path.join(trained, "n.onnx"), 64)
        net = {**facts, "version": "1.6.4", "file": "n.onnx", "sha256": "s2", "architecture": "U-Net, new seams", "training": {"seed": 3}}
        for folder, entry in ((shipped, ensemble), (trained, net)):
            with open(os.path.join(folder, "manifest.json"), "w") as f:
                json.dump({"models": [entry]}, f)
        argv = ["ensemble.py", "--member", os.path.join(shipped, "e.onnx#0"), "--member", os.path.join(trained, "n.onnx"),
                "--tta", "1", "--class-from", "porosity=1", "--class-from", "cold_shut=2", "--name", "surface-seg",
                "--version", "1.9.2", "--out", out, *extra]
        with mock.patch.object(sys, "argv", argv):
            ensemble_main()
        with open(os.path.join(out, "manifest.json")) as f:
            return first, os.path.join(out, "surface-seg.onnx"), json.load(f)["models"][0]

    def test_main_memberOfAShippedEnsembleAndATrainedNet_writesAnEnsembleWithThatMembersWeightsAndHistory(self):
        with tempfile.TemporaryDirectory() as d:
            first, path, written = self._main_on_a_shipped_member_and_a_trained_net(d)
            pores = shallow_model_from_onnx(path, 8, member=0).eval()

        x = torch.rand(2, 1, 64, 64)
        with torch.no_grad():
            self.assertTrue(torch.allclose(first(x), pores(x), atol=1e-4))
        self.assertIn("porosity from 1.5.0, cold_shut from 1.6.4", written["architecture"])
        self.assertIn("1.5.0: U-Net, pores; 1.6.4: U-Net, new seams", written["architecture"])
        self.assertEqual([e["sha256"] for e in written["training"]["ensemble"]], ["s0", "s2"])
        self.assertEqual([e["architecture"] for e in written["training"]["ensemble"]], ["U-Net, pores", "U-Net, new seams"])
        self.assertEqual(written["thresholds"], {"porosity": 0.98})

    def test_main_tile_exportsForThatTileAndWritesItsSizeOverlapAndShapes(self):
        import onnx  # noqa: PLC0415 (training only)

        with tempfile.TemporaryDirectory() as d:
            _, path, written = self._main_on_a_shipped_member_and_a_trained_net(d, "--tile", "128", "16")
            graph = onnx.load(path).graph
            dims = [[x.dim_value for x in v.type.tensor_type.shape.dim][1:] for v in (*graph.input, *graph.output)]

        self.assertEqual(written["tile"], {"size": 128, "overlap": 16})
        self.assertEqual((written["input"]["shape"], written["output"]["shape"]), ([-1, 1, 128, 128], [-1, 3, 128, 128]))
        self.assertEqual(dims, [[1, 128, 128], [3, 128, 128]])

    def test_main_classFromTwoMembers_recordsBothVersionsAsTheClassesSource(self):
        with tempfile.TemporaryDirectory() as d:
            _, _, written = self._main_on_a_shipped_member_and_a_trained_net(d, "--class-from", "cold_shut=1+2")

        self.assertIn("cold_shut from 1.5.0 + 1.6.4 (their mean)", written["architecture"])
        self.assertEqual(written["training"]["class_from"], {"porosity": "1.5.0", "cold_shut": ["1.5.0", "1.6.4"]})

    def test_init_classFromAnEmptyTupleOfMembers_raises(self):
        with self.assertRaises(ValueError):
            Ensemble([SmallUNet(4), SmallUNet(4)], 16, 1, class_from=[None, 0, ()])

    def test_init_classFromAMemberThatIsNotThere_raises(self):
        with self.assertRaises(ValueError):
            Ensemble([SmallUNet(4)], 16, 1, class_from=[None, 0, 1])


if __name__ == "__main__":
    unittest.main()
