"""Write treaty-status profiles (`tier: status`) for the UN Member States the corpus has no
researched file for, from the depositary status table in `depositary_status.csv`.

    .venv/bin/python scripts/import_depositary_status.py [--corpus corpus] [--verified YYYY-MM-DD]

The table (one row per state and instrument; `depositary_status.md` says how it was read) holds
what the UN Treaty Collection participant tables and the Council of Europe chart of ETS 185
show: signature and deposit dates, and the declarations read (UNTOC Art. 16(5), UNCAC Art.
44(6)). Only `party` rows become `party`; a state that had only signed when the 2014 table was
read may have ratified since, so it stays `unknown` with the signature in the note (a signatory
row read recently, dated in its note, becomes `signatory`); a state absent
from a table stays `unknown` (the tables were not all read in their current state, so absence
is not proof of non-participation). Existing files are never overwritten.

Most rows were read on the depositary table or a scraped copy of it. A few later parties were
read instead in an announcement of the ratification or accession (a government or UNODC page,
or a news agency's report of the government's statement); `source_entry` says which kind each
row rests on.
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The 193 Member States of the United Nations (un.org/en/about-us/member-states), ISO 3166-1.
UN_MEMBERS = frozenset(
    """
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA
CF TD CL CN CO KM CG CR CI HR CU CY CZ KP CD DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM
GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KW KG LA LV LB LS
LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO
OM PK PW PA PG PY PE PH PL PT QA KR MD RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO
ZA SS ES LK SD SR SE CH SY TJ TH TL TG TO TT TN TR TM TV UG UA AE GB TZ US UY UZ VU VE VN YE ZM
ZW""".split()
)

TREATIES = {
    "UNTOC": "United Nations Convention against Transnational Organized Crime (UNTC chapter "
    "XVIII, 12)",
    "UNTOC_TIP": "Protocol to Prevent, Suppress and Punish Trafficking in Persons (UNTC "
    "chapter XVIII, 12-a)",
    "UNTOC_SOM": "Protocol against the Smuggling of Migrants by Land, Sea and Air (UNTC "
    "chapter XVIII, 12-b)",
    "UNTOC_FIR": "Protocol against the Illicit Manufacturing of and Trafficking in Firearms "
    "(UNTC chapter XVIII, 12-c)",
    "UNCAC": "United Nations Convention against Corruption (UNTC chapter XVIII, 14)",
    "VIENNA1988": "United Nations Convention against Illicit Traffic in Narcotic Drugs and "
    "Psychotropic Substances, 1988 (UNTC chapter VI, 19)",
    "BUDAPEST": "Council of Europe Convention on Cybercrime, ETS No. 185",
}
BASIS_ARTICLE = {"UNTOC": "Art. 16(5)", "UNCAC": "Art. 44(6)"}

# Pages that hold the participants table itself (read directly, or a stored copy of it): the
# UN Treaty Collection, the Council of Europe Treaty Office (its charts and its pages of
# reservations and declarations), and the Cybercrime Division's list of current Parties.
# Other Council of Europe pages (newsroom items, country profiles) are announcements.
DEPOSITARY_HOSTS = ("treaties.un.org", "conventions.coe.int")
DEPOSITARY_PAGES = (
    "coe.int/en/web/conventions/",
    "coe.int/fr/web/conventions/",
    "coe.int/de/web/conventions/",
    "coe.int/en/web/cybercrime/the-budapest-convention",
)
# Council of Europe country profiles (Octopus platform) that state a country's status.
STATUS_PAGES = ("coe.int/en/web/octopus/", "coe.int/fr/web/octopus/")
# News agencies and publishers whose reports of a government statement some rows rest on
# (`secondary`); any other announcement host is the government, UNODC or the Council of
# Europe itself (`official`).
NEWS_HOSTS = (
    "m.koreaherald.com",
    "en.chinagate.cn",
    "ft.lk",
    "sierraloaded.sl",
    "nevispages.com",
    "tchadinfos.com",
    "psmnews.mv",
    "news.tunisiatv.tn",
    "sanmarinortv.sm",
)
# Intergovernmental bodies other than the depositary whose treaty records some rows rest on
# (`secondary`): WIPO Lex lists the Contracting Parties of the Budapest Convention; a UNDP
# regional project (undp-aciac.org) reports accessions to the UNCAC. A foreign government's
# report on another State (the U.S. State Department's Trafficking in Persons Report) is
# likewise `secondary`, not the acceding State's own announcement, also where it is read in
# UNHCR's Refworld copy.
SECONDARY_HOSTS = NEWS_HOSTS + ("wipo.int", "undp-aciac.org", "state.gov", "refworld.org")
# Sites that reproduce an official text: a legal publisher's copy of the Netherlands Treaty
# Database (Inview), and private copies of national gazettes (Diario da Republica, Dziennik
# Ustaw, Zbierka zakonov, Sbirka mezinarodnich smluv; LexisNexis Austria's licensed copy of the
# Federal Law Gazette and the RIS). Rows read there are `unofficial_copy`;
# their `source_url` column names the official location instead of the depositary table: an
# address, or (where the official address was not read) the gazette citation.
COPY_HOSTS = (
    "inview.nl",
    "dre.tretas.org",
    "infor.pl",
    "zakonypreludi.sk",
    "zakonyprolidi.cz",
    "360.lexisnexis.at",
)
# Text copies of the UN's monthly Statement of Treaties and International Agreements
# (ST/LEG/SER.A), which lists every deposit with the Secretary-General by registration number.
STATEMENT_COPIES = ("https://github.com/huyn8/untreaties2/",)
GITHUB = "https://github.com/"  # otherwise the 2014 scrape of the UNTC tables (zmjones)
# Official national records of the depositary's notifications, read directly: the Netherlands
# Treaty Database (its party table and change log), Luxembourg's official journal, which
# publishes the notifications, and Austria's legal information system (RIS: the contracting
# parties of its consolidated treaty texts). Official, but not the depositary's own table.
NATIONAL_RECORD_HOSTS = (
    "ris.bka.gv.at",
    "treatydatabase.overheid.nl",
    "verdragenbank.overheid.nl",
    "verdragen.nl",
    "legilux.public.lu",
)


def yaml_text(value: str) -> str:
    """A double-quoted YAML scalar."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _deposit_text(row: dict[str, str]) -> str:
    """What a party row says of its deposit (some tables list a party without the date)."""
    if not row["deposited"]:
        if _announcement(row):
            return "date of deposit not read"
        return "listed as a party; date of deposit not read"
    return f"{row['action'] or 'deposit'} deposited {row['deposited']}"


