#!/usr/bin/python3
"""Validates `eventgraph export --format gexf` of each story against the GEXF 1.3 XSD with
xmllint (libxml2-utils). The XSD lives outside the repository (../shared/ref/gexf-1.3 next to
the source tree); without it the test is skipped (exit 77) with a message, never passed.

Usage: check_gexf_schema.py --eventgraph BIN --xsd PATH STORY...
"""

import argparse
import os
import subprocess
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--eventgraph", required=True)
    parser.add_argument("--xsd", required=True)
    parser.add_argument("stories", nargs="+")
    args = parser.parse_args()
    if not os.path.isfile(args.xsd):
        print(f"SKIP: the GEXF 1.3 schema is not at {args.xsd}")
        return 77
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for story in args.stories:
            out = os.path.join(tmp, os.path.basename(story) + ".gexf")
            subprocess.run([args.eventgraph, "export", story, "-o", out], check=True)
            result = subprocess.run(["xmllint", "--noout", "--schema", args.xsd, out],
                                    capture_output=True, text=True)
            print(result.stderr.strip())
            failed = failed or result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
