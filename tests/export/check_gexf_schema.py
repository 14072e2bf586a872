#!/usr/bin/python3
"""Validates `eventgraph export --format gexf` of each story against the GEXF 1.3 XSD with
xmllint (libxml2-utils). The XSD lives outside the repository (../shared/ref/gexf-1.3 next to
the source tree); without it the test is skipped (exit 77) with a message, never passed.

The shared copy is flattened: its viz.xsd lost its namespace and dynamics.xsd declares
`color`, `position`, `size` and `thickness` in the GEXF namespace, where Gephi ignores them
(it reads `viz:color` in http://gexf.net/1.3/viz, as the published schema has it). So the
schema is validated from a temporary copy with those four elements given back to the viz
namespace: viz.xsd gets its target namespace and the elements, dynamics.xsd refers to them.

Usage: check_gexf_schema.py --eventgraph BIN --xsd PATH STORY...
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

VIZ = "http://gexf.net/1.3/viz"
VIZ_ELEMENTS = ("color", "position", "size", "thickness")
VIZ_GROUPS = ("color-content", "position-content", "size-content", "thickness-content",
              "node-shape-content", "edge-shape-content")


def viz_schema_copy(xsd, folder):
    """The shared schema in `folder`, with the viz elements in the viz namespace; returns the
    path of the copy's gexf.xsd."""
    source = os.path.dirname(xsd)
    shutil.copy(xsd, os.path.join(folder, "gexf.xsd"))
    dynamics = open(os.path.join(source, "dynamics.xsd"), encoding="utf-8").read()
    viz = open(os.path.join(source, "viz.xsd"), encoding="utf-8").read()
    declarations = []
    for name in VIZ_ELEMENTS:
        found = re.search(rf'  <xs:element name="{name}">.*?</xs:element>\n', dynamics, re.S)
        if not found:
            raise SystemExit(f"dynamics.xsd: no declaration of {name} to move")
        declarations.append(found.group(0))
        dynamics = dynamics.replace(found.group(0), "")
        dynamics = dynamics.replace(f'ref="ns1:{name}"', f'ref="viz:{name}"')
    for group in VIZ_GROUPS:
        dynamics = dynamics.replace(f'ref="{group}"', f'ref="viz:{group}"')
    dynamics = dynamics.replace("<xs:schema ", f'<xs:schema xmlns:viz="{VIZ}" ', 1)
    dynamics = dynamics.replace('<xs:import schemaLocation="viz.xsd"/>',
                                f'<xs:import namespace="{VIZ}" schemaLocation="viz.xsd"/>')
    viz = viz.replace("<xs:schema ", f'<xs:schema targetNamespace="{VIZ}" xmlns="{VIZ}" ', 1)
    viz = viz.replace("</xs:schema>", "".join(declarations) + "</xs:schema>")
    with open(os.path.join(folder, "dynamics.xsd"), "w", encoding="utf-8") as out:
        out.write(dynamics)
    with open(os.path.join(folder, "viz.xsd"), "w", encoding="utf-8") as out:
        out.write(viz)
    with open(os.path.join(folder, "gexf.xsd"), encoding="utf-8") as f:
        gexf = f.read()
    gexf = gexf.replace('<xs:import schemaLocation="viz.xsd"/>',
                        f'<xs:import namespace="{VIZ}" schemaLocation="viz.xsd"/>')
    with open(os.path.join(folder, "gexf.xsd"), "w", encoding="utf-8") as out:
        out.write(gexf)
    return os.path.join(folder, "gexf.xsd")


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
        schema_dir = os.path.join(tmp, "schema")
        os.mkdir(schema_dir)
        xsd = viz_schema_copy(args.xsd, schema_dir)
        for story in args.stories:
            out = os.path.join(tmp, os.path.basename(story) + ".gexf")
            subprocess.run([args.eventgraph, "export", story, "-o", out], check=True)
            result = subprocess.run(["xmllint", "--noout", "--schema", xsd, out],
                                    capture_output=True, text=True)
            print(result.stderr.strip())
            failed = failed or result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
