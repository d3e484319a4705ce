"""Small nets exported as ensembles the way the shipped surface model is built, for the training code's tests."""
import torch

from ensemble import Ensemble
from net import SmallUNet


def two_member_ensemble(path, seed):
    """Two random nets exported to `path` as an ensemble whose porosity comes from the first and cold shut from the
    second, the way the shipped surface model is built."""
    torch.manual_seed(seed)
    first, second = SmallUNet(8, features="lines").eval(), SmallUNet(8, features="lines").eval()
    export_ensemble(path, first, second)
    return first, second


def export_ensemble(path, first, second):
    """`first` and `second` exported to `path` as one 64 px ensemble, porosity from the first, cold shut from the second."""
    with torch.no_grad():
        torch.onnx.export(Ensemble([first, second], 64, 1, [None, 0, 1]).eval(), torch.zeros(1, 1, 64, 64), path,
                          input_names=["image"], output_names=["probabilities"], opset_version=13)
