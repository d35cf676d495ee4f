"""TensorFlow.js LayersModels (``model.json`` + weight files) as ``torch.nn.Module``s.

Where the two frameworks differ, and what the converter does about it:

* Images: TF.js is channels-last (N, H, W, C); PyTorch is channels-first (N, C, H, W).
  The converted module takes N x C x H x W, as every PyTorch module does.
* Conv kernels: TF.js stores them as (kh, kw, in, out) ("HWIO"); PyTorch as (out, in, kh, kw) ("OIHW").
* Dense kernels: TF.js stores (in, out); ``nn.Linear`` wants (out, in): transposed.
* Flatten: TF.js flattens an H x W x C map in (h, w, c) order, PyTorch's ``nn.Flatten`` a C x H x W
  map in (c, h, w) order. The first dense layer after a flatten gets its rows reordered, so the
  same weights see the same pixels.
* ``padding: 'same'`` in TF.js pads the bottom/right more when the padding is odd; the converter
  pads the same way.
* Batch normalisation: TF.js's ``momentum`` 0.99 is PyTorch's ``momentum`` 0.01; ``epsilon`` carries over.
* A softmax on the model's output is left out: PyTorch models return logits (what
  ``CrossEntropyLoss`` and ``argmax`` want). Apply ``torch.softmax(logits, dim=1)`` for probabilities.
"""
import json
import math
from collections import OrderedDict
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple, Union

import torch
import torch.nn.functional as F
from torch import nn

# ----------------------------------------------------------------------------- activations

_ACTIVATIONS = {
    "relu": torch.relu,
    "relu6": lambda x: torch.clamp(x, 0, 6),
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "elu": F.elu,
    "selu": F.selu,
    "softplus": F.softplus,
    "softsign": F.softsign,
    "swish": lambda x: x * torch.sigmoid(x),
    "softmax": lambda x: torch.softmax(x, dim=1),  # dim 1: classes (2-D) or channels (N, C, H, W)
}


def _activation(name: Optional[str], where: str):
    if name in (None, "linear"):
        return None
    if name not in _ACTIVATIONS:
        raise ValueError(f"load_tfjs: {where} uses activation '{name}', which the converter does not know "
                         f"(known: linear, {', '.join(_ACTIVATIONS)})")
    return name


def _apply(activation: Optional[str], x: torch.Tensor) -> torch.Tensor:
    return x if activation is None else _ACTIVATIONS[activation](x)


# ----------------------------------------------------------------------------- layers

