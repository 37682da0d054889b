#!/usr/bin/env python3
"""Opens a page in headless Chromium as a reader would and checks what a person would see.

Usage: browser_check.py CHROMIUM PAGE.html SHOT.png WIDTH HEIGHT

Fails (exit 1, with the reason) when the screenshot is missing, blank or not of the size asked
for, when the page writes anything to the console (errors, uncaught exceptions), or when the
page asks for anything outside the file (the page must be self-contained). Chromium's own
background traffic (update checks and the like) is told apart by its origin and ignored.
"""
import json
import os
import struct
import subprocess
import sys
import tempfile
import zlib


def fail(message):
    print(f"browser check of {sys.argv[2]}: {message}")
    sys.exit(1)


def png_pixels(path):
    """(width, height, the decompressed scanlines) of an 8-bit PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("the screenshot is not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    chunks, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        if kind == b"IDAT":
            chunks.append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
    return width, height, zlib.decompress(b"".join(chunks))


def main():
    chromium, page, shot, width, height = sys.argv[1:6]
    with tempfile.TemporaryDirectory() as work:
        net_log = os.path.join(work, "net.json")
        command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   "--no-first-run", "--disable-extensions", f"--user-data-dir={work}/profile",
                   "--enable-logging=stderr", "--v=0", f"--log-net-log={net_log}",
                   f"--screenshot={shot}", f"--window-size={width},{height}",
                   "file://" + os.path.abspath(page)]
        try:
            run = subprocess.run(command, capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            fail("Chromium did not finish within 120 s")
        console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
        if console:
            fail("the page wrote to the console:\n  " + "\n  ".join(console))
        if not os.path.exists(net_log):
            fail("Chromium wrote no network log")
        try:
            events = json.load(open(net_log))["events"]
        except (ValueError, KeyError):
            fail("the network log is not readable")
        # The page's own requests carry the file as their site; Chromium's own have no origin.
        leaving = set()
        for event in events:
            params = event.get("params", {})
            url = params.get("url", "")
            if "site=file://" in params.get("site_for_cookies", "") and not url.startswith(("file:", "data:")):
                leaving.add(url)
        if leaving:
            fail("the page asks for things outside the file: " + ", ".join(sorted(leaving)))
    if not os.path.exists(shot) or os.path.getsize(shot) == 0:
        fail("Chromium wrote no screenshot")
    w, h, rows = png_pixels(shot)
    if (w, h) != (int(width), int(height)):
        fail(f"the screenshot is {w}x{h}, not {width}x{height}")
    # Filtered scanlines of a blank page are almost all zero (no change) or 255 (white): a page of
    # text, tables and charts has many other bytes.
    drawn = sum(1 for b in rows[::7] if b not in (0, 255)) / max(1, len(rows[::7]))
    if drawn < 0.01:
        fail(f"the screenshot is nearly blank ({drawn:.2%} of its bytes drawn)")
    print(f"{page}: {w}x{h}, {drawn:.1%} drawn, no console message, nothing outside the file")


if __name__ == "__main__":
    main()
