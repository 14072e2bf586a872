#!/usr/bin/python3
"""Checks schemas/eventgraph.schema.json against the samples and the invalid corpus.

Every samples/*.yaml|*.json must conform; every tests/data/invalid/* must be rejected.
With --eventgraph PATH, also runs `PATH validate FILE`: exit 0 on samples; on invalid files
exit 1 with `FILE:line:col: error:` on stderr.

Run with Debian's Python (python3-yaml, python3-jsonschema):

    /usr/bin/python3 tests/schema/check_schema.py [--eventgraph build/eventgraph]
"""

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schemas" / "eventgraph.schema.json"
SAMPLES = ROOT / "samples"
INVALID = ROOT / "tests" / "data" / "invalid"
EXTENSIONS = (".yaml", ".yml", ".json")


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps unquoted dates and times as strings, like the engine."""


# The engine reads an unquoted `date: 2026-02-06` as text; PyYAML would make it a datetime.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(path):
    with open(path, encoding="utf-8") as f:
        if path.suffix == ".json":
            return json.load(f)
        return yaml.load(f, Loader=_Loader)


def files(directory):
    return sorted(p for p in directory.iterdir() if p.is_file() and p.suffix in EXTENSIONS)


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def report(self, ok, what, detail=""):
        if ok:
            self.passed += 1
            print(f"ok    {what}")
        else:
            self.failed += 1
            print(f"FAIL  {what}" + (f": {detail}" if detail else ""))


def first_error(validator, document):
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is None:
        return None
    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
    message = error.message if len(error.message) <= 120 else error.message[:117] + "..."
    return f"{where}: {message}"


def run_engine(engine, path):
    return subprocess.run([engine, "validate", str(path)], capture_output=True, text=True,
                          timeout=60, check=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eventgraph", metavar="PATH", help="also check this eventgraph binary")
    args = parser.parse_args()

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    checks = Checks()
    checks.report(validator_class is jsonschema.Draft202012Validator,
                  "schema is draft 2020-12", validator_class.__name__)

    samples = files(SAMPLES)
    checks.report(len(samples) > 0, "samples found", str(SAMPLES))
    for path in samples:
        name = path.relative_to(ROOT)
        try:
            error = first_error(validator, load(path))
        except (OSError, ValueError, yaml.YAMLError) as e:
            error = f"cannot read: {e}"
        checks.report(error is None, f"schema accepts {name}", error or "")

    invalid = files(INVALID)
    checks.report(len(invalid) > 0, "invalid corpus found", str(INVALID))
    for path in invalid:
        name = path.relative_to(ROOT)
        try:
            error = first_error(validator, load(path))
        except (OSError, ValueError, yaml.YAMLError) as e:
            checks.report(False, f"schema rejects {name}", f"cannot read: {e}")
            continue
        checks.report(error is not None, f"schema rejects {name}" + (f" ({error})" if error else ""),
                      "accepted")

    if args.eventgraph:
        for path in samples:
            name = path.relative_to(ROOT)
            run = run_engine(args.eventgraph, path)
            checks.report(run.returncode == 0, f"eventgraph validate {name} exits 0",
                          f"exit {run.returncode}: {run.stderr.strip()[:500]}")
        for path in invalid:
            name = path.relative_to(ROOT)
            run = run_engine(args.eventgraph, path)
            checks.report(run.returncode == 1, f"eventgraph validate {name} exits 1",
                          f"exit {run.returncode}")
            located = re.search(re.escape(str(path)) + r":\d+:\d+: error:", run.stderr)
            checks.report(located is not None, f"eventgraph validate {name} reports FILE:line:col: error:",
                          repr(run.stderr.strip()[:500]))

    print(f"{checks.passed} passed, {checks.failed} failed")
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