class Conv2d(nn.Conv2d):
    """``nn.Conv2d`` plus what a TF.js Conv2D layer also does: 'same' padding and its activation."""

    def __init__(self, *args, tf_pad: Optional[Tuple[int, int, int, int]] = None, activation: Optional[str] = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.tf_pad, self.activation = tf_pad, activation

    def forward(self, x):
        if self.tf_pad is not None:
            x = F.pad(x, self.tf_pad)
        return _apply(self.activation, super().forward(x))

    def extra_repr(self):
        return super().extra_repr() + (f", activation={self.activation}" if self.activation else "")


class Linear(nn.Linear):
    """``nn.Linear`` plus the activation of a TF.js Dense layer."""

    def __init__(self, *args, activation: Optional[str] = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.activation = activation

    def forward(self, x):
        return _apply(self.activation, super().forward(x))

    def extra_repr(self):
        return super().extra_repr() + (f", activation={self.activation}" if self.activation else "")


class MaxPool2d(nn.MaxPool2d):
    """``nn.MaxPool2d`` with TF.js's asymmetric 'same' padding when it needs one."""

    def __init__(self, *args, tf_pad: Optional[Tuple[int, int, int, int]] = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.tf_pad = tf_pad

    def forward(self, x):
        if self.tf_pad is not None:
            x = F.pad(x, self.tf_pad, value=-math.inf)
        return super().forward(x)


class Activation(nn.Module):
    """A TF.js Activation (or ReLU / Softmax) layer."""

    def __init__(self, activation: Optional[str]):
        super().__init__()
        self.activation = activation

    def forward(self, x):
        return _apply(self.activation, x)

    def extra_repr(self):
        return str(self.activation)


class GlobalPool2d(nn.Module):
    """GlobalAveragePooling2D / GlobalMaxPooling2D: one number per channel."""

    def __init__(self, mode: str):
        super().__init__()
        self.mode = mode

    def forward(self, x):
        return x.mean(dim=(2, 3)) if self.mode == "avg" else x.amax(dim=(2, 3))

    def extra_repr(self):
        return self.mode


class Add(nn.Module):
    def forward(self, *xs):
        out = xs[0]
        for x in xs[1:]:
            out = out + x
        return out


class Concatenate(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        self.dim = dim

    def forward(self, *xs):
        return torch.cat(xs, dim=self.dim)


# ----------------------------------------------------------------------------- shapes and padding

def _same_pad(size: Tuple[int, int], kernel: Sequence[int], strides: Sequence[int], dilation: Sequence[int]):
    """TF's 'same' padding as (left, right, top, bottom), and the output size."""
    pads, out = [], []
    for n, k, s, d in zip(size, kernel, strides, dilation):
        o = -(-n // s)
        total = max((o - 1) * s + (k - 1) * d + 1 - n, 0)
        pads.append((total // 2, total - total // 2))
        out.append(o)
    (top, bottom), (left, right) = pads
    return (left, right, top, bottom), tuple(out)


def _valid_out(size, kernel, strides, dilation):
    return tuple((n - (k - 1) * d - 1) // s + 1 for n, k, s, d in zip(size, kernel, strides, dilation))


def _pair(v) -> Tuple[int, int]:
    return (v, v) if isinstance(v, int) else (int(v[0]), int(v[1]))


class _Shape:
    """A tensor's shape in TF.js terms (no batch axis, channels last), plus whether its features
    come from flattening an (H, W, C) map (then PyTorch holds them in (c, h, w) order)."""

    def __init__(self, dims: Tuple[int, ...], flattened_from: Optional[Tuple[int, int, int]] = None):
        self.dims, self.flattened_from = tuple(dims), flattened_from


def _chw_order(hwc: Tuple[int, int, int]) -> torch.Tensor:
    """For each PyTorch (c, h, w) feature position, the TF.js (h, w, c) position it holds."""
    h, w, c = hwc
    return torch.arange(h * w * c).reshape(h, w, c).permute(2, 0, 1).reshape(-1)


# ----------------------------------------------------------------------------- weights

class _Weights:
    """The weight arrays of a model.json, by layer name and parameter name."""

    def __init__(self, model_json: dict, folder: Path):
        self.by_layer: Dict[str, Dict[str, torch.Tensor]] = {}
        for group in model_json.get("weightsManifest") or []:
            data = b"".join((folder / p).read_bytes() for p in group["paths"])
            offset = 0
            for spec in group["weights"]:
                name, shape = spec["name"], [int(d) for d in spec["shape"]]
                if spec.get("quantization"):
                    raise ValueError(f"load_tfjs: weight {name} is quantized; save the model without quantization")
                if spec.get("dtype", "float32") != "float32":
                    raise ValueError(f"load_tfjs: weight {name} has dtype {spec.get('dtype')}; only float32 is supported")
                count = math.prod(shape)
                if offset + 4 * count > len(data):
                    raise ValueError(f"load_tfjs: the weight files of {folder} end before weight {name} (truncated download?)")
                values = torch.frombuffer(bytearray(data[offset:offset + 4 * count]), dtype=torch.float32) if count else torch.zeros(0)
                offset += 4 * count
                *prefix, param = name.split("/")
                layer = prefix[-1] if prefix else name
                self.by_layer.setdefault(layer, {})[param] = values.reshape(shape).clone()
            if offset != len(data):
                raise ValueError(f"load_tfjs: the weight files {group['paths']} hold {len(data)} bytes, the manifest describes {offset}")

    def take(self, layer: str, param: str) -> torch.Tensor:
        try:
            return self.by_layer[layer].pop(param)
        except KeyError:
            raise ValueError(f"load_tfjs: no weight '{layer}/{param}' in the weight files") from None


def _init_tensor(shape: Sequence[int], initializer: Optional[dict], fans: Tuple[int, int], generator: Optional[torch.Generator]):
    """A tensor drawn from a Keras initializer config (the distribution TF.js would use)."""
    cls = (initializer or {}).get("class_name", "Zeros")
    cfg = (initializer or {}).get("config", {}) or {}
    fan_in, fan_out = fans
    presets = {
        "GlorotUniform": (1.0, "fan_avg", "uniform"), "GlorotNormal": (1.0, "fan_avg", "truncated_normal"),
        "HeUniform": (2.0, "fan_in", "uniform"), "HeNormal": (2.0, "fan_in", "truncated_normal"),
        "LeCunUniform": (1.0, "fan_in", "uniform"), "LeCunNormal": (1.0, "fan_in", "truncated_normal"),
    }
    if cls == "Zeros":
        return torch.zeros(shape)
    if cls == "Ones":
        return torch.ones(shape)
    if cls == "Constant":
        return torch.full(shape, float(cfg.get("value", 0)))
    if cls in presets or cls == "VarianceScaling":
        scale, mode, dist = presets.get(cls) or (cfg.get("scale", 1.0), cfg.get("mode", "fan_in"), cfg.get("distribution", "normal"))
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}[mode]
        var = scale / max(1.0, n)
        if dist == "uniform":
            limit = math.sqrt(3 * var)
            return torch.empty(shape).uniform_(-limit, limit, generator=generator)
        std = math.sqrt(var) / (0.87962566103423978 if dist == "truncated_normal" else 1.0)
        out = torch.empty(shape).normal_(0, std, generator=generator)
        return out.clamp(-2 * std, 2 * std) if dist == "truncated_normal" else out
    raise ValueError(f"load_tfjs: initializer {cls} is not supported for random weights")


# ----------------------------------------------------------------------------- the converter

_ELEMENTWISE = ("Dropout", "Activation", "ReLU", "Softmax", "BatchNormalization")


def _layer_list(topology: dict) -> Tuple[List[dict], List[str], List[str]]:
    """Layers as (class_name, config, inbound layer names), with the model's input and output layer names."""
    model_cfg = topology.get("model_config", topology)
    cls, cfg = model_cfg.get("class_name"), model_cfg.get("config")
    if cls == "Sequential":
        layers = cfg["layers"] if isinstance(cfg, dict) else cfg
        first = layers[0]["config"]
        shape = first.get("batch_input_shape") or first.get("batch_shape")
        if layers[0]["class_name"] == "InputLayer":
            layers = layers[1:]
        if shape is None:
            raise ValueError("load_tfjs: the Sequential model does not say its input shape (batch_input_shape)")
        out = [{"class_name": "InputLayer", "config": {"name": "input", "batch_input_shape": shape}, "inbound": []}]
        for layer in layers:
            out.append({"class_name": layer["class_name"], "config": layer["config"], "inbound": [out[-1]["config"]["name"]]})
        return out, ["input"], [out[-1]["config"]["name"]]
    if cls in ("Model", "Functional"):
        out = []
        for layer in cfg["layers"]:
            nodes = layer.get("inbound_nodes") or []
            if len(nodes) > 1:
                raise ValueError(f"load_tfjs: layer {layer['name']} is used {len(nodes)} times; shared layers are not supported")
            inbound = [entry[0] for entry in nodes[0]] if nodes else []
            out.append({"class_name": layer["class_name"], "config": {**layer["config"], "name": layer["name"]}, "inbound": inbound})
        return out, [i[0] for i in cfg["input_layers"]], [o[0] for o in cfg["output_layers"]]
    raise ValueError(f"load_tfjs: model class '{cls}' is not a TF.js LayersModel (Sequential or Model)")


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in name) or "layer"


def _build(layer: dict, inputs: List[_Shape], weights: Optional[_Weights], is_output: bool,
           generator: Optional[torch.Generator]) -> Tuple[Optional[nn.Module], _Shape]:
    cls, cfg = layer["class_name"], layer["config"]
    name = cfg["name"]
    where = f"layer '{name}' ({cls})"
    if cfg.get("data_format", "channels_last") != "channels_last":
        raise ValueError(f"load_tfjs: {where} is channels_first; only channels_last TF.js models are supported")
    x = inputs[0] if inputs else None
    activation = _activation(cfg.get("activation"), where) if "activation" in cfg else None
    if is_output and activation == "softmax":
        activation = None  # logits out, as PyTorch models return
    if x is not None and x.flattened_from is not None and cls not in _ELEMENTWISE + ("Dense",):
        raise ValueError(f"load_tfjs: {where} follows a Flatten; only Dense, Dropout, Activation and "
                         "BatchNormalization layers are supported there")

    def param(p: str, shape: Sequence[int], init_key: str, fans=(1, 1)) -> torch.Tensor:
        if weights is not None:
            value = weights.take(name, p)
            if list(value.shape) != list(shape):
                raise ValueError(f"load_tfjs: weight {name}/{p} has shape {list(value.shape)}, the layer needs {list(shape)}")
            return value
        return _init_tensor(shape, cfg.get(init_key), fans, generator)

    if cls == "Conv2D" or cls == "DepthwiseConv2D":
        if len(x.dims) != 3:
            raise ValueError(f"load_tfjs: {where} needs an image input, got shape {x.dims}")
        h, w, c_in = x.dims
        kernel, strides, dilation = _pair(cfg["kernel_size"]), _pair(cfg.get("strides", 1)), _pair(cfg.get("dilation_rate", 1))
        if cls == "Conv2D":
            c_out, groups = int(cfg["filters"]), 1
            k = param("kernel", [*kernel, c_in, c_out], "kernel_initializer", (kernel[0] * kernel[1] * c_in, kernel[0] * kernel[1] * c_out))
            torch_kernel = k.permute(3, 2, 0, 1)  # HWIO -> OIHW
        else:
            mult = int(cfg.get("depth_multiplier", 1))
            c_out, groups = c_in * mult, c_in
            k = param("depthwise_kernel", [*kernel, c_in, mult], "depthwise_initializer", (kernel[0] * kernel[1] * c_in, kernel[0] * kernel[1] * mult))
            torch_kernel = k.permute(2, 3, 0, 1).reshape(c_in * mult, 1, *kernel)  # output channel c*mult + m, as TF.js
        padding = cfg.get("padding", "valid")
        if padding == "same":
            pad, out_hw = _same_pad((h, w), kernel, strides, dilation)
        elif padding == "valid":
            pad, out_hw = (0, 0, 0, 0), _valid_out((h, w), kernel, strides, dilation)
        else:
            raise ValueError(f"load_tfjs: {where} has padding '{padding}'; only 'same' and 'valid' are supported")
        symmetric = pad[0] == pad[1] and pad[2] == pad[3]
        use_bias = cfg.get("use_bias", True)
        module = Conv2d(c_in, c_out, kernel, stride=strides, dilation=dilation, groups=groups, bias=use_bias,
                        padding=(pad[2], pad[0]) if symmetric else 0, tf_pad=None if symmetric else pad, activation=activation)
        with torch.no_grad():
            module.weight.copy_(torch_kernel)
            if use_bias:
                module.bias.copy_(param("bias", [c_out], "bias_initializer"))
        return module, _Shape((*out_hw, c_out))

    if cls == "Dense":
        if len(x.dims) != 1:
            raise ValueError(f"load_tfjs: {where} on a {len(x.dims)}-D input is not supported (flatten first)")
        n_in, n_out = x.dims[0], int(cfg["units"])
        k = param("kernel", [n_in, n_out], "kernel_initializer", (n_in, n_out))
        if x.flattened_from is not None:
            k = k[_chw_order(x.flattened_from)]  # rows in PyTorch's (c, h, w) flatten order
        use_bias = cfg.get("use_bias", True)
        module = Linear(n_in, n_out, bias=use_bias, activation=activation)
        with torch.no_grad():
            module.weight.copy_(k.t())  # (in, out) -> (out, in)
            if use_bias:
                module.bias.copy_(param("bias", [n_out], "bias_initializer"))
        return module, _Shape((n_out,))

    if cls in ("MaxPooling2D", "AveragePooling2D"):
        h, w, c = x.dims
        size = _pair(cfg.get("pool_size", 2))
        strides = _pair(cfg.get("strides") or size)
        padding = cfg.get("padding", "valid")
        if padding == "same":
            if cls == "AveragePooling2D":
                raise ValueError(f"load_tfjs: {where}: average pooling with 'same' padding is not supported")
            pad, out_hw = _same_pad((h, w), size, strides, (1, 1))
            module = MaxPool2d(size, strides, tf_pad=pad if any(pad) else None)
        else:
            out_hw = _valid_out((h, w), size, strides, (1, 1))
            module = MaxPool2d(size, strides) if cls == "MaxPooling2D" else nn.AvgPool2d(size, strides)
        return module, _Shape((*out_hw, c))

    if cls in ("GlobalAveragePooling2D", "GlobalMaxPooling2D"):
        return GlobalPool2d("avg" if cls.startswith("GlobalAverage") else "max"), _Shape((x.dims[-1],))

    if cls == "Flatten":
        if len(x.dims) == 3:
            return nn.Flatten(), _Shape((math.prod(x.dims),), flattened_from=x.dims)
        return nn.Flatten(), _Shape((math.prod(x.dims),), flattened_from=x.flattened_from)

    if cls == "Dropout":
        return nn.Dropout(float(cfg.get("rate", 0))), x

    if cls == "Activation":
        return Activation(activation), x
    if cls == "ReLU":
        if cfg.get("max_value") not in (None, 6) or cfg.get("negative_slope", 0) or cfg.get("threshold", 0):
            raise ValueError(f"load_tfjs: {where} with max_value/negative_slope/threshold is not supported")
        return Activation("relu6" if cfg.get("max_value") == 6 else "relu"), x
    if cls == "Softmax":
        return Activation(None if is_output else "softmax"), x

    if cls == "BatchNormalization":
        axis = cfg.get("axis", -1)
        axis = axis[0] if isinstance(axis, list) else axis
        if axis not in (-1, len(x.dims)):
            raise ValueError(f"load_tfjs: {where} normalises axis {axis}; only the channel (last) axis is supported")
        n = x.dims[-1]
        module = (nn.BatchNorm2d if len(x.dims) == 3 else nn.BatchNorm1d)(
            n, eps=float(cfg.get("epsilon", 1e-3)), momentum=1 - float(cfg.get("momentum", 0.99)))
        values = {
            "gamma": param("gamma", [n], "gamma_initializer") if cfg.get("scale", True) else torch.ones(n),
            "beta": param("beta", [n], "beta_initializer") if cfg.get("center", True) else torch.zeros(n),
            "moving_mean": param("moving_mean", [n], "moving_mean_initializer"),
            "moving_variance": param("moving_variance", [n], "moving_variance_initializer"),
        }
        if weights is None:
            values["gamma"] = values["gamma"] if cfg.get("scale", True) else torch.ones(n)
        if x.flattened_from is not None:
            order = _chw_order(x.flattened_from)
            values = {k: v[order] for k, v in values.items()}
        with torch.no_grad():
            module.weight.copy_(values["gamma"])
            module.bias.copy_(values["beta"])
            module.running_mean.copy_(values["moving_mean"])
            module.running_var.copy_(values["moving_variance"])
        if not cfg.get("scale", True):
            module.weight.requires_grad_(False)
        if not cfg.get("center", True):
            module.bias.requires_grad_(False)
        return module, x

    if cls == "Add":
        if any(s.dims != x.dims or s.flattened_from != x.flattened_from for s in inputs):
            raise ValueError(f"load_tfjs: {where} adds tensors of different shapes")
        return Add(), x
    if cls == "Concatenate":
        if any(s.flattened_from is not None for s in inputs) or cfg.get("axis", -1) not in (-1, len(x.dims)):
            raise ValueError(f"load_tfjs: {where}: only concatenation along the last (channel) axis is supported")
        dims = (*x.dims[:-1], sum(s.dims[-1] for s in inputs))
        return Concatenate(dim=1 if len(x.dims) == 3 else -1), _Shape(dims)

    if cls == "InputLayer":
        return None, x
    raise ValueError(f"load_tfjs: {where}: the converter does not support {cls} layers")


class TfjsSequential(nn.Sequential):
    """A TF.js model whose layers form a chain, as an ``nn.Sequential`` with the same layer names
    (``model.conv1``, ``model.head``, ...). ``cut_after(name)`` keeps the layers up to ``name``."""

    def cut_after(self, name: str) -> nn.Sequential:
        """The layers from the input up to and including ``name`` (sharing their weights), like
        ``models.cutAfter`` in the lab."""
        names = [n for n, _ in self.named_children()]
        if name not in names:
            raise ValueError(f"cut_after: no layer '{name}'; the layers are {', '.join(names)}")
        return nn.Sequential(OrderedDict(list(self.named_children())[: names.index(name) + 1]))


class TfjsGraph(nn.Module):
    """A TF.js model whose layers form a graph (branches, Add, Concatenate)."""

    def __init__(self, modules: "OrderedDict[str, Optional[nn.Module]]", inbound: Dict[str, List[str]],
                 inputs: List[str], outputs: List[str]):
        super().__init__()
        self.layers = nn.ModuleDict({k: v for k, v in modules.items() if v is not None})
        self._order = list(modules)
        self._inbound, self._inputs, self._outputs = inbound, inputs, outputs

    def forward(self, *xs):
        values = dict(zip(self._inputs, xs))
        for name in self._order:
            if name in values:
                continue
            args = [values[i] for i in self._inbound[name]]
            values[name] = self.layers[name](*args) if name in self.layers else args[0]
        out = [values[o] for o in self._outputs]
        return out[0] if len(out) == 1 else tuple(out)


def from_model_json(model_json: dict, folder: Union[Path, None], seed: Optional[int] = None) -> nn.Module:
    """Builds the module from a parsed model.json. ``folder``: where its weight files are; None for
    random weights drawn from the model's own initializers (seeded by ``seed`` when given)."""
    if "modelTopology" not in model_json:
        raise ValueError("load_tfjs: this JSON is not a TensorFlow.js LayersModel (no modelTopology); "
                         "graph models cannot be converted")
    layers, input_names, output_names = _layer_list(model_json["modelTopology"])
    weights = _Weights(model_json, folder) if folder is not None else None
    generator = torch.Generator().manual_seed(seed) if seed is not None else None

    shapes: Dict[str, _Shape] = {}
    modules: "OrderedDict[str, Optional[nn.Module]]" = OrderedDict()
    inbound: Dict[str, List[str]] = {}
    pending = list(layers)
    while pending:
        ready = [l for l in pending if all(i in shapes for i in l["inbound"])]
        if not ready:
            raise ValueError("load_tfjs: the model's layers do not form a graph from its inputs: "
                             + ", ".join(l["config"]["name"] for l in pending))
        for layer in ready:
            pending.remove(layer)
            name = layer["config"]["name"]
            if layer["class_name"] == "InputLayer":
                shape = layer["config"].get("batch_input_shape") or layer["config"].get("batch_shape")
                if shape is None or any(d is None for d in shape[1:]):
                    raise ValueError(f"load_tfjs: input '{name}' has no fixed shape ({shape})")
                shapes[name] = _Shape(tuple(int(d) for d in shape[1:]))
                modules[name] = None
                inbound[name] = []
                continue
            module, shapes[name] = _build(layer, [shapes[i] for i in layer["inbound"]], weights, name in output_names, generator)
            modules[name] = module
            inbound[name] = layer["inbound"]
    if weights is not None:
        left = [f"{layer}/{p}" for layer, params in weights.by_layer.items() for p in params]
        if left:
            raise ValueError(f"load_tfjs: weights no layer uses: {', '.join(left)}")

    chain = len(input_names) == 1 and len(output_names) == 1 and all(
        len(inbound[n]) == 1 for n in modules if n not in input_names)
    if chain:
        order, seen = [], set(input_names)
        for name in modules:
            if name in input_names:
                continue
            if inbound[name][0] not in seen or inbound[name][0] != (order[-1] if order else input_names[0]):
                chain = False
                break
            order.append(name)
            seen.add(name)
        if chain and order and order[-1] == output_names[0]:
            model = TfjsSequential(OrderedDict((_safe(n), modules[n]) for n in order if modules[n] is not None))
        else:
            chain = False
    if not chain:
        model = TfjsGraph(OrderedDict((_safe(n), m) for n, m in modules.items()),
                          {_safe(n): [_safe(i) for i in v] for n, v in inbound.items()},
                          [_safe(i) for i in input_names], [_safe(o) for o in output_names])
    input_dims = shapes[input_names[0]].dims
    model.input_shape = (input_dims[-1], *input_dims[:-1]) if len(input_dims) == 3 else input_dims
    model.eval()
    return model


def load_tfjs(path: Union[str, Path]) -> nn.Module:
    """Loads a TensorFlow.js LayersModel (its ``model.json``; weight files beside it) as a PyTorch module.

    Works for the course's base model and for every model the exercises produce, including the one
    "Download my model" saves (``my-model.json`` + ``my-model.weights.bin``). The module takes
    N x C x H x W float inputs (preprocessed as in the course: pixels / 255) and returns logits.
    It is returned in ``eval()`` mode.
    """
    path = Path(path)
    if path.is_dir():
        path = path / "model.json"
    try:
        model_json = json.loads(path.read_text())
    except FileNotFoundError:
        raise FileNotFoundError(f"load_tfjs: {path} does not exist") from None
    except ValueError as error:
        raise ValueError(f"load_tfjs: {path} is not JSON ({error})") from None
    return from_model_json(model_json, path.parent)
