"""What the Python tests share: the built `eventgraph` command and the stories they read.

ctest runs them with PYTHONPATH at the build tree's python/ folder and EVENTGRAPH at the built
command (tests/python/CMakeLists.txt); by hand:

    PYTHONPATH=build/dev/python EVENTGRAPH=build/dev/eventgraph /usr/bin/python3 -m pytest tests/python
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[2]
SEED = SOURCE / "samples" / "dhs-california-detainers-2026.yaml"
TWO_ZONES = SOURCE / "samples" / "two-zones.yaml"
SAMPLES = sorted(SOURCE.glob("samples/*.yaml")) + sorted(SOURCE.glob("samples/*.json")) + sorted(
    SOURCE.glob("samples/import/*.yaml"))
EVENTGRAPH = os.environ.get("EVENTGRAPH", str(SOURCE / "build" / "dev" / "eventgraph"))


class Cli:
    """Runs the built command; what the module says must equal what it prints."""

    def run(self, *args, status=0):
        done = subprocess.run([EVENTGRAPH, *map(str, args)], capture_output=True)
        assert done.returncode == status, done.stderr.decode()
        return done

    def json(self, *args):
        return json.loads(self.run(*args, "--json").stdout)

    def output(self, tmp_path, *args, name):
        """The bytes the command writes to -o NAME."""
        out = tmp_path / name
        self.run(*args, "-o", out)
        return out.read_bytes()


@pytest.fixture(scope="session")
def cli():
    return Cli()
