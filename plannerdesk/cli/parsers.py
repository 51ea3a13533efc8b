"""The commands' options, with nothing heavy imported: ``plannerdesk
--help`` and a mistyped option answer at once. Each command names the
function that runs it as ``"module:function"`` of this package, imported
only when that command runs. The texts are translated as the parser is
built, in the language :func:`plannerdesk.cli.main` chose."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from ..evaluate.names import EVALUATORS
from ..model.language import LANGUAGES, system_language, tr
from ..model.schema import LAYER_ORDER, LAYERS


def add_inspect(sub) -> None:
    for name, run, text in (
            ("info", "evaluation:run_info",
             tr("layers, counts, CRS, extent, settings")),
            ("validate", "evaluation:run_validate",
             tr("list problems (status 1 on errors)"))):
        command = sub.add_parser(name, help=text)
        command.add_argument("plan", type=Path, metavar="PLAN.gpkg")
        command.set_defaults(run=run)


def add_evaluate(sub) -> None:
    ev = sub.add_parser("evaluate", help=tr(
        "score coverage, walkability, parking and exchange"))
    ev.add_argument("plan", type=Path, metavar="PLAN.gpkg")
    ev.add_argument("--json", type=Path, metavar="SUMMARY.json",
                    help=tr("write the headline figures as JSON"))
    ev.add_argument("--out", type=Path, metavar="RESULTS.gpkg",
                    help=tr("write per-building, per-lot and per-zone "
                            "results"))
    ev.add_argument("--csv", type=Path, metavar="FOLDER",
                    help=tr("write every result table as CSV (UTF-8, opens "
                            "in Excel) into FOLDER"))
    add_only(ev)
    ev.add_argument("--quiet", action="store_true",
                    help=tr("no progress display"))
    ev.set_defaults(run="evaluation:run_evaluate")


def add_batch(sub) -> None:
    batch = sub.add_parser("batch", help=tr(
        "evaluate many plans, on this machine or a Dask cluster, into a "
        "portfolio"))
    batch.add_argument("plans", type=Path, nargs="*", metavar="PLAN.gpkg",
                       help=tr("the plans to evaluate (and those --list "
                               "names)"))
    batch.add_argument("--list", type=Path, metavar="PLANS.txt",
                       help=tr("a text file naming one plan per line "
                               "(relative to its folder; # starts a "
                               "comment)"))
    which = batch.add_mutually_exclusive_group()
    which.add_argument("--scenario", metavar="NAME",
                       help=tr("evaluate this scenario of every plan "
                               "(default: each plan's active one)"))
    which.add_argument("--all-scenarios", action="store_true",
                       help=tr("evaluate every scenario of every plan"))
    add_only(batch)
    batch.add_argument("--out", type=_folder, required=True, metavar="FOLDER",
                       help=tr("where the portfolio and each plan's "
                               "outputs go (created when missing)"))
    where = batch.add_mutually_exclusive_group()
    where.add_argument("--workers", type=_positive, metavar="N",
                       help=tr("processes on this machine (default: one "
                               "per core)"))
    where.add_argument("--scheduler", type=_address,
                       metavar="tcp://HOST:PORT",
                       help=tr("the address of a running Dask scheduler "
                               "whose workers evaluate the plans"))
    batch.add_argument("--force", action="store_true",
                       help=tr("evaluate again plans whose outputs are up "
                               "to date"))
    batch.add_argument("--quiet", action="store_true",
                       help=tr("no progress display"))
    batch.set_defaults(run="batch:run_batch")


def _folder(text: str) -> Path:
    """A folder to write into; an empty text (which would be the current
    folder) is refused."""
    if not text.strip():
        raise argparse.ArgumentTypeError(tr(
            "the folder is empty. Fix: name the folder the portfolio goes "
            "into, e.g. --out portfolio"))
    return Path(text)


def _address(text: str) -> str:
    """A Dask scheduler's address, ``tcp://HOST:PORT`` (or ``tls://``, or
    ``HOST:PORT``); argparse shows the refusal."""
    if not re.fullmatch(r"((tcp|tls)://)?[\w.\-\[\]:]+:\d{1,5}", text.strip()):
        raise argparse.ArgumentTypeError(tr(
            "'{text}' is not a scheduler's address. Fix: give the address "
            "'dask scheduler' prints, e.g. tcp://192.168.1.10:8786").format(
                text=text))
    return text.strip()


def _positive(text: str) -> int:
    """A count of at least 1; argparse shows the refusal."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(tr(
            "'{text}' is not a count. Fix: give a whole number of at least "
            "1").format(text=text))
    return value


