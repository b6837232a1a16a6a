"""World maps: the vendored Natural Earth data, the projection and cutting at the
antimeridian, and maps that carry the same data as the tables beside them."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from importlib import resources

from generator.render.maps import (
    WIDTH,
    Category,
    missing_states,
    world,
    world_geometry,
    world_map,
)

from .conftest import SHIPPED

# world-atlas 2.0.2, package/countries-50m.json (generator/data/README.md)
SHA256 = "04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394"
UN_MEMBERS_NOT_DRAWN = ["TV"]  # Tuvalu has no feature in Natural Earth 1:50m


def test_the_map_data_is_the_published_file() -> None:
    data = resources.files("generator").joinpath("data/countries-50m.json").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SHA256


def _rings(path: str) -> list[list[tuple[float, float]]]:
    return [
        [tuple(map(float, point.split(","))) for point in ring.split("L")]
        for ring in re.findall(r"M([^Z]+)Z", path)
    ]


def test_every_un_member_but_tuvalu_is_drawn() -> None:
    shipped_codes = sorted(p.stem.upper() for p in (SHIPPED / "jurisdictions").glob("*.yaml"))
    assert len(shipped_codes) == 193
    assert missing_states(shipped_codes) == UN_MEMBERS_NOT_DRAWN
    shapes = world()
    assert all(shapes[code].path or shapes[code].small for code in shipped_codes if code != "TV")


def test_no_outline_crosses_the_map_at_the_antimeridian() -> None:
    """Russia and Fiji straddle 180°: their rings are cut there, so no edge spans the map."""
    for code, shape in world().items():
        for ring in _rings(shape.path):
            for (x1, _), (x2, _) in zip(ring, ring[1:], strict=False):
                assert abs(x2 - x1) < WIDTH / 2, code
    russia = _rings(world()["RU"].path)
    # Chukotka beyond 180° is drawn at the western edge, the rest of Russia at the eastern one.
    assert min(x for ring in russia for x, _ in ring) < WIDTH / 4
    assert max(x for ring in russia for x, _ in ring) > WIDTH * 3 / 4


def test_a_map_names_every_category_with_its_count_and_is_well_formed() -> None:
    categories = [Category("party", "Party"), Category("unknown", "Unknown")]
    states = ["DE", "FR", "TV", "MC"]
    of_state = {"DE": "party", "FR": "unknown", "TV": "party", "MC": "party"}
    svg = world_map("m", "Title <b>", "Desc", categories, of_state, states, {"DE": "PC"})
    assert svg.startswith('<div class="cy-map" id="m" data-search-exclude><svg ')
    root = ET.fromstring(svg[svg.index("<svg") : -len("</div>")])  # well-formed, escaped
    drawn = root
    assert drawn.get("role") == "img"
    assert drawn.get("aria-label") == "Title <b>. Desc"
    legend = {t.get("data-key"): t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert legend == {"party": "Party (2)", "unknown": "Unknown (1)"}  # Tuvalu is not drawn
    paths = {p.get("data-code"): p for p in root.iter("{http://www.w3.org/2000/svg}use")}
    assert paths["DE"].get("href") == "../../world.svg#DE"
    assert paths["DE"].get("class") == "k-party" and paths["DE"].get("data-v") == "PC"
    assert paths["FR"].get("class") == "k-unknown"
    assert paths["ES"].get("class") == "k-none"  # not among the states asked about
    circles = root.iter("{http://www.w3.org/2000/svg}circle")
    markers = [c.get("data-code") for c in circles if c.get("data-code")]
    assert markers == ["MC"]  # too small to see: a marker
    title = paths["DE"].find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text == "Germany: Party"


def test_the_shared_geometry_holds_every_outline_once() -> None:
    root = ET.fromstring(world_geometry())
    ids = [p.get("id") for p in root.iter("{http://www.w3.org/2000/svg}path")]
    assert len(ids) == len(set(ids)) and {"DE", "RU", "FJ", "US"} <= set(ids)
    assert all(p.get("fill") is None for p in root.iter("{http://www.w3.org/2000/svg}path"))
