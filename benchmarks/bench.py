"""World-scale benchmark: time each phase of a build of a SYNTHETIC corpus (default 193
jurisdictions), median of several runs, plus a bare `mkdocs build` of the same generated docs
and an incremental run after changing one jurisdiction file; then the same phases for the
shipped (real) corpus, side by side. Prints a table, and the machine's speed before and after.

Usage: python benchmarks/bench.py [--count 193] [--runs 3]   (or `make bench`)
The synthetic corpus and the built site go to benchmarks/out/ (git-ignored, never published).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synth import generate as synthesise  # noqa: E402

from generator.analysis.world import analyse  # noqa: E402
from generator.app.build import source_date_epoch, split  # noqa: E402
from generator.io.load import load_files, read_folder  # noqa: E402
from generator.io.write import write_files, write_tree  # noqa: E402
from generator.render.common import GENERATED  # noqa: E402
from generator.render.site import render_site  # noqa: E402
from generator.validate.checks import check_corpus  # noqa: E402

TODAY = date(2026, 12, 31)  # on or after every date in the shipped corpus (as the tests)
OUT = ROOT / "benchmarks" / "out"


def project_for(corpus: Path, name: str = "project") -> Path:
    project = OUT / name
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(
        ROOT / "docs",
        project / "docs",
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("generated", "api", "index.md"),
    )
    return project


def machine_speed() -> float:
    """Seconds this machine takes for 20 million additions in a Python loop: its speed at the
    moment, printed before and after the runs. The host's load moves every figure by up to a
    half (2.5-4.3 s on this machine); runs compare only at a similar speed."""
    loop = "total = 0\nfor number in range(20_000_000):\n    total += number\n"
    start = time.perf_counter()
    exec(loop, {})  # noqa: S102 - a constant: as a script runs it, with global names
    return time.perf_counter() - start


def timed(phases: dict[str, float], name: str, function, *args):  # noqa: ANN001, ANN201
    start = time.perf_counter()
    result = function(*args)
    phases[name] = phases.get(name, 0.0) + time.perf_counter() - start
    return result


def mkdocs(project: Path, site: Path, epoch: int) -> float:
    if site.exists():
        shutil.rmtree(site)
    env = {"SOURCE_DATE_EPOCH": str(epoch), "NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        check=True,
        env=env,
        capture_output=True,
    )
    return time.perf_counter() - start


DETAIL = "  analyse: "  # the phases of analysis, within its total (some run in parallel)


def counted(phases: dict[str, float]) -> float:
    """The seconds of a whole build: every phase but the breakdown of analysis."""
    return sum(seconds for name, seconds in phases.items() if not name.startswith(DETAIL))


def one_run(
    corpus_dir: Path, project: Path, site: Path = OUT / "site"
) -> tuple[dict[str, float], dict[str, int]]:
    phases: dict[str, float] = {}
    files = timed(phases, "read files", read_folder, corpus_dir)
    result = timed(phases, "parse + validate", load_files, files, corpus_dir.name)
    problems = timed(phases, "corpus checks", check_corpus, result, TODAY)
    assert not result.problems and not problems, (result.problems + problems)[:5]
    corpus = result.corpus()
    timings: dict[str, float] = {}
    analysis = timed(phases, "analyse", analyse, corpus, TODAY, timings)
    for name, seconds in timings.items():  # some run at the same time: a breakdown, not a sum
        phases[f"{DETAIL}{name}"] = seconds
    reforms = analysis.reforms
    rendered = timed(phases, "render", render_site, corpus, analysis)
    pages, data, top = split(rendered)
    docs = project / "docs"
    timed(
        phases,
        "write",
        lambda: (
            write_tree(docs / GENERATED, pages),
            write_tree(docs / "api", data),
            write_files(docs, top),
        ),
    )
    phases["mkdocs build --strict"] = mkdocs(project, site, source_date_epoch(corpus))
    sizes = {
        "verdicts": len(analysis.extradition) + len(analysis.mla),
        "reforms": len(reforms),
        "generated files": len(rendered),
    }
    return phases, sizes


def site_sizes(site: Path) -> dict[str, int]:
    html = [p for p in site.rglob("*.html")]
    api = site / "api"
    return {
        "pages (HTML)": len(html),
        "whole site bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "largest page bytes": max(p.stat().st_size for p in html),
        "search index bytes": (site / "search" / "search_index.json").stat().st_size,
        "open data bytes": sum(p.stat().st_size for p in api.rglob("*") if p.is_file()),
        "open data files": sum(1 for p in api.rglob("*") if p.is_file()),
    }


def incremental(corpus_dir: Path, project: Path) -> tuple[float, int, int]:
    """Change one jurisdiction file, regenerate: seconds and files rewritten."""
    target = sorted((corpus_dir / "jurisdictions").glob("*.yaml"))[0]
    text = target.read_text()
    target.write_text(text.replace('"nationals": {', '"nationals": {"note": "changed",', 1))
    start = time.perf_counter()
    files = read_folder(corpus_dir)
    result = load_files(files, corpus_dir.name)
    corpus = result.corpus()
    rendered = render_site(corpus, analyse(corpus, TODAY))
    pages, data, top = split(rendered)
    docs = project / "docs"
    changed = (
        write_tree(docs / GENERATED, pages)[0]
        + write_tree(docs / "api", data)[0]
        + write_files(docs, top)
    )
    seconds = time.perf_counter() - start
    target.write_text(text)
    return seconds, len(changed), len(rendered)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=193)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    speed_before = machine_speed()
    corpus_dir = synthesise(OUT / "corpus", args.count)
    project = project_for(corpus_dir)
    runs = []
    sizes: dict[str, int] = {}
    for _ in range(args.runs):
        for folder in (project / "docs" / GENERATED, project / "docs" / "api"):
            shutil.rmtree(folder, ignore_errors=True)
        phases, sizes = one_run(corpus_dir, project)
        runs.append(phases)
    bare = [mkdocs(project, OUT / "site-bare", 0) for _ in range(args.runs)]
    median = {name: statistics.median(r[name] for r in runs) for name in runs[0]}
    total = counted(median)
    analysis = median["analyse"]
    built = site_sizes(OUT / "site")
    inc_seconds, inc_files, inc_total = incremental(corpus_dir, project)
    peak = (
        max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        )
        / 1024
    )

    print(f"Comity benchmark: {args.count} synthetic jurisdictions, median of {args.runs} runs")
    print(f"{'phase':36} {'seconds':>10}")
    for name, seconds in median.items():
        print(f"{name:36} {seconds:10.2f}")
    print(f"{'analysis total (target <= 10 s)':36} {analysis:10.2f}")
    print(f"{'full build total (target <= 60 s)':36} {total:10.2f}")
    print(f"{'bare mkdocs build (baseline)':36} {statistics.median(bare):10.2f}")
    print(f"{'ratio full build / bare mkdocs':36} {total / statistics.median(bare):10.2f}")
    print(f"{'peak memory (MB)':36} {peak:10.0f}")
    for name, value in {**sizes, **built}.items():
        print(f"{name:36} {value:10,}")
    print(f"{'one-file change: seconds':36} {inc_seconds:10.2f}")
    print(f"{'one-file change: files rewritten':36} {inc_files:10,} of {inc_total:,}")
    real_runs = []
    real_project = project_for(ROOT / "corpus", "project-real")
    for _ in range(args.runs):
        for folder in (real_project / "docs" / GENERATED, real_project / "docs" / "api"):
            shutil.rmtree(folder, ignore_errors=True)
        phases, real_sizes = one_run(ROOT / "corpus", real_project, OUT / "site-real")
        real_runs.append(phases)
    real = {name: statistics.median(r[name] for r in real_runs) for name in real_runs[0]}
    real_built = site_sizes(OUT / "site-real")
    print(
        f"\nShipped corpus ({real_sizes['verdicts']:,} verdicts), median of {args.runs} runs, "
        "beside the synthetic one"
    )
    print(f"{'phase':36} {'synthetic':>10} {'shipped':>10}")
    for name in median:
        print(f"{name:36} {median[name]:10.2f} {real.get(name, 0.0):10.2f}")
    real_analysis = real["analyse"]
    print(f"{'analysis total (target <= 10 s)':36} {analysis:10.2f} {real_analysis:10.2f}")
    print(f"{'full build total (target <= 60 s)':36} {total:10.2f} {counted(real):10.2f}")
    for name in built:
        print(f"{name:36} {built[name]:10,} {real_built[name]:10,}")
    speed_after = machine_speed()
    print(
        f"\nMachine speed (20 million additions in a Python loop): {speed_before:.2f} s before "
        f"the runs, {speed_after:.2f} s after (2.48 s at this machine's fastest seen)"
    )


if __name__ == "__main__":
    main()