def _host(url: str) -> str:
    return url.split("//", 1)[-1].split("/", 1)[0].lower()


def _page(url: str) -> str:
    """The address without scheme and leading `www.`, for matching page prefixes."""
    page = url.split(" ", 1)[0].split("//", 1)[-1].lower()
    return page[4:] if page.startswith("www.") else page


def _depositary_page(url: str) -> bool:
    return _host(url).endswith(DEPOSITARY_HOSTS) or _page(url).startswith(DEPOSITARY_PAGES)


def _status_page(row: dict[str, str]) -> bool:
    """The row was read on a Council of Europe country profile that states the status."""
    return _page(row["read_on"]).startswith(STATUS_PAGES)


def _announcement(row: dict[str, str]) -> bool:
    """The row was read in an announcement of the ratification or accession (or a country
    profile stating the status), not in the participants table."""
    read_on = row["read_on"]
    return (
        read_on.startswith("http")
        and not read_on.startswith(GITHUB)
        and not _depositary_page(read_on)
    )


def _copy(row: dict[str, str]) -> bool:
    """The row was read in a copy of an official text (gazette, national treaty database, the
    UN's monthly Statement of Treaties)."""
    read_on = row["read_on"]
    return read_on.startswith(STATEMENT_COPIES) or (
        read_on.startswith("http") and _host(read_on).endswith(COPY_HOSTS)
    )


