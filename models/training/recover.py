"""Weights of a shipped model read back from its .onnx file, so a training stage can continue from what ships when the
.pt file of the stage before is gone (it is generated data and never committed).

The export folds each BatchNorm into the convolution before it. The recovered net keeps its BatchNorm layers, set to
the identity (mean 0, variance 1 − eps, scale 1) with the folded bias as their shift, so it computes exactly what the
.onnx file computes; `freeze_batch_norm` keeps them out of batch statistics while it trains. Needs Debian's
python3-onnx (training only; the service never reads ONNX with Python)."""
from types import SimpleNamespace

import numpy as np
import torch
from torch import nn


def _initializers(path):
    import onnx  # noqa: PLC0415 (only this tool needs it)
    from onnx import numpy_helper  # noqa: PLC0415

    graph = onnx.load(path).graph
    values = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    for node in graph.node:
        if node.op_type == "Constant" and node.attribute and node.attribute[0].name == "value":
            values[node.output[0]] = numpy_helper.to_array(node.attribute[0].t)
        elif node.op_type == "Identity" and node.input[0] in values:
            values[node.output[0]] = values[node.input[0]]  # the export shares equal tensors (e.g. zero biases)
    return graph, values


def _learned_convs(model):
    """The net's learned 3×3 convolutions with the BatchNorm after each, in forward order (the order the export
    writes its Conv nodes)."""
    out = []
    for name in ("enc1", "enc2", "enc3", "enc4", "dec2", "dec1"):
        seq = getattr(model, name, None)
        if seq is None:
            continue
        for i in range(0, len(seq), 3):
            out.append((f"{name}.{i}", f"{name}.{i + 1}", seq[i], seq[i + 1]))
    return out


def load_onnx_weights(model, path, parsed=None):
    """Sets `model` (a SmallUNet of the same width and fixed channels as the file) to the weights in `path`
    (`parsed`: its graph and values when already read). Raises ValueError naming the layer when the file does not fit the net."""
    graph, values = parsed or _initializers(path)
    folded = []
    for node in graph.node:
        if node.op_type != "Conv" or len(node.input) < 3:
            continue
        w = values.get(node.input[1])
        if w is None or w.shape[-1] != 3 or node.input[1].endswith("head.weight"):
            continue
        folded.append((w, values[node.input[2]]))
    convs = _learned_convs(model)
    if len(folded) != len(convs):
        raise ValueError(f"{path}: {len(folded)} learned 3x3 convolutions, the net has {len(convs)}; width, levels or features differ")
    state = {}
    for (name, bn_name, conv, bn), (w, b) in zip(convs, folded):
        if tuple(conv.weight.shape) != w.shape:
            raise ValueError(f"{path}: {name} is {list(w.shape)} in the file, {list(conv.weight.shape)} in the net")
        state[f"{name}.weight"] = torch.from_numpy(w.copy())
        state[f"{bn_name}.weight"] = torch.ones(w.shape[0])
        state[f"{bn_name}.bias"] = torch.from_numpy(b.copy())
        state[f"{bn_name}.running_mean"] = torch.zeros(w.shape[0])
        state[f"{bn_name}.running_var"] = torch.full((w.shape[0],), 1.0 - bn.eps)
        state[f"{bn_name}.num_batches_tracked"] = torch.tensor(0)
    for key in list(model.state_dict()):
        if key in state:
            continue
        if key in values:
            state[key] = torch.from_numpy(np.array(values[key]).copy())
    missing = [k for k in model.state_dict() if k not in state]
    if missing:
        raise ValueError(f"{path}: no weights for {', '.join(missing)}")
    model.load_state_dict(state)


def _member(path, parsed, index):
    """The nodes and weights of member `index` of an ensemble file (ensemble.py), named as in a file of its own."""
    graph, values = parsed
    nodes = [n for n in graph.node if n.name.startswith(f"/members.{index}/")]
    if not nodes:
        raise ValueError(f"{path}: no ensemble member {index}; give --member only with an ensemble file, counting from 0")
    prefix = f"members.{index}."
    own = {k: v for k, v in values.items() if not k.startswith("members.")}
    own.update({k[len(prefix):]: v for k, v in values.items() if k.startswith(prefix)})
    return SimpleNamespace(node=nodes), own


def _downscale_factor(graph, values):
    """The factor a `net.Downscaled` file (or member) averages its tile by, 1 for a net at full resolution, and its
    weights named as the inner net's."""
    pools = [n for n in graph.node if n.op_type == "AveragePool" and n.name.endswith("/downscale/AveragePool")]
    if not pools:
        return 1, values
    kernel = next(list(a.ints) for a in pools[0].attribute if a.name == "kernel_shape")
    return kernel[0], {(k[len("net."):] if k.startswith("net.") else k): v for k, v in values.items()}


def shallow_model_from_onnx(path, width, member=None):
    """A SmallUNet holding the weights of `path` (of its ensemble member `member`, counting from 0, when given), its
    fixed input channels and levels read from the file; wrapped in `net.Downscaled` when the file runs it at a lower
    resolution."""
    from net import FEATURES, Downscaled, SmallUNet  # noqa: PLC0415

    parsed = _initializers(path)
    if member is not None:
        parsed = _member(path, parsed, member)
    graph, values = parsed
    factor, values = _downscale_factor(graph, values)
    parsed = graph, values
    first = next(values[n.input[1]] for n in graph.node if n.op_type == "Conv" and len(n.input) > 2 and values[n.input[1]].shape[-1] == 3)
    features = next((f for f, (_, c) in FEATURES.items() if c == first.shape[1]), None)
    if features is None:
        raise ValueError(f"{path}: its first convolution takes {first.shape[1]} channels, which no fixed-feature set in net.py gives")
    levels = 4 if "up3.weight" in values else 3
    model = SmallUNet(width, features=features, levels=levels)
    load_onnx_weights(model, path, parsed)
    return Downscaled(model, factor) if factor > 1 else model


def freeze_batch_norm(model, prefixes):
    """The BatchNorm layers named by `prefixes` (module paths) in evaluation mode: running statistics, not the batch's;
    scale and shift still learn. Call after every model.train()."""
    keep = set(prefixes)
    for name, m in model.named_modules():
        if isinstance(m, nn.BatchNorm2d) and name in keep:
            m.eval()
