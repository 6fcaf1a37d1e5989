# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""G2: the translation catalogues are complete and load; portal pages and the
statement PDF come out in the customer's language (labels, dates, amounts)."""

import re
from datetime import date

import polib

from odoo import Command
from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools.misc import file_path

from .finance_common import B2bFinanceCommon

LANGS = ("tr", "da", "fr")
# %(name)s / %s style placeholders and {{ expression }} of the mail templates
PLACEHOLDER = re.compile(r"%\([A-Za-z_][A-Za-z0-9_]*\)[sdfr]|%[sdfr]|\{\{.*?\}\}")


def _catalogue(name):
    return polib.pofile(file_path(f"b2b_portal/i18n/{name}"))


def _placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def _key(entry):
    return (entry.msgctxt, entry.msgid)


def _short(entries, limit=8):
    return "; ".join(repr(e.msgid[:60]) for e in entries[:limit])


@tagged("post_install", "-at_install")
class TestI18nCatalogues(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pot = _catalogue("b2b_portal.pot")
        cls.pot_keys = {_key(e) for e in cls.pot if not e.obsolete}

    def test_pot_is_not_empty(self):
        self.assertGreater(len(self.pot_keys), 100, "the .pot looks truncated")

    def test_po_files_parse_with_valid_headers(self):
        for lang in LANGS:
            with self.subTest(lang=lang):
                po = _catalogue(f"{lang}.po")  # raises on a syntax error
                self.assertEqual(po.metadata.get("Language"), lang)
                self.assertIn("charset=UTF-8", po.metadata.get("Content-Type", ""))
                self.assertRegex(po.metadata.get("Plural-Forms", ""), r"nplurals=\d+; plural=")

    def test_every_term_of_the_pot_is_translated(self):
        for lang in LANGS:
            with self.subTest(lang=lang):
                po = _catalogue(f"{lang}.po")
                by_key = {_key(e): e for e in po if not e.obsolete}
                missing = [e for e in self.pot if _key(e) in self.pot_keys - by_key.keys()]
                self.assertFalse(
                    missing,
                    f"{lang}.po misses {len(missing)} terms of the .pot "
                    f"(run tools/i18n_update.py): {_short(missing)}",
                )
                empty = [by_key[k] for k in self.pot_keys if not by_key[k].msgstr.strip()]
                self.assertFalse(
                    empty, f"{lang}.po has {len(empty)} untranslated terms: {_short(empty)}"
                )

    def test_placeholders_match(self):
        for lang in LANGS:
            with self.subTest(lang=lang):
                wrong = [
                    e
                    for e in _catalogue(f"{lang}.po")
                    if e.msgstr and _placeholders(e.msgid) != _placeholders(e.msgstr)
                ]
                self.assertFalse(wrong, f"{lang}.po: placeholders differ in {_short(wrong)}")

    def test_translations_are_not_copies_of_the_english(self):
        # some terms are the same in every language (PDF, ID, Excel, code fragments)
        for lang in LANGS:
            with self.subTest(lang=lang):
                po = _catalogue(f"{lang}.po")
                copies = [e for e in po if e.msgstr == e.msgid]
                self.assertLess(
                    len(copies), len(po) * 0.05, f"{lang}.po copies the English: {_short(copies)}"
                )

    def test_odoo_loads_the_catalogues_without_warnings(self):
        codes = ["tr_TR", "da_DK", "fr_FR"]
        for code in codes:
            self.env["res.lang"]._activate_lang(code)
        with self.assertNoLogs("odoo.tools.translate", level="WARNING"):
            self.env["ir.module.module"]._load_module_terms(["b2b_portal"], codes, overwrite=True)
        profile = self.env.ref("b2b_portal.model_b2b_profile")
        self.assertEqual(profile.with_context(lang="tr_TR").name, "B2B profili")
        self.assertEqual(profile.with_context(lang="da_DK").name, "B2B-profil")
        self.assertEqual(profile.with_context(lang="fr_FR").name, "Profil B2B")


@tagged("post_install", "-at_install")
class TestI18nRendering(B2bFinanceCommon, HttpCase):
    """The statement PDF and the dashboard of a Turkish customer, in Turkish."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lang_tr = cls.env["res.lang"]._activate_lang("tr_TR")
        cls.env["ir.module.module"]._load_module_terms(["b2b_portal"], ["tr_TR"], overwrite=True)
        # the website serves a language only when it is one of its languages
        cls.env["website"].search([]).write({"language_ids": [Command.link(cls.lang_tr.id)]})
        cls.company_a.lang = "tr_TR"
        cls.user_a.lang = "tr_TR"
        cls.year = date.today().year - 1
        cls.invoice_tr = cls._invoice(
            cls.company_a, 1234.56, date(cls.year, 3, 15), due=date(cls.year, 4, 14)
        )
        cls.payment_tr = cls._advance(cls.company_a, 4321.5, date(cls.year, 2, 20))

    def test_lang_tr_number_and_date_format(self):
        self.assertEqual(
            (self.lang_tr.thousands_sep, self.lang_tr.decimal_point, self.lang_tr.date_format),
            (".", ",", "%d.%m.%Y"),
        )

    def test_statement_pdf_in_turkish(self):
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "b2b_portal.action_report_b2b_statement",
                self.company_a.ids,
                data={"date_from": f"{self.year}-01-01", "date_to": f"{self.year}-12-31"},
            )[0]
            .decode()
        )
        for label in (
            "Cari hesap ekstresi",
            "Açılış bakiyesi",
            "Vade tarihi",
            "Borç",
            "Alacak",
            "Dönem toplamları",
            "Kapanış bakiyesi",
            "Vadesi gelmemiş",
            "90 günden fazla",
        ):
            self.assertIn(label, html)
        for english in ("Account statement", "Opening balance", "Due date", "Totals of the period"):
            self.assertNotIn(english, html)
        # Turkish formats: 1.234,56 and dd.mm.yyyy
        self.assertIn("1.234,56", html)
        self.assertIn("4.321,50", html)
        self.assertNotIn("1,234.56", html)
        self.assertIn(f"15.03.{self.year}", html)
        self.assertIn(f"14.04.{self.year}", html)

    def test_dashboard_in_turkish(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        # the website follows the user's language: /my -> /tr/my
        res = self.url_open("/my")
        self.assertEqual(res.status_code, 200)
        self.assertTrue(res.url.endswith("/tr/my"), res.url)
        self.assertIn('lang="tr-TR"', res.text)
        self.assertIn("Adına işlem yapılan", res.text)
        self.assertNotIn("Acting for", res.text)
        # the page asks for its figures in its own language
        self.assertIn('data-url="/tr/my/b2b/dashboard"', res.text)
        page = self.url_open("/tr/my/b2b/dashboard").text
        for label in (
            "Bakiye",
            "Vadesi geçmiş",
            "Açık siparişler",
            "Son ödemeler",
            "Tüm ödemeler",
            "Aylık siparişleriniz",
        ):
            self.assertIn(label, page)
        for english in ("Last payments", "Open orders", "Your orders per month"):
            self.assertNotIn(english, page)
        self.assertIn("4.321,50", page)  # the payment, Turkish separators
        self.assertIn(f"20.02.{self.year}", page)  # its date, dd.mm.yyyy

    def test_invoice_zip_in_turkish(self):
        """I2: the ZIP controls of /my/invoices and their messages in Turkish."""
        self.authenticate("alpha_b2b", "alpha_b2b")
        page = self.url_open("/my/invoices").text
        for label in ("Seçilenleri indir (ZIP)", "ZIP indir", "en fazla 200 fatura"):
            self.assertIn(label, page)
        self.assertNotIn("Download selected (ZIP)", page)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        res = self.url_open(
            "/tr/my/invoices/zip",
            data={"csrf_token": csrf, "mode": "selected"},
        )
        self.assertIn("En az bir fatura veya bir dönem seçin.", res.text)
        res = self.url_open(
            "/tr/my/invoices/zip",
            data={"csrf_token": csrf, "invoice_ids": str(self.invoice_tr.id)},
            allow_redirects=False,
        )
        self.assertEqual(res.status_code, 200)
        self.assertIn("faturalar-", res.headers["Content-Disposition"])

    def test_language_choice_offers_the_website_languages(self):
        # installed but not served by the website: choosing it would change nothing
        self.env["res.lang"]._activate_lang("da_DK")
        self.user_a.lang = "en_US"
        self.authenticate("alpha_b2b", "alpha_b2b")
        page = self.url_open("/my/security").text
        self.assertIn('value="tr_TR"', page)
        self.assertNotIn('value="da_DK"', page)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        res = self.url_open(
            "/my/b2b/lang",
            data={"lang": "tr_TR", "redirect": "/my", "csrf_token": csrf},
            allow_redirects=False,
        )
        self.assertEqual(res.status_code, 303)
        self.assertEqual(self.user_a.lang, "tr_TR")
        res = self.url_open("/my")
        self.assertTrue(res.url.endswith("/tr/my"), res.url)
        self.assertIn("Son ödemeler", self.url_open("/tr/my/b2b/dashboard").text)
