"""Replies per second of defusedxml.ElementTree.fromstring on one reply (the CMS seed's parser).

The Python side of the `xml-rate` binary: same file, same loop shape, one JSON line.
Run: python defusedxml_rate.py --reply crates/nbi-core/benches/fixtures/cms_ont_reply.xml
"""

import argparse
import json
import time

import defusedxml
import defusedxml.ElementTree as ET

MAX_REPLY = 16 * 1024 * 1024


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--reply", required=True)
    p.add_argument("--seconds", type=float, default=2.0)
    a = p.parse_args()
    if not a.seconds > 0:
        p.error("--seconds must be positive")
    with open(a.reply, "rb") as f:
        reply = f.read(MAX_REPLY + 1)
    if len(reply) > MAX_REPLY:
        p.error("reply too large")
    ET.fromstring(reply)  # fails early on a refused file
    replies = 0
    started = time.perf_counter()
    while time.perf_counter() - started < a.seconds:
        for _ in range(64):
            ET.fromstring(reply)
        replies += 64
    seconds = time.perf_counter() - started
    print(json.dumps({
        "reader": f"defusedxml {defusedxml.__version__}",
        "reply_bytes": len(reply),
        "replies": replies,
        "seconds": round(seconds, 3),
        "replies_per_s": round(replies / seconds),
    }))


if __name__ == "__main__":
    main()
