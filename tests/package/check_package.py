"""The installed package as a consumer sees it (docs/library.md).

Installs the build tree into a temporary prefix, then builds tests/package/consumer twice, with
find_package(eventgraph) and with pkg-config, runs both on a story and compares what they print
with what the installed `eventgraph` command says of the same story. Also checks that the
consumer compiles with no include path but the prefix's (no Boost, Graphviz or fmt header is
needed), that the installed Python module (when built) imports from the prefix, and which
versions the CMake package accepts.
"""

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path


def run(cmd, **kw):
    done = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {shlex.join(map(str, cmd))}\n{done.stdout}{done.stderr}")
    return done.stdout


def expected_output(cli, story, root, version):
    """What the consumer must print, from the installed command's --json."""
    stats = json.loads(run([cli, "stats", "--json", story]))
    chain = json.loads(run([cli, "chain", "--json", root, story]))
    line = " ".join([root] + [f"{e['depth']}:{e['event']['id']}" for e in chain["down"]])
    return (f"version {version} (headers {version})\n"
            f"events {stats['events']}\nactors {stats['actors']}\n"
            f"relations {stats['relations']}\nchain {line}\n")


def check_include_paths(build, prefix):
    """Every include path of the consumer's compile lies in the prefix."""
    commands = json.loads((build / "compile_commands.json").read_text())
    for entry in commands:
        args = shlex.split(entry["command"])
        for i, arg in enumerate(args):
            for flag in ("-I", "-isystem"):
                if arg == flag:
                    path = args[i + 1]
                elif arg.startswith(flag) and flag == "-I":
                    path = arg[2:]
                else:
                    continue
                if not Path(path).resolve().is_relative_to(prefix.resolve()):
                    sys.exit(f"consumer compiles with an include path outside the prefix: {path}")


def accepts(cmake, config_dir, wanted):
    """Whether eventgraphConfigVersion.cmake accepts a request for `wanted`."""
    script = config_dir / "probe.cmake"
    major, minor = wanted.split(".")[:2]
    script.write_text(
        f'set(PACKAGE_FIND_VERSION "{wanted}")\n'
        f'set(PACKAGE_FIND_VERSION_MAJOR "{major}")\nset(PACKAGE_FIND_VERSION_MINOR "{minor}")\n'
        'set(PACKAGE_FIND_VERSION_COUNT 2)\nset(CMAKE_SIZEOF_VOID_P 8)\n'
        f'include("{config_dir}/eventgraphConfigVersion.cmake")\n'
        'message("${PACKAGE_VERSION_COMPATIBLE}")\n')
    done = subprocess.run([cmake, "-P", script], capture_output=True, text=True)
    script.unlink()
    return done.stderr.strip() == "TRUE"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--build", type=Path, required=True)
    p.add_argument("--cmake", required=True)
    p.add_argument("--generator", required=True)
    p.add_argument("--cxx", required=True)
    p.add_argument("--cxx-flags", default="")
    p.add_argument("--linker-flags", default="")
    p.add_argument("--consumer", type=Path, required=True)
    p.add_argument("--version", required=True)
    p.add_argument("--story", required=True)
    p.add_argument("--event", required=True)
    a = p.parse_args()

    with tempfile.TemporaryDirectory(prefix="eventgraph-package-") as tmp:
        tmp = Path(tmp)
        prefix = tmp / "prefix"
        run([a.cmake, "--install", a.build, "--prefix", prefix])
        cli = prefix / "bin" / "eventgraph"
        if run([cli, "--version"]) != f"eventgraph {a.version}\n":
            sys.exit(f"installed eventgraph --version is not {a.version}")
        want = expected_output(cli, a.story, a.event, a.version)

        # find_package(eventgraph 0.2 REQUIRED) and eventgraph::engine.
        build = tmp / "consumer"
        run([a.cmake, "-S", a.consumer, "-B", build, "-G", a.generator,
             f"-DCMAKE_PREFIX_PATH={prefix}", f"-DCMAKE_CXX_COMPILER={a.cxx}",
             f"-DCMAKE_CXX_FLAGS={a.cxx_flags}", f"-DCMAKE_EXE_LINKER_FLAGS={a.linker_flags}",
             "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"])
        run([a.cmake, "--build", build])
        check_include_paths(build, prefix)
        got = run([build / "app", a.story, a.event])
        if got != want:
            sys.exit(f"find_package consumer printed\n{got}instead of\n{want}")

        # pkg-config: a static library, so --static for its private dependencies.
        pc = sorted(prefix.glob("**/pkgconfig/eventgraph.pc"))
        if len(pc) != 1:
            sys.exit(f"expected one eventgraph.pc under the prefix, found {pc}")
        env = dict(os.environ, PKG_CONFIG_PATH=str(pc[0].parent))
        if run(["pkg-config", "--modversion", "eventgraph"], env=env).strip() != a.version:
            sys.exit("pkg-config --modversion eventgraph is not the project's version")
        flags = shlex.split(run(["pkg-config", "--cflags", "--libs", "--static", "eventgraph"], env=env))
        app = tmp / "app-pkg-config"
        run([a.cxx, "-std=c++20", *shlex.split(a.cxx_flags), a.consumer / "main.cpp", "-o", app,
             *flags, *shlex.split(a.linker_flags)])
        got = run([app, a.story, a.event])
        if got != want:
            sys.exit(f"pkg-config consumer printed\n{got}instead of\n{want}")

        # The Python module, when the build has it: importable from the prefix alone.
        for package in sorted(prefix.glob("lib/**/dist-packages/eventgraph/__init__.py")):
            code = ("import sys, eventgraph\n"
                    "print(eventgraph.__file__, eventgraph.__version__,"
                    " len(eventgraph.load(sys.argv[1]).events))")
            env = dict(os.environ, PYTHONPATH=str(package.parent.parent))
            got = run([sys.executable, "-c", code, a.story], env=env).split()
            stats = json.loads(run([cli, "stats", "--json", a.story]))
            if got != [str(package), a.version, str(stats["events"])]:
                sys.exit(f"the installed Python module says {got}")

        # SameMinorVersion: 0.2 takes 0.2.x only (0.x: a minor release may break the API).
        config_dir = pc[0].parent.parent / "cmake" / "eventgraph"
        major, minor = (int(n) for n in a.version.split(".")[:2])
        cases = [(f"{major}.{minor}", True), (f"{major}.{minor + 1}", False),
                 (f"{major + 1}.{minor}", False)]
        if minor > 0:
            cases.append((f"{major}.{minor - 1}", False))
        for wanted, ok in cases:
            if accepts(a.cmake, config_dir, wanted) != ok:
                sys.exit(f"the package {'refuses' if ok else 'accepts'} a request for {wanted}")
    print("package: find_package and pkg-config consumers agree with the installed eventgraph")


if __name__ == "__main__":
    main()
