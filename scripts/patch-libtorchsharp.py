#!/usr/bin/env python3
"""Lets TorchSharp 0.107's native glue load on Debian 12 (kokoro-notes §0).

libLibTorchSharp.so asks for GLIBCXX_3.4.32 (GCC 13's libstdc++) for one symbol no relocation uses; bookworm's
libstdc++ stops at 3.4.30. Marking that version requirement weak (VER_FLG_WEAK in .gnu.version_r) lets the loader
accept the older library. Only the copy in a build or publish folder is touched (never the NuGet cache), only
when the system's libstdc++ lacks the version, and a second run changes nothing.

Usage: patch-libtorchsharp.py FOLDER...   (each searched for libLibTorchSharp.so)
"""
import os
import struct
import sys

WANTED = b"GLIBCXX_3.4.32"
VER_FLG_WEAK = 0x2
SHT_GNU_VERNEED = 0x6FFFFFFE
LIBSTDCXX = ["/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6"]


def elf_hash(name: bytes) -> int:
    h = 0
    for c in name:
        h = ((h << 4) + c) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h


def system_has_version() -> bool:
    for path in LIBSTDCXX:
        if os.path.exists(path):
            with open(path, "rb") as library:
                return WANTED in library.read()
    return False


def patch(path: str) -> str:
    with open(path, "r+b") as elf:
        data = bytearray(elf.read())
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            return "not a 64-bit little-endian ELF file"
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
        for index in range(shnum):
            header = shoff + index * shentsize
            sh_type, = struct.unpack_from("<I", data, header + 4)
            if sh_type != SHT_GNU_VERNEED:
                continue
            offset, = struct.unpack_from("<Q", data, header + 0x18)
            count, = struct.unpack_from("<I", data, header + 0x2C)  # sh_info: number of Verneed entries
            need = offset
            for _ in range(count):
                _, aux_count, _, aux_offset, next_need = struct.unpack_from("<HHIII", data, need)
                aux = need + aux_offset
                for _ in range(aux_count):
                    vna_hash, vna_flags, _, _, next_aux = struct.unpack_from("<IHHII", data, aux)
                    if vna_hash == elf_hash(WANTED):
                        if vna_flags & VER_FLG_WEAK:
                            return "already patched"
                        struct.pack_into("<H", data, aux + 4, vna_flags | VER_FLG_WEAK)
                        elf.seek(0)
                        elf.write(data)
                        return "patched"
                    aux += next_aux
                need += next_need
        return f"no {WANTED.decode()} requirement"


def main() -> int:
    if system_has_version():
        return 0
    for folder in sys.argv[1:]:
        for root, _, files in os.walk(folder):
            if "libLibTorchSharp.so" in files:
                path = os.path.join(root, "libLibTorchSharp.so")
                print(f"patch-libtorchsharp: {path}: {patch(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
