"""The differential fuzz cases of ``cases.py`` driven by hypothesis (any CPython).

:class:`DrawProvider` answers the data-provider calls of :mod:`cases` with
hypothesis draws, so the same cases run where atheris does not build
(CPython 3.13).  Runs until ``FUZZ_SECONDS`` (argument 1, default 60) have
passed, then prints the number of inputs; a divergence or an exception other
than the cases' own is shrunk by hypothesis and reported with its input::

    python -I fuzz/fuzz_hypothesis.py 60
"""

from __future__ import annotations

import os
import sys
import time
import typing as t

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # -I drops the script's folder

import cases  # noqa: E402

_ANY_CHAR = st.characters(blacklist_categories=())  # lone surrogates included


class DrawProvider:
    """atheris's ``FuzzedDataProvider`` calls, answered by ``data.draw``."""

    def __init__(self, data: st.DataObject) -> None:
        self.draw = data.draw

    def ConsumeIntInRange(self, lo: int, hi: int) -> int:
        return self.draw(st.integers(lo, hi))

    def ConsumeInt(self, nbytes: int) -> int:
        bound = 1 << (8 * nbytes - 1)
        return self.draw(st.integers(-bound, bound - 1))

    def ConsumeBytes(self, n: int) -> bytes:
        return self.draw(st.binary(max_size=n))

    def ConsumeUnicode(self, n: int) -> str:
        return self.draw(st.text(_ANY_CHAR, max_size=n))

    def ConsumeUnicodeNoSurrogates(self, n: int) -> str:
        return self.draw(st.text(max_size=n))

    def ConsumeRegularFloat(self) -> float:
        return self.draw(st.floats(allow_nan=False, allow_infinity=False))

    def ConsumeFloat(self) -> float:
        return self.draw(st.floats())

    def ConsumeFloatInRange(self, lo: float, hi: float) -> float:
        return self.draw(st.floats(lo, hi))

    def ConsumeBool(self) -> bool:
        return self.draw(st.booleans())

    def PickValueInList(self, values: list) -> t.Any:  # type: ignore[type-arg]
        return self.draw(st.sampled_from(values))


def run(seconds: float, batch: int = 500) -> int:
    """Fuzz in batches of *batch* examples until *seconds* have passed; return the inputs tried."""
    count = 0

    @settings(max_examples=batch, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.data(), st.binary(max_size=64))
    def one(data: st.DataObject, raw: bytes) -> None:
        nonlocal count
        count += 1
        cases.compare("weak_etag", lambda m: m.weak_etag, (raw,))
        cases.one_input(DrawProvider(data))

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        one()
    return count


if __name__ == "__main__":
    sys.setrecursionlimit(10_000)
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    started = time.monotonic()
    n = run(seconds)
    print(
        f"fuzz_hypothesis: {n} inputs in {time.monotonic() - started:.0f} s on CPython "
        f"{sys.version.split()[0]}, no divergence, no crash"
    )
