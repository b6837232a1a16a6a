"""World maps as static, inline SVG: the party status of an instrument in every state, and the
extradition verdicts of requests to one state.

Geometry: Natural Earth's 1:50m country boundaries as redistributed by world-atlas 2.0.2
(`generator/data/`, read once per build; no network), in the Equal Earth projection (an
equal-area projection: no country looks larger than it is), simplified to half a pixel at the
drawn width. A state too small to see at that scale gets a marker at its centre.

Accessibility: colour is never the only cue (each category has its own pattern, the legend
names every category with its count, and each country carries its name and category as a
tooltip); the map is an image with a text alternative, and the page always puts a table with
the same data beside it. Pure: data in, SVG text out (the map data file is a packaged asset).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import pycountry

from ..core.countries import country_name
from .escape import html

WIDTH = 960  # drawn width of the map in SVG units
TOLERANCE = 0.5  # simplification tolerance, in SVG units
SMALL = 8.0  # a state whose outline encloses less (SVG units²) gets a marker
ANTARCTICA = "010"

# Equal Earth projection (Šavrič, Patterson, Jenny 2018), coefficients of the published formula.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2

Point = tuple[float, float]


@dataclass(frozen=True)
class Shape:
    """One state on the map: its outline as SVG path data, and a marker centre if it is too
    small to see."""

    path: str
    centre: Point
    small: bool


@dataclass(frozen=True)
class Category:
    """A class of states on a map: key (its CSS class `k-<key>` sets fill and pattern) and
    label for the legend."""

    key: str
    label: str


def _equal_earth(lon: float, lat: float) -> Point:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


_X_MAX = _equal_earth(180, 0)[0]
_Y_MAX = _equal_earth(0, 90)[1]
_SCALE = WIDTH / (2 * _X_MAX)


def _project(lon: float, lat: float) -> Point:
    x, y = _equal_earth(lon, lat)
    return (x + _X_MAX) * _SCALE, (_Y_MAX - y) * _SCALE


HEIGHT = round(_project(0, -60)[1])  # Antarctica is left out: the map stops at 60° south


def _simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: the points needed to stay within `tolerance` of the line. Arcs are
    simplified once and shared, so neighbouring states keep a common border."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        x1, y1 = points[first]
        x2, y2 = points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, index = -1.0, -1
        for m in range(first + 1, last):
            x, y = points[m]
            if length:
                distance = abs(dy * (x - x1) - dx * (y - y1)) / length
            else:
                distance = math.hypot(x - x1, y - y1)
            if distance > farthest:
                farthest, index = distance, m
        if farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """The topology's arcs, decoded (delta-encoded, quantized), projected and simplified."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    found = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append(_project(x * sx + tx, y * sy + ty))
        found.append(_simplify(points, TOLERANCE))
    return found


def _ring(arcs: list[list[Point]], indexes: Sequence[int]) -> list[list[Point]]:
    """A ring from its arcs, cut where it runs along the antimeridian (a jump of more than half
    the map's width): the pieces on each side are joined into one ring per side."""
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    pieces: list[list[Point]] = [[]]
    for point in points:
        if pieces[-1] and abs(point[0] - pieces[-1][-1][0]) > WIDTH / 2:
            pieces.append([])
        pieces[-1].append(point)
    if len(pieces) == 1:
        return pieces
    sides: dict[bool, list[Point]] = {}
    for piece in pieces:
        sides.setdefault(piece[0][0] > WIDTH / 2, []).extend(piece)
    return list(sides.values())


def _area(ring: list[Point]) -> float:
    """The area a ring encloses (shoelace formula), in SVG units²."""
    return (
        abs(
            sum(
                x1 * y2 - x2 * y1
                for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
            )
        )
        / 2
    )


def _path(rings: list[list[Point]]) -> str:
    return "".join(
        "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in ring) + "Z" for ring in rings if len(ring) > 2
    )