def _mirror(row: dict[str, str]) -> bool:
    """The row was read in the 2014 scrape of the UN Treaty Collection tables."""
    return row["read_on"].startswith(GITHUB) and not row["read_on"].startswith(STATEMENT_COPIES)


def _national_record(row: dict[str, str]) -> bool:
    """The row was read in an official national record of the depositary's notifications."""
    return row["read_on"].startswith("http") and _host(row["read_on"]).endswith(
        NATIONAL_RECORD_HOSTS
    )


def _confidence(row: dict[str, str]) -> str:
    """high for the depositary page, or an official announcement that gives the deposit date;
    medium for a scraped copy, a copy of a gazette or treaty database, a news report or an
    intergovernmental record, or an announcement without the date."""
    if _mirror(row) or _copy(row):
        return "medium"
    if _announcement(row):
        official = not _host(row["read_on"]).endswith(SECONDARY_HOSTS)
        return "high" if official and row["deposited"] else "medium"
    return "high"


def source_entry(row: dict[str, str], accessed: str) -> dict[str, str]:
    """The source a row was read in: the depositary page itself, a copy of it, or an
    announcement (whose description is the parenthesis after its address)."""
    title = f"Status of the {TREATIES[row['instrument']]}, depositary participants table"
    read_on = row["read_on"]
    if _copy(row):
        url, _, described = read_on.partition(" ")
        official = row["source_url"]
        entry = {
            "title": f"{TREATIES[row['instrument']].split(' (')[0]}: {described.strip('() ')}",
            "kind": "unofficial_copy",
            "url": url,
        }
        entry["official_url" if official.startswith("http") else "citation"] = official
        entry["accessed"] = accessed
        return entry
    if _announcement(row):
        url, _, described = read_on.partition(" ")
        return {
            "title": f"{TREATIES[row['instrument']].split(' (')[0]}: {described.strip('() ')}",
            "kind": "secondary" if _host(url).endswith(SECONDARY_HOSTS) else "official",
            "url": url,
            "accessed": accessed,
        }
    if _mirror(row):
        return {
            "title": title + " (read in a scraped copy of the table, "
            f"{read_on.split(' ', 1)[0].rsplit('/', 1)[-1]}, as of 2014)",
            "kind": "unofficial_copy",
            "url": read_on.split(" ", 1)[0],
            "official_url": row["source_url"],
            "accessed": accessed,
        }
    url = read_on.split(" ", 1)[0] if read_on.startswith("http") else row["source_url"]
    return {"title": title, "kind": "official", "url": url, "accessed": accessed}


def basis_fact(row: dict[str, str]) -> str | None:
    """yes / no where the table's declarations say whether the state takes the convention as
    a legal basis for extradition."""
    article = BASIS_ARTICLE.get(row["instrument"])
    note = row["note"]
    if article is None or article not in note:
        return None
    if "does not take" in note or "not take the Convention" in note:
        return "no"
    if (
        "takes the Convention as the legal basis" in note
        or "applies the Convention as the legal basis" in note
    ):
        return "yes"
    return None


