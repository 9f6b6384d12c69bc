"""Screenshots of the built docs site in headless Chromium, to look at before a release.

    mkdocs build --strict -d /tmp/site-docs
    python scripts/screenshot_docs.py /tmp/site-docs          # writes /tmp/docs-shots/*.png

Serves the site from a local http.server thread (loopback only) and takes a full-page screenshot of the
home page, getting started, the API reference and the gallery with Debian's Chromium (`apt-get install
chromium`); nothing is downloaded. Look at each: no ``:func:`` shows, Chinese is glyphs not boxes, the
chart is on the home page, the API page reads.
"""

from __future__ import annotations

import argparse
import functools
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = {"home": "", "getting-started": "getting-started/", "api": "api/", "gallery": "gallery/"}
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
#: Headless, and no background connections: the machine has no network but loopback.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


#: Added to a page asked for with ``?measure``: writes the page's full height into the DOM that
#: ``--dump-dom`` prints, once the images are in (Chromium's command line has no full-page screenshot).
MEASURE = (
    b"<script>addEventListener('load', () => document.documentElement.setAttribute("
    b"'data-height', document.documentElement.scrollHeight))</script>"
)


class Handler(SimpleHTTPRequestHandler):
    """Serves the site; ``?measure`` adds the measuring script to a page."""

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        if query != "measure":
            super().do_GET()
            return
        file = Path(self.translate_path(path))
        body = (file / "index.html" if file.is_dir() else file).read_bytes().replace(b"</body>", MEASURE + b"</body>")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def page_height(browser: str, url: str, width: int, profile: str) -> int:
    """The page's full height in CSS pixels at ``width``, as the page itself measures it."""
    done = subprocess.run(
        [
            browser,
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={width},1000",
            "--virtual-time-budget=10000",
            "--dump-dom",
            url + "?measure",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    found = re.search(r'data-height="(\d+)"', done.stdout)
    if found is None:
        raise RuntimeError(f"{url}: the page did not report its height")
    return min(int(found[1]), 30_000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site (mkdocs build -d SITE)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/docs-shots"))
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args(argv)
    browser = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    if browser is None:
        print("no Chromium found: apt-get install chromium", file=sys.stderr)
        return 1
    if not (args.site / "index.html").is_file():
        print(f"{args.site} is not a built site: run mkdocs build first", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(Handler, directory=str(args.site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        for name, path in PAGES.items():
            with tempfile.TemporaryDirectory() as profile:
                height = page_height(browser, base + path, args.width, profile)
                shot = args.out / f"{name}.png"
                subprocess.run(
                    [
                        browser,
                        *FLAGS,
                        f"--user-data-dir={profile}",
                        f"--window-size={args.width},{height}",
                        f"--screenshot={shot}",
                        base + path,
                    ],
                    capture_output=True,
                    timeout=120,
                    check=True,
                )
            print(f"{shot} ({args.width}x{height})")
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
