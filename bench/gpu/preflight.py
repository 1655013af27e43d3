"""Loads libtorch as TorchSharp will, then TorchSharp's glue with every symbol resolved (RTLD_NOW), so a glue built against
another libtorch stops the run here with one clear line instead of crashing in the middle of it.

Usage: preflight.py TORCH_LIB_DIR GLUE_PATH cpu|cuda
"""
import ctypes
import os
import sys

torch_lib, glue, device = sys.argv[1:4]
libraries = ["libc10.so", "libtorch_cpu.so"] + (["libtorch_cuda.so"] if device == "cuda" else [])
for name in libraries:
    path = os.path.join(torch_lib, name)
    try:
        ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL)
    except OSError as error:
        print(f"PREFLIGHT FAILED: cannot load {path}: {error}")
        sys.exit(3)
try:
    ctypes.CDLL(glue, mode=os.RTLD_NOW)
except OSError as error:
    print(f"PREFLIGHT FAILED: {os.path.basename(glue)} does not link against the libtorch in {torch_lib}: {error}")
    sys.exit(3)
print(f"preflight ok: {os.path.basename(glue)} links against {torch_lib} ({', '.join(libraries)})")
