#!/bin/sh
# Regenerates the image-model figures of docs/image-models.md from the shipped models (run from the repository root after
# `mvn -q package -DskipTests`; JAR=path overrides the jar): sample grids of the three models and inpainting strips.
set -eu
JAR=${JAR:-target/diffusionlab.jar}
OUT=assets/screenshots
M=assets/models
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
for ds in deadleaves digits texture; do
  java -jar "$JAR" sample "$M/$ds.dlab" --n 64 --seed 1 --zoom 3 --png "$OUT/image-samples-$ds.png"
done
# An inpainting: the first test digit with its central 12 x 12 replaced, the fill shown step by step.
java -cp "$JAR:$(dirname "$JAR")/lib/*" org.diffusionlab.data.ExampleImages "$TMP"
for ds in deadleaves digits gravel; do    # the training data, drawn as the sample grids are, to set beside them
  cp "$TMP/data-$ds.png" "$OUT/image-data-$ds.png"
done
java -jar "$JAR" inpaint "$M/digits.dlab" "$TMP/digit.png" "$TMP/hole.png" --seed 1 --zoom 4 \
  --out "$TMP/filled.png" --trajectory "$OUT/image-inpaint-digits.png"
java -jar "$JAR" inpaint "$M/deadleaves.dlab" "$TMP/leaves.png" "$TMP/hole.png" --seed 1 --zoom 4 \
  --out "$TMP/filled-leaves.png" --trajectory "$OUT/image-inpaint-deadleaves.png"
java -jar "$JAR" inpaint "$M/texture.dlab" "$TMP/gravel.png" "$TMP/hole.png" --seed 1 --zoom 4 \
  --out "$TMP/filled-gravel.png" --trajectory "$OUT/image-inpaint-texture.png"