def profile(code: str, rows: list[dict[str, str]], verified: str) -> str:
    lines = [
        "# yaml-language-server: $schema=../schema/jurisdiction.schema.json",
        f"# Treaty status only (scripts/import_depositary_status.py, {verified}): party status",
        "# in the baseline conventions as the depositaries record it. Domestic law not researched.",
        f"code: {code}",
        "tier: status",
        "review: {status: draft}",
        "sources:" if rows else "sources: {}",
    ]
    instruments: list[str] = []
    for row in sorted(rows, key=lambda r: list(TREATIES).index(r["instrument"])):
        source_id = "dep_" + row["instrument"].lower()
        entry = source_entry(row, verified)
        lines.append(f"  {source_id}:")
        lines += [
            f"    {key}: {yaml_text(value) if key != 'accessed' else value}"
            for key, value in entry.items()
        ]
        mirror = _mirror(row)
        confidence = _confidence(row)
        signed = f"signed {row['signed']}" if row["signed"] else "no signature recorded"
        if row["status"] == "party":
            deposit = _deposit_text(row)
            if mirror:
                read = (
                    "Read in the 2014 scrape of the UN Treaty Collection table; a party then "
                    "remains one (the table records no denunciation)."
                )
            elif row["read_on"].startswith(STATEMENT_COPIES):
                read = (
                    "Read in a copy of the UN's monthly Statement of Treaties, which lists the "
                    "deposits with the Secretary-General, not on the depositary table "
                    f"({row['note'].split(';')[0]})."
                )
            elif _copy(row):
                read = (
                    "Read in a copy of an official record (a national gazette or treaty "
                    f"database), not on the depositary table ({row['note'].split(';')[0]})."
                )
            elif _national_record(row):
                read = (
                    "Read in an official national record of the depositary's notifications "
                    "(a treaty database or official journal), not on the depositary table "
                    f"({row['note'].split(';')[0]})."
                )
            elif _status_page(row):
                read = (
                    "Read on the Council of Europe's country profile, which gives the status "
                    f"but not the dates, not on the depositary table ({row['note'].split(';')[0]})."
                )
            elif _announcement(row):
                read = (
                    "Read in an announcement of the ratification or accession, not on the "
                    f"depositary table ({row['note'].split(';')[0]})."
                )
            else:
                read = "Read on the depositary page."
            note = f"{deposit}; {signed}. {read}"
            item = (
                f"{{value: party, source: {source_id}, pinpoint: {yaml_text(row['pinpoint'])}, "
                f"confidence: {confidence}, verified: {verified}, note: {yaml_text(note)}}}"
            )
            block = [f"  {row['instrument']}:", f"    status: {item}"]
            if row["deposited"]:
                block.append(f"    deposited: {row['deposited']}")
        elif mirror:
            note = (
                f"{signed}; only a signatory when the table was read (2014), so it may have "
                "ratified since: not confirmed."
            )
            block = [
                f"  {row['instrument']}:",
                f"    status: {{value: unknown, note: {yaml_text(note)}}}",
            ]
        else:  # a signatory read recently, with the date of that reading in its note
            note = f"{signed}; {row['note'].split(';')[0]}."
            item = (
                f"{{value: signatory, source: {source_id}, pinpoint: "
                f"{yaml_text(row['pinpoint'])}, confidence: {confidence}, "
                f"verified: {verified}, note: {yaml_text(note)}}}"
            )
            block = [f"  {row['instrument']}:", f"    status: {item}"]
        basis = basis_fact(row)
        if basis is not None:
            article = BASIS_ARTICLE[row["instrument"]]
            block.append(
                f'    accepts_as_extradition_basis: {{value: "{basis}", source: {source_id}, '
                f"pinpoint: {yaml_text('Declarations and reservations, ' + article)}, "
                f"confidence: {confidence}, verified: {verified}}}"
            )
        instruments += block
    if instruments:
        lines += ["instruments:", *instruments]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument(
        "--table", type=Path, default=Path(__file__).with_name("depositary_status.csv")
    )
    parser.add_argument("--verified", default="2026-12-02")
    parser.add_argument(
        "--fill-researched",
        action="store_true",
        help="also record party rows in researched profiles that lack them",
    )
    args = parser.parse_args()
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    with args.table.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rows[row["iso2"]].append(row)
    folder = args.corpus / "jurisdictions"
    written = 0
    for code in sorted(UN_MEMBERS):
        target = folder / f"{code.lower()}.yaml"
        if target.exists():
            continue
        target.write_text(profile(code, rows.get(code, []), args.verified), encoding="utf-8")
        written += 1
    print(f"{written} status profile(s) written; {len(UN_MEMBERS) - written} existed")
    if args.fill_researched:
        print(
            f"{fill_researched(args.corpus, rows, args.verified)} researched profile(s) "
            "given depositary statuses they lacked"
        )
    return 0


