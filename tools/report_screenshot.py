"""Regenerate the README's screenshot of the HTML report from a real run.

    python tools/report_screenshot.py   # writes docs/img/report.png

Runs `verify fixtures/corpus --format html` into a temporary folder and photographs the
page with headless Chromium at 1280×1100 (the view it opens on: the findings).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "docs" / "img" / "report.png"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def main() -> int:
    browser = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    if browser is None:
        print("headless Chromium not found (apt-get install -y chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        script = "from verifier.cli import main; main()"
        args = ["fixtures/corpus", "--format", "html", "--report-dir", tmp, "--no-progress"]
        subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, capture_output=True)
        page = Path(tmp) / "report.html"
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--user-data-dir={tmp}/profile",
                "--window-size=1280,1100",
                f"--screenshot={TARGET}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
