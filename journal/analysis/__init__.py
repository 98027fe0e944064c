"""Pure analysis of a journal: statistics, next-day comparisons, the experiment's design and
result, simulated diaries and their validation. No Django here (a test checks it)."""

import os

# numpy's OpenBLAS starts a thread per core for every matrix product. The products here are
# small (at most a few thousand rows by a hundred columns), and with several processes on a
# busy 2-core machine the threads' spin-waiting made a product 30 times slower (29 ms of CPU
# against 1 ms on one thread). It only takes effect before numpy is first imported; the
# Makefile sets it for `make validate` as well.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
