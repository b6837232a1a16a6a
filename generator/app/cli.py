"""The `comity` command line: parse arguments, call the pipeline, print, choose the exit code.

Exit codes: 0 ok, 1 corpus problems, 2 usage error (including a folder or disk that refuses a
write), 3 a bug. No traceback reaches a contributor: an unexpected error is reported in one line
with a request to file an issue.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.countries import country_name, is_iso_code
from ..core.problems import CorpusInvalid, Problem
from ..core.staleness import cutoff
from ..core.terminal import json_printable, show
from ..io.write import ProjectBusy, WriteFailed, project_lock
from ..validate import pipeline
from ..validate.checks import stale_facts

if TYPE_CHECKING:  # imported lazily at run time, where a command needs them
    from ..analysis.world import Analysis
    from ..core.models import Corpus

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how the command was called (exit 2)."""


def today() -> date:
    """The date used for 'not in the future' and staleness (COMITY_TODAY overrides, for tests)."""
    override = os.environ.get("COMITY_TODAY")
    return date.fromisoformat(override) if override else date.today()


MAX_AGE_DAYS = {"d": 36_500, "m": 1_200, "y": 100}  # a hundred years, in each unit


def parse_age(text: str) -> tuple[int, str]:
    """`24m`, `2y`, `90d` → (number, unit), at most a hundred years (older dates are not
    representable for every `today`, and no fact is that old)."""
    match = re.fullmatch(r"(\d{1,6})([dmy])", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not an age like 90d, 24m or 2y")
    number, unit = int(match.group(1)), match.group(2)
    if number > MAX_AGE_DAYS[unit]:
        raise argparse.ArgumentTypeError(
            f"{text!r} is too long ago; the longest age is {MAX_AGE_DAYS[unit]}{unit} (100 years)"
        )
    return number, unit


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in sorted(problems):
        show(problem, error=True, keep_newlines=False)


# --------------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    result = pipeline.load_and_check(args.corpus, today())
    warnings: list[Problem] = []
    if args.stale_after is not None:
        warnings = stale_facts(result, cutoff(today(), args.stale_after))
    errors = [p for p in result.problems if p.severity == "error"]
    _print_problems([*errors, *warnings])
    if errors:
        show(f"{len(errors)} problem(s); nothing was written.", error=True)
        return EXIT_PROBLEMS
    counts = pipeline.counts(result)
    show(
        f"corpus ok: {counts['jurisdictions']} jurisdictions, {counts['instruments']} instruments, "
        f"{counts['relations']} relations, {counts['offences']} offences"
        + (f"; {len(warnings)} stale fact(s)" if args.stale_after is not None else "")
    )
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from ..core.schema import schema_files
    from ..io.write import write_files

    folder = args.out or args.corpus / "schema"
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--out {folder} is a file; give a folder for the schema files")
    changed = write_files(folder, schema_files())
    show(f"{folder}: {len(changed)} schema file(s) updated")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from ..io.write import write_new_file
    from .template import jurisdiction_template

    code = args.code.upper()
    if not is_iso_code(code):
        raise UsageError(f"{args.code!r} is not an ISO 3166-1 alpha-2 code")
    target = args.corpus / "jurisdictions" / f"{code.lower()}.yaml"
    if target.exists() or target.is_symlink():
        raise UsageError(
            f"{target} already exists" + (" (a symbolic link)" if target.is_symlink() else "")
        )
    write_new_file(target, jurisdiction_template(code, today()))
    show(f"wrote {target} for {country_name(code)}; every fact is `unknown` until you source it")
    return EXIT_OK


def _code(corpus_codes: tuple[str, ...], text: str) -> str:
    code = text.upper()
    if code not in corpus_codes:
        raise UsageError(
            f"unknown jurisdiction {text!r}; the corpus has: {', '.join(corpus_codes)}"
        )
    return code


def _choice(kind: str, valid: list[str], text: str) -> str:
    if text not in valid:
        raise UsageError(f"unknown {kind} {text!r}; valid {kind}s: {', '.join(valid)}")
    return text


def cmd_explain(args: argparse.Namespace) -> int:
    from ..analysis.context import Context
    from ..analysis.extradition import evaluate
    from ..analysis.mla import evaluate_mla
    from ..core.models import MEASURES
    from ..render.serialize import verdict_dict
    from .explain import explain_text

    corpus = pipeline.load_valid_corpus(args.corpus, today())
    ctx = Context(corpus)
    requesting = _code(ctx.codes, args.requesting)
    requested = _code(ctx.codes, args.requested)
    if requesting == requested:
        raise UsageError("requesting and requested state must differ")
    offences = sorted(ctx.offences)
    offence = _choice("offence", offences, args.offence) if args.offence else None
    if args.measure:
        measure = _choice("measure", list(MEASURES), args.measure)
        verdict = evaluate_mla(ctx, requesting, requested, measure, offence)
    else:
        if offence is None:
            raise UsageError(
                "give an OFFENCE, or --measure for mutual legal assistance; "
                f"offences: {', '.join(offences)}"
            )
        verdict = evaluate(ctx, requesting, requested, offence, args.person)
    if args.json:
        show(json_printable(json.dumps(verdict_dict(verdict), indent=2, ensure_ascii=False)))
    else:
        show(explain_text(verdict))
    return EXIT_OK


def _project(args: argparse.Namespace) -> Path:
    project = args.project.resolve()
    if not (project / "mkdocs.yml").is_file():
        raise UsageError(f"{project} has no mkdocs.yml (use --project)")
    return project


def cmd_generate(args: argparse.Namespace) -> int:
    from .build import generate

    project = _project(args)
    with project_lock(project):
        result, _, _ = generate(args.corpus, project, today())
    timings = ", ".join(f"{k} {v:.2f}s" for k, v in result.seconds.items())
    show(
        f"generated {result.files} files: {len(result.changed)} written, "
        f"{len(result.removed)} removed ({timings})"
    )
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from .build import BuildFailed, generate, mkdocs_build, site_dir_refusal, source_date_epoch

    project = _project(args)
    site_dir = (args.site_dir or project / "site").resolve()
    refusal = site_dir_refusal(site_dir, project, args.corpus)
    if refusal:
        raise UsageError(refusal)
    with project_lock(project):
        result, corpus, _ = generate(args.corpus, project, today())
        try:
            mkdocs_build(project, site_dir, source_date_epoch(corpus))
        except BuildFailed as exc:
            show(
                f"comity: the site build failed; {site_dir} was left as it was.\n{exc}", error=True
            )
            return EXIT_PROBLEMS
    show(f"built {site_dir} from {result.files} generated files ({len(result.changed)} changed)")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import AddressError, serve

    try:
        return serve(args.corpus.resolve(), _project(args), args.address, today)
    except AddressError as exc:
        raise UsageError(str(exc)) from None


def cmd_diff(args: argparse.Namespace) -> int:
    from ..analysis.world import analyse
    from ..io.git import read_git_revision
    from ..io.load import read_folder
    from .diff import as_json, compare, markdown

    corpus_dir = args.corpus.resolve()

    def side(revision: str | None) -> tuple[tuple[Corpus, Analysis] | list[Problem], str]:
        label = revision or "working tree"
        files = (
            read_folder(corpus_dir) if revision is None else read_git_revision(corpus_dir, revision)
        )
        if files is None:
            raise UsageError(f"cannot read the corpus at {label!r} (is it a git revision?)")
        result = pipeline.check_files(files, corpus_dir.name, today())
        if result.problems:
            return sorted(result.problems), label
        corpus = result.corpus()
        return (corpus, analyse(corpus, today())), label

    base, base_label = side(args.base)
    head, head_label = side(args.head)
    report = compare(base_label, head_label, base, head)
    if args.format == "json":
        show(json_printable(json.dumps(as_json(report), indent=2, ensure_ascii=False)))
    else:
        show(markdown(report))
    return EXIT_PROBLEMS if (report.base_problems or report.head_problems) else EXIT_OK


def cmd_changelog(args: argparse.Namespace) -> int:
    import subprocess

    from ..io.git import corpus_history
    from ..render.changelog import changelog_markdown

    try:
        entries = corpus_history(args.corpus.resolve(), args.limit)
    except (subprocess.CalledProcessError, OSError) as exc:
        raise UsageError(f"cannot read the git history of {args.corpus}") from exc
    show(changelog_markdown(entries), end="")
    return EXIT_OK


# --------------------------------------------------------------------------------------------
# Argument parsing
# --------------------------------------------------------------------------------------------


def _corpus_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path("corpus"),
        help="corpus folder (default: ./corpus)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="comity",
        description="Comity: gap and compatibility matrices for international "
        "criminal-cooperation law.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate the corpus")
    _corpus_arg(check)
    check.add_argument(
        "--stale-after",
        type=parse_age,
        default=None,
        metavar="AGE",
        help="also warn about facts verified longer ago than AGE (e.g. 24m, 2y, 90d)",
    )
    check.set_defaults(func=cmd_check)

    schema = sub.add_parser("schema", help="write the JSON Schemas editors use")
    _corpus_arg(schema)
    schema.add_argument("--out", type=Path, default=None, help="folder (default: CORPUS/schema)")
    schema.set_defaults(func=cmd_schema)

    new = sub.add_parser("new", help="scaffold a jurisdiction file from the annotated template")
    _corpus_arg(new)
    new.add_argument("code", help="ISO 3166-1 alpha-2 code, e.g. PT")
    new.set_defaults(func=cmd_new)

    def project_arg(parser: argparse.ArgumentParser) -> None:
        _corpus_arg(parser)
        parser.add_argument(
            "--project",
            type=Path,
            default=Path("."),
            help="folder with mkdocs.yml and docs/ (default: .)",
        )

    generate = sub.add_parser("generate", help="write the generated pages and open data")
    project_arg(generate)
    generate.set_defaults(func=cmd_generate)

    build = sub.add_parser("build", help="check, generate and build site/ (strict)")
    project_arg(build)
    build.add_argument("--site-dir", type=Path, default=None, help="output (default: site/)")
    build.set_defaults(func=cmd_build)

    serve = sub.add_parser("serve", help="preview with live reload on corpus changes")
    project_arg(serve)
    serve.add_argument("--address", default="127.0.0.1:8000", help="host:port to serve on")
    serve.set_defaults(func=cmd_serve)

    diff = sub.add_parser("diff", help="facts and verdicts changed between two git revisions")
    _corpus_arg(diff)
    diff.add_argument("base", help="base revision, e.g. origin/main")
    diff.add_argument(
        "head", nargs="?", default=None, help="head revision (default: the working tree)"
    )
    diff.add_argument("--format", choices=["markdown", "json"], default="markdown")
    diff.set_defaults(func=cmd_diff)

    changelog = sub.add_parser("changelog", help="Markdown changelog from the corpus git history")
    _corpus_arg(changelog)
    changelog.add_argument("--limit", type=int, default=200, help="most recent commits to list")
    changelog.set_defaults(func=cmd_changelog)

    explain = sub.add_parser("explain", help="one verdict with its full trace")
    _corpus_arg(explain)
    explain.add_argument("requesting", help="requesting state, e.g. US")
    explain.add_argument("requested", help="requested state, e.g. BR")
    explain.add_argument("offence", nargs="?", help="offence id, e.g. money_laundering")
    person = explain.add_mutually_exclusive_group()
    person.add_argument(
        "--person",
        choices=["national", "other"],
        default="other",
        help="is the person a national of the requested state? (default: other)",
    )
    person.add_argument(
        "--national",
        dest="person",
        action="store_const",
        const="national",
        help="shorthand for --person national",
    )
    explain.add_argument("--measure", help="an MLA measure instead of extradition")
    explain.add_argument("--json", action="store_true", help="machine-readable output")
    explain.set_defaults(func=cmd_explain)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return int(args.func(args))
    except UsageError as exc:
        show(f"comity: {exc}", error=True)
        return EXIT_USAGE
    except (WriteFailed, ProjectBusy) as exc:
        show(f"comity: {exc}", error=True)
        return EXIT_USAGE
    except CorpusInvalid as exc:
        _print_problems(exc.problems)
        show(f"{len(exc.problems)} problem(s); nothing was written.", error=True)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - last line of defence: never a traceback
        if os.environ.get("COMITY_DEBUG"):
            raise
        show(
            f"comity: internal error ({type(exc).__name__}: {str(exc)[:300]}). "
            "Please report it; set COMITY_DEBUG=1 for details.",
            error=True,
        )
        return 3


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
