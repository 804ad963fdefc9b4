"""Build verifier/extract/first_names.txt from the nomquamgender name data (MIT licence).

    pip download nomquamgender==0.1.4 --no-deps -d /tmp/nqg
    python tools/build_first_names.py /tmp/nqg/nomquamgender-0.1.4-py3-none-any.whl

nomquamgender (Van Buskirk, Clauset and Larremore, 2022) gives, for 720,000 names, how
often each was borne by women in 36 sources. The extractor needs two things from it: that a word
is a first name at all (so `Dirty Dancing` is not a person), and, for some names, that it
is almost never borne by the other gender. So the table keeps first names seen at least
`MIN_COUNT` times, marked with a gender only when one gender bears them at least
`MIN_SHARE` of the time: "Lindsey" (90 % women, but Lindsey Graham) is marked u, unknown.
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

MIN_COUNT = 1000
MIN_SHARE = 0.95
OUT = Path(__file__).resolve().parent.parent / "verifier" / "extract" / "first_names.txt"

HEADER = """\
# First names seen at least 1,000 times, one per line, lowercased; after a tab: f when
# women bear the name at least 95 % of the time, m when men do, u otherwise.
# Built by tools/build_first_names.py from nomquamgender 0.1.4 (name_data.json):
# https://github.com/ianvanbuskirk/nomquamgender
#
# Copyright (c) 2022 Ian Van Buskirk
#
# Permission is hereby granted, free of charge, to any person obtaining a copy of this
# software and associated documentation files (the "Software"), to deal in the Software
# without restriction, including without limitation the rights to use, copy, modify, merge,
# publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
# to whom the Software is furnished to do so, subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all copies or
# substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
# INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
# PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
# FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
# OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
# DEALINGS IN THE SOFTWARE.
"""


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as zf:
        data = json.loads(zf.read("nomquamgender/name_data.json"))
    rows = []
    for name, (_sources, count, share_women, *_rest) in data.items():
        if count < MIN_COUNT or not name.replace("-", "").isalpha():
            continue
        if share_women >= MIN_SHARE:
            rows.append(f"{name}\tf")
        elif share_women <= 1 - MIN_SHARE:
            rows.append(f"{name}\tm")
        else:
            rows.append(f"{name}\tu")
    OUT.write_text(HEADER + "\n".join(sorted(rows)) + "\n", encoding="utf-8")
    print(f"{len(rows)} names -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