def fill_researched(corpus: Path, rows: dict[str, list[dict[str, str]]], verified: str) -> int:
    """In researched profiles, record the depositary's `party` rows where the file has no status
    or an unknown one (a researcher's own known value is never replaced). Edits are made as
    text, line by line, so the researchers' layout and comments stay as they wrote them."""
    from ruamel.yaml import YAML

    changed = 0
    for path in sorted((corpus / "jurisdictions").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        data = YAML(typ="safe").load(text)
        if data.get("tier", "full") != "full":
            continue
        lines = text.split("\n")
        instruments = data.get("instruments") or {}
        sources: list[str] = []
        for row in rows.get(data["code"], []):
            if row["status"] != "party":
                continue
            entry = instruments.get(row["instrument"])
            current = entry.get("status") if isinstance(entry, dict) else None
            value = current.get("value") if isinstance(current, dict) else current
            if value not in (None, "unknown"):
                continue
            source_id = "dep_" + row["instrument"].lower()
            source = source_entry(row, verified)
            sources.append(
                f"  {source_id}: {{"
                + ", ".join(
                    f"{key}: {value if key == 'accessed' else yaml_text(value)}"
                    for key, value in source.items()
                )
                + "}"
            )
            mirror = _mirror(row)
            deposit = _deposit_text(row)
            if _announcement(row):
                note = (
                    f"{deposit} (announcement of the ratification or accession, "
                    "not the depositary table)"
                )
            else:
                note = f"{deposit} (depositary table" + (
                    " as scraped in 2014; a party then remains one)" if mirror else ")"
                )
            status = (
                f"status: {{value: party, source: {source_id}, pinpoint: "
                f"{yaml_text(row['pinpoint'])}, confidence: "
                f"{_confidence(row)}, verified: {verified}, "
                f"note: {yaml_text(note)}}}"
            )
            if not _replace_status(lines, row["instrument"], status, row["deposited"]):
                print(f"{path.name}: {row['instrument']} left alone (status in block style)")
                sources.pop()
        if sources:
            at = lines.index("sources:") + 1 if "sources:" in lines else None
            if at is None:
                print(f"{path.name}: no block `sources:`; left alone")
                continue
            lines[at:at] = sources
            path.write_text("\n".join(lines), encoding="utf-8")
            changed += 1
    return changed


def _replace_status(lines: list[str], instrument: str, status: str, deposited: str) -> bool:
    """Put `status` for `instrument` under the top-level `instruments:` (adding the block or
    the entry where missing, replacing a plain or one-line unknown status)."""
    import re

    if "instruments:" not in lines:
        lines += ["instruments:", f"  {instrument}:", f"    {status}"] + (
            [f"    deposited: {deposited}"] if deposited else []
        )
        return True
    start = lines.index("instruments:") + 1
    end = next(
        (i for i in range(start, len(lines)) if lines[i] and not lines[i].startswith(" ")),
        len(lines),
    )
    key = next((i for i in range(start, end) if lines[i].startswith(f"  {instrument}:")), None)
    if key is None:
        lines[start:start] = [f"  {instrument}:", f"    {status}"] + (
            [f"    deposited: {deposited}"] if deposited else []
        )
        return True
    block_end = next((i for i in range(key + 1, end) if not lines[i].startswith("    ")), end)
    for i in range(key + 1, block_end):
        if re.match(r"^    status:\s*(unknown|\{value: unknown.*\})\s*$", lines[i]):
            lines[i] = f"    {status}"
            if deposited and not any(
                lines[j].startswith("    deposited:") for j in range(key + 1, block_end)
            ):
                lines.insert(i + 1, f"    deposited: {deposited}")
            return True
        if lines[i].startswith("    status:"):
            return False
    lines.insert(key + 1, f"    {status}")
    return True


if __name__ == "__main__":
    raise SystemExit(main())