def add_only(command) -> None:
    """``--only``: the evaluators to run."""
    command.add_argument("--only", metavar="LIST", help=tr(
        "comma-separated subset of: {evaluators}").format(
            evaluators=",".join(EVALUATORS)))


def add_find_parking(sub) -> None:
    find = sub.add_parser("find-parking", help=tr(
        "lots with spare spaces near a destination at an hour"))
    find.add_argument("plan", type=Path, metavar="PLAN.gpkg")
    where = find.add_mutually_exclusive_group(required=True)
    where.add_argument("--at", metavar="X,Y", help=tr(
        "the destination, in the plan's coordinates"))
    where.add_argument("--building", metavar="NAME", help=tr(
        "the destination building, by name"))
    find.add_argument("--time", default="10:00", metavar="HH:MM",
                      help=tr("the hour of arrival (default 10:00)"))
    find.add_argument("--day", choices=("weekday", "saturday"),
                      default="weekday", help=tr("default: weekday"))
    find.add_argument("--json", type=Path, metavar="OUT.json",
                      help=tr("write the lots offered as JSON"))
    find.set_defaults(run="parking:run_find_parking")


def add_suggest(sub) -> None:
    place = sub.add_parser("suggest", help=tr(
        "where new facilities or parking would serve the most"))
    place.add_argument("plan", type=Path, metavar="PLAN.gpkg")
    place.add_argument("--add", required=True, metavar="CATEGORY|parking",
                       help=tr("a facility category (cafe, fitness, ...) "
                               "or parking"))
    place.add_argument("--count", type=int, default=1, metavar="N",
                       help=tr("how many places (default 1)"))
    place.add_argument("--json", type=Path, metavar="OUT.json",
                       help=tr("write the suggestions as JSON"))
    place.set_defaults(run="suggest:run_suggest")


def add_report(sub) -> None:
    rep = sub.add_parser("report", help=tr(
        "write the layout report (PDF), or a batch's portfolio report"))
    rep.add_argument("plan", type=Path, nargs="?", metavar="PLAN.gpkg")
    rep.add_argument("--portfolio", type=Path, metavar="FOLDER",
                     help=tr("report on the portfolio a batch wrote into "
                             "FOLDER instead of on one plan"))
    rep.add_argument("-o", "--out", type=Path, required=True,
                     metavar="REPORT.pdf", help=tr("the PDF to write"))
    rep.add_argument("--paper", choices=("a4", "a3"), default="a4",
                     help=tr("landscape paper size (default a4)"))
    rep.add_argument("--lang", choices=tuple(LANGUAGES),
                     default=system_language(),
                     help=tr("language of the report (default: the "
                             "system's, now {code})").format(
                                 code=system_language()))
    rep.add_argument("--author", help=tr("author named on the title page "
                                         "(default: a blank line to sign)"))
    rep.add_argument("--no-notes", dest="review_notes", action="store_false",
                     help=tr("leave the review notes out (the client's "
                             "copy)"))
    rep.add_argument("--label-scale", type=float, default=5000, metavar="N",
                     help=tr("name facilities, spaces and lots on the site "
                             "map when it is at 1:N or closer (default "
                             "5000)"))
    rep.add_argument("--title",
                     help=tr("report title (default: from the site)"))
    rep.add_argument("--scenario", metavar="NAME",
                     help=tr("report on this scenario (default: the active "
                             "one)"))
    rep.add_argument("--compare", metavar="BASE",
                     help=tr("add a comparison with scenario BASE"))
    rep.add_argument("--quiet", action="store_true",
                     help=tr("no progress display"))
    rep.set_defaults(run="reporting:run_report")


def add_fieldwork(sub) -> None:
    pack = sub.add_parser("package", help=tr(
        "pack the plan, its site maps and note photos into a zip or folder "
        "for fieldwork"))
    pack.add_argument("plan", type=Path, metavar="PLAN.gpkg")
    pack.add_argument("-o", "--out", type=Path, required=True,
                      metavar="OUT.zip|FOLDER",
                      help=tr("a .zip file, or a new or empty folder"))
    pack.add_argument("--include-outside", action="store_true",
                      help=tr("also pack site maps and note photos that lie "
                              "outside the plan's folder (they are listed, "
                              "and left out without this)"))
    pack.set_defaults(run="fieldwork:run_package")
    notes = sub.add_parser("notes", help=tr(
        "list the review notes, or write them as CSV"))
    notes.add_argument("plan", type=Path, metavar="PLAN.gpkg")
    notes.add_argument("--csv", type=Path, metavar="OUT.csv",
                       help=tr("write the notes as CSV (UTF-8, opens in "
                               "Excel)"))
    notes.set_defaults(run="fieldwork:run_notes")