@cache
def world() -> dict[str, Shape]:
    """Every state in the map data with an ISO 3166-1 alpha-2 code, by that code."""
    text = resources.files("generator").joinpath("data/countries-50m.json").read_text("utf-8")
    topology = json.loads(text)
    arcs = _arcs(topology)
    rings_of: dict[str, list[list[Point]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        country = pycountry.countries.get(numeric=numeric) if numeric else None
        if country is None or numeric == ANTARCTICA:
            continue  # disputed areas without a code (e.g. N. Cyprus), and Antarctica
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings_of.setdefault(country.alpha_2, []).extend(
            piece for polygon in polygons for ring in polygon for piece in _ring(arcs, ring)
        )  # several features may share a code (Australia and Ashmore and Cartier Islands)
    shapes: dict[str, Shape] = {}
    for code, rings in rings_of.items():
        area = sum(_area(ring) for ring in rings if len(ring) > 2)
        main = max(rings, key=len)  # the centre of the largest ring, for a marker
        centre = (sum(x for x, _ in main) / len(main), sum(y for _, y in main) / len(main))
        shapes[code] = Shape(_path(rings), centre, area < SMALL)
    return shapes


# Fills live in comity.css (.cy-map .k-<key>); the patterns they name are defined in each map.
_PATTERNS = (
    '<defs><pattern id="cy-map-hatch" width="5" height="5" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="5" height="5" fill="#f3cf6b"/>'
    '<rect width="2" height="5" fill="#7a5500"/></pattern>'
    '<pattern id="cy-map-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
    '<rect width="5" height="5" fill="#ededf2"/><circle cx="2.5" cy="2.5" r="1" fill="#55555f"/>'
    "</pattern>"
    '<pattern id="cy-map-cross" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#f4b3b3"/>'
    '<path d="M0,0L6,6M6,0L0,6" stroke="#8b1111" stroke-width="1.2"/></pattern>'
    '<pattern id="cy-map-lines" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#d9e4ec"/><rect width="6" height="1.5" fill="#5a7184"/>'
    "</pattern></defs>"
)


GEOMETRY_FILE = "world.svg"  # under generated/: the outlines every map on the site reuses


def world_geometry() -> str:
    """The outlines of every state, once for the whole site: an SVG document whose paths carry
    the state's ISO code as id. Each map on a page draws them with `<use>`, so a page holds only
    its categories (about 30 kB), not the geometry (135 kB); the outlines set no fill,
    so each `<use>` colours its copy through the page's stylesheet."""
    shapes = world()
    paths = "".join(
        f'<path id="{code}" d="{shapes[code].path}"/>'
        for code in sorted(shapes)
        if shapes[code].path
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}">'
        f"<title>World outlines (Natural Earth 1:50m, Equal Earth projection)</title>{paths}</svg>"
    )


def world_map(
    map_id: str,
    title: str,
    description: str,
    categories: Sequence[Category],
    of_state: Mapping[str, str],
    states: Sequence[str],
    data: Mapping[str, str] | None = None,
    geometry: str = "../../" + GEOMETRY_FILE,
) -> str:
    """An inline SVG map: each state in `states` drawn with the category `of_state` gives it
    (states outside `states`: neutral, no category); a legend naming each category and how
    many of the drawn states it holds. `data`: per state, a string stored on its shape
    (`data-v`) for a script that recolours the map (the first character is shown).
    `geometry`: the URL of `world_geometry()` relative to the page."""
    shapes = world()
    drawn = [code for code in states if code in shapes]
    counts = {c.key: sum(1 for s in drawn if of_state.get(s) == c.key) for c in categories}
    labels = {c.key: c.label for c in categories}
    outlines, markers = [], []
    for code in sorted(shapes):
        shape = shapes[code]
        key = of_state.get(code) if code in states else None  # None: not asked about
        tip = country_name(code) if key is None else f"{country_name(code)}: {labels[key]}"
        extra = f' data-v="{html(data[code])}"' if data and code in data else ""
        attributes = f'class="k-{key or "none"}" data-code="{code}"{extra}'
        if shape.path:
            outlines.append(
                f'<use href="{html(geometry)}#{code}" {attributes}><title>{html(tip)}</title></use>'
            )
        if shape.small and key is not None:
            x, y = shape.centre
            markers.append(
                f'<circle {attributes} cx="{x:.1f}" cy="{y:.1f}" r="3.2">'
                f"<title>{html(tip)}</title></circle>"
            )
    legend_top = HEIGHT + 8
    legend = []
    for n, category in enumerate(categories):
        column, row = n % 3, n // 3
        x, y = 10 + column * 318, legend_top + row * 24
        legend.append(
            f'<rect class="k-{category.key}" x="{x}" y="{y}" width="18" height="14"/>'
            f'<text x="{x + 24}" y="{y + 12}" data-key="{category.key}" '
            f'data-label="{html(category.label)}">{html(category.label)} '
            f"({counts[category.key]})</text>"
        )
    rows = (len(categories) + 2) // 3
    height = legend_top + rows * 24 + 4
    return (
        f'<div class="cy-map" id="{map_id}" data-search-exclude>'
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{html(title)}. '
        f'{html(description)}">{_PATTERNS}<g class="cy-map-land">'
        + "".join(outlines)
        + "".join(markers)
        + '</g><g class="cy-map-legend">'
        + "".join(legend)
        + "</g></svg></div>"
    )


def missing_states(states: Sequence[str]) -> list[str]:
    """States with no shape in the map data (their rows in the table are all there is)."""
    shapes = world()
    return [code for code in states if code not in shapes]
