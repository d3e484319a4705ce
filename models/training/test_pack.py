"""Tests of pack.py and of training from a pack: what a GPU session carries instead of the views.

    /usr/bin/python3 -m unittest discover -s models/training -p "test_*.py"
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import smoke_data  # noqa: E402
from data import cold_shut_components, find_samples, load, load_pack  # noqa: E402
from pack import pack  # noqa: E402

NORM = (0.5, 99.5, "linear")


def smoke_views(folder, n=6, seed=3):
    smoke_data.make(folder, n, seed)
    return load(find_samples(folder, "xray"), NORM)


def write_pack(path, images, masks, window=(0.5, 99.5), transform="linear"):
    meta = {"modality": "xray", "window": list(window), "transform": transform, "scale": 65535, "tile": images.shape[1],
            "views": len(images), "seed": 0, "data": [{"folder": "smoke"}]}
    np.savez_compressed(path, images=images, masks=masks, meta=np.array(json.dumps(meta)))


class PackTests(unittest.TestCase):
    def test_pack_viewsWithColdShuts_putsATileOnEveryColdShutFirst(self):
        with tempfile.TemporaryDirectory() as d:
            views = smoke_views(d)
        laps = sum(len(cold_shut_components(m)) for _, m in views)

        images, masks = pack(views, "xray", 128, 2 ** 30, np.random.default_rng(1))

        self.assertGreater(laps, 0)
        self.assertTrue(all((m == 2).any() for m in masks[:laps]), "a tile on each cold shut comes first")
        self.assertEqual(images.shape[1:], (128, 128))
        self.assertEqual(images.dtype, np.uint16)

    def test_pack_smallBudget_keepsFewerTilesColdShutsFirst(self):
        with tempfile.TemporaryDirectory() as d:
            views = smoke_views(d)
        everything, _ = pack(views, "xray", 128, 2 ** 30, np.random.default_rng(1))

        images, masks = pack(views, "xray", 128, 60 * 1024, np.random.default_rng(1))

        self.assertLess(len(images), len(everything))
        self.assertGreater(len(images), 0)
        self.assertTrue((masks[0] == 2).any())

    def test_pack_budgetBelowOneTile_returnsNoTilesOfTheStoredType(self):
        with tempfile.TemporaryDirectory() as d:
            views = smoke_views(d, n=2)

        images, masks = pack(views, "xray", 128, 16, np.random.default_rng(1))

        self.assertEqual(images.shape, (0, 128, 128))
        self.assertEqual(images.dtype, np.uint16)
        self.assertEqual(masks.shape, (0, 128, 128))

    def test_loadpack_packedTiles_comeBackAsTheNormalisedViewsTheyWereCutFrom(self):
        with tempfile.TemporaryDirectory() as d:
            views = smoke_views(d, n=2)
            img, mask = views[0]
            tile = np.round(np.clip(img[:128, :128].astype(np.float32), 0, 1) * 65535).astype(np.uint16)
            path = os.path.join(d, "p.npz")
            write_pack(path, tile[None], mask[None, :128, :128])

            tiles, meta = load_pack(path, NORM, "xray")

        self.assertEqual(len(tiles), 1)
        np.testing.assert_allclose(tiles[0][0].astype(np.float32), np.clip(img[:128, :128].astype(np.float32), 0, 1), atol=1e-3)
        np.testing.assert_array_equal(tiles[0][1], mask[:128, :128])
        self.assertEqual(meta["data"], [{"folder": "smoke"}])

    def test_loadpack_otherWindow_raisesNamingTheFlags(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "p.npz")
            write_pack(path, np.zeros((1, 64, 64), np.uint16), np.zeros((1, 64, 64), np.uint8), window=(0.5, 99.99), transform="sqrt")

            with self.assertRaises(ValueError) as e:
                load_pack(path, NORM, "xray")

        self.assertIn("--window 0.5 99.99 --transform sqrt", str(e.exception))

    def test_train_fromAPack_writesAModelWhoseManifestSaysItTrainedOnTiles(self):
        with tempfile.TemporaryDirectory() as d:
            views = os.path.join(d, "views")
            smoke_data.make(views, 6, 4)
            packed = os.path.join(d, "xray.npz")
            out = os.path.join(d, "out")
            run = lambda *a: subprocess.run([sys.executable, *a], capture_output=True, text=True, timeout=600)  # noqa: E731

            made = run(os.path.join(HERE, "pack.py"), "--modality", "xray", "--data", views, "--out", packed, "--tile", "128")
            trained = run(os.path.join(HERE, "train.py"), "--modality", "xray", "--data", packed, "--crop", "64", "--batch", "4",
                          "--max-steps", "2", "--threads", "1", "--features", "lines", "--out", out)

            self.assertEqual(made.returncode, 0, made.stderr)
            self.assertEqual(trained.returncode, 0, trained.stderr)
            with open(os.path.join(out, "manifest.json")) as f:
                entry = json.load(f)["models"][0]
            self.assertTrue(os.path.exists(os.path.join(out, "xray-seg.onnx")))
        self.assertTrue(entry["training"]["packed_tiles"])
        self.assertEqual(entry["training"]["steps"], 2)
        self.assertEqual(entry["training"]["device"], "cpu")


if __name__ == "__main__":
    unittest.main()
