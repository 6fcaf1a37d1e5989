#!/usr/bin/env python3
# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Merge i18n/b2b_portal.pot into the translated .po files and report what is left.

    python tools/i18n_update.py                  # merge, print untranslated counts
    python tools/i18n_update.py --untranslated --limit 80 > todo.json
    python tools/i18n_update.py --apply done.json

``--untranslated`` lists the entries that miss a translation in any language as
``{"<key>": "<msgid>"}`` (key: 10 hex digits of the sha1 of msgctxt + msgid, so a
batch survives a new .pot); ``--apply`` takes ``{"<key>": {"tr": "...", "da":
"...", "fr": "..."}}`` and writes those msgstr.

Merging adds the new msgids of the .pot, drops the ones the .pot no longer has,
keeps the existing translations and takes the references (``#.`` / ``#:``) and
the ``#,`` flags of the .pot. Entries are keyed on (msgctxt, msgid). Needs
``polib`` (in Odoo's requirements).
"""

import argparse
import datetime
import hashlib
import json
import os
import sys

import polib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "i18n")
POT = os.path.join(ROOT, "b2b_portal.pot")
LANGS = {
    # code: (Language header, Plural-Forms)
    "tr": ("tr", "nplurals=2; plural=(n > 1);"),
    "da": ("da", "nplurals=2; plural=(n != 1);"),
    "fr": ("fr", "nplurals=2; plural=(n > 1);"),
}


def _key(entry):
    return (entry.msgctxt, entry.msgid)


def _po_path(lang):
    return os.path.join(ROOT, f"{lang}.po")


def merge(lang, pot):
    """Rewrite i18n/<lang>.po from the .pot; returns (po, added, dropped)."""
    path = _po_path(lang)
    old = polib.pofile(path) if os.path.exists(path) else polib.POFile()
    old_by_key = {_key(e): e for e in old if not e.obsolete}
    language, plurals = LANGS[lang]
    po = polib.POFile(wrapwidth=78)
    po.header = (
        "Translation of Odoo Server.\n"
        "This file contains the translation of the following modules:\n"
        "\t* b2b_portal"
    )
    po.metadata = {
        "Project-Id-Version": pot.metadata.get("Project-Id-Version", "Odoo Server 19.0"),
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": pot.metadata.get("POT-Creation-Date", ""),
        "PO-Revision-Date": old.metadata.get("PO-Revision-Date")
        or datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M+0000"),
        "Last-Translator": "b2b_portal contributors",
        "Language-Team": "",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "",
        "Plural-Forms": plurals,
    }
    added = 0
    for src in pot:
        if src.obsolete:
            continue
        prev = old_by_key.pop(_key(src), None)
        if prev is None:
            added += 1
        po.append(
            polib.POEntry(
                msgid=src.msgid,
                msgctxt=src.msgctxt,
                msgstr=prev.msgstr if prev else "",
                comment=src.comment,
                tcomment=src.tcomment,
                occurrences=list(src.occurrences),
                flags=list(src.flags),
            )
        )
    po.save(path)
    return po, added, len(old_by_key)


def untranslated(po):
    return [e for e in po if not e.msgstr.strip()]


def entry_key(entry):
    return hashlib.sha1(f"{entry.msgctxt or ''}\x04{entry.msgid}".encode()).hexdigest()[:10]


def apply(lang, mapping):
    path = _po_path(lang)
    po = polib.pofile(path, wrapwidth=78)
    done = 0
    for entry in po:
        value = (mapping.get(entry_key(entry)) or {}).get(lang)
        if value:
            entry.msgstr = value
            done += 1
    po.save(path)
    return done


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--langs", default=",".join(LANGS))
    parser.add_argument("--untranslated", action="store_true", help="print what is left as JSON")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--apply", metavar="JSON", help="write translations from a JSON file")
    args = parser.parse_args()
    langs = args.langs.split(",")
    if args.apply:
        with open(args.apply, encoding="utf-8") as f:
            mapping = json.load(f)
        for lang in langs:
            print(f"{lang}: {apply(lang, mapping)} entries written")
        return
    if args.untranslated:
        todo = {}
        for lang in langs:
            for entry in untranslated(polib.pofile(_po_path(lang))):
                todo.setdefault(entry_key(entry), entry.msgid)
        items = list(todo.items())[: args.limit or None]
        json.dump(dict(items), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return
    pot = polib.pofile(POT)
    for lang in langs:
        po, added, dropped = merge(lang, pot)
        print(
            f"{lang}: {len(po)} entries, {added} new, {dropped} obsolete dropped, "
            f"{len(untranslated(po))} untranslated"
        )


if __name__ == "__main__":
    main()