def add_open(sub) -> None:
    app = sub.add_parser("open", help=tr("open the desktop app"))
    app.add_argument("plan", type=Path, nargs="?", metavar="PLAN.gpkg",
                     help=tr("a plan, or a field package (.zip) to unpack "
                             "beside itself and open"))
    app.add_argument("--sample", action="store_true",
                     help=tr("open the Dream Town sample"))
    app.set_defaults(run="fieldwork:run_open")


def add_new(sub) -> None:
    new = sub.add_parser("new", help=tr("create an empty plan file"))
    new.add_argument("plan", type=Path, metavar="PLAN.gpkg")
    new.add_argument("--crs", required=True,
                     help=tr("projected CRS in metres, e.g. EPSG:4549"))
    new.add_argument("--site", type=Path, metavar="FILE",
                     help=tr("vector file holding the site boundary"))
    new.add_argument("--force", action="store_true",
                     help=tr("replace an existing file"))
    new.set_defaults(run="imports:run_new")


def add_import(sub) -> None:
    imp = sub.add_parser("import", help=tr("add features from a vector file"))
    imp.add_argument("plan", type=Path, metavar="PLAN.gpkg")
    imp.add_argument("source", type=Path, metavar="SOURCE")
    imp.add_argument("--layer", help=tr("layer of SOURCE to read"))
    imp.add_argument("--as", dest="kind", required=True, type=layer_kind,
                     metavar="KIND", help=tr("plan layer: {layers}").format(
                         layers=", ".join(LAYERS)))
    imp.add_argument("--map", action="append", default=[],
                     metavar="FIELD=SOURCE_FIELD",
                     help=tr("fill FIELD from SOURCE_FIELD (repeatable)"))
    imp.add_argument("--set", action="append", default=[],
                     metavar="FIELD=VALUE",
                     help=tr("set FIELD to VALUE for every feature "
                             "(repeatable)"))
    imp.add_argument("--source-crs", metavar="EPSG:NNNN",
                     help=tr("CRS of SOURCE when the file has none (a CSV "
                             "without it is taken as EPSG:4326 only when its "
                             "columns are lon/lat-named and in range)"))
    imp.add_argument("--x-field", metavar="COLUMN",
                     help=tr("for a CSV (a table without geometry): the "
                             "column of x or longitude, with --y-field "
                             "(default: a column named x, lon, lng or "
                             "longitude, in any case)"))
    imp.add_argument("--y-field", metavar="COLUMN",
                     help=tr("for a CSV: the column of y or latitude "
                             "(default: y, lat or latitude)"))
    imp.add_argument("--skip-invalid", action="store_true",
                     help=tr("import the valid features and write those "
                             "with errors, with their reasons, to "
                             "PLAN_refused_SOURCE.gpkg beside the plan "
                             "(default: import nothing when any feature has "
                             "an error)"))
    imp.add_argument("--keep-duplicates", action="store_true",
                     help=tr("also import features identical to ones "
                             "already in the layer (left out by default)"))
    imp.set_defaults(run="imports:run_import")


def add_import_osm(sub) -> None:
    osm = sub.add_parser(
        "import-osm", help=tr("fill a plan from an OpenStreetMap extract "
                              "(.osm or .osm.pbf), offline"))
    osm.add_argument("plan", type=Path, nargs="?", metavar="PLAN.gpkg",
                     help=tr("the plan; created when it does not exist"))
    osm.add_argument("extract", type=Path, nargs="?",
                     metavar="EXTRACT.osm.pbf|EXTRACT.osm")
    where = osm.add_mutually_exclusive_group()
    where.add_argument("--site", type=Path, metavar="FILE",
                       help=tr("import what meets the site in FILE (it "
                               "becomes the plan's site when it has none)"))
    where.add_argument("--bbox", metavar="W,S,E,N",
                       help=tr("import what meets this box of longitude and "
                               "latitude (it becomes the plan's site when it "
                               "has none)"))
    osm.add_argument("--crs", metavar="EPSG:NNNN",
                     help=tr("CRS of a new plan (default: the UTM zone of "
                             "the extract)"))
    osm.add_argument("--list-mapping", action="store_true",
                     help=tr("print how OSM tags become PlannerDesk "
                             "features"))
    osm.set_defaults(run="osm:run_import_osm")


def layer_kind(text: str) -> str:
    """The plan layer named by ``--as``; argparse shows the refusal."""
    if text not in LAYERS:
        raise argparse.ArgumentTypeError(tr(
            "invalid choice: '{text}'. Fix: use one of {layers}").format(
                text=text, layers=", ".join(LAYER_ORDER)))
    return text
