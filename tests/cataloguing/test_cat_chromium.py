"""The served catalogue in a real headless Chromium: load a facet URL, read the facet."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHIDAO_CHROMIUM", "/usr/bin/chromium")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (Path(CHROMIUM).is_file() or shutil.which("chromium")),
                       reason=f"no Chromium at {CHROMIUM}: `apt-get install -y chromium` "
                              "(Debian) to run the browser test"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(db_path: Path) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from chidao.cli import main; main()", "serve",
         "--db", str(db_path), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:  # wait for Datasette to answer, not a fixed sleep
            try:
                urllib.request.urlopen(url + "/-/versions.json", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out = proc.stdout.read().decode() if proc.stdout else ""
                    pytest.fail(f"chidao serve did not start: {out[-2000:]}")
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def dump_dom(url: str, profile: Path) -> str:
    result = subprocess.run(
        [shutil.which("chromium") or CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profile}", "--dump-dom", url],
        capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_facet_in_real_browser(server: str, tmp_path: Path) -> None:
    # Select the legacy province Bình Định through its facet link and read the page back.
    dom = dump_dom(f"{server}/catalogue/directives?_facet=level"
                   "&province_legacy=B%C3%ACnh+%C4%90%E1%BB%8Bnh", tmp_path / "profile")
    assert '2 rows where province_legacy = "Bình Định"' in " ".join(dom.split())
    assert 'class="facet-info facet-catalogue-directives-level"' in dom
    # The level facet counts only the selected province's directives.
    assert "UBND huyện Tây Sơn" in dom and "Chủ tịch tỉnh Cà Mau" not in dom
    assert 'level=district' in dom and 'level=central' not in dom
