"""svodka: a Russian-language news intelligence system."""
import os

# Natasha's models are small matrix products: OpenBLAS's extra threads only spin (one
# thread halved the CPU per article, bench/RESULTS.md). Set before numpy loads; a value
# the user exported wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
__version__ = "0.1.0"
