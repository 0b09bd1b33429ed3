"""Honest diagnoses: a password-protected PDF, a PDF whose glyphs cannot be decoded, a scanned PDF, an empty
file and binary garbage each get their own message and next step."""
from __future__ import annotations

import pytest

from qa.errors import InputError
from qa.ingest.load import load_pages

from .conftest import CORPUS

CORPUS_PDF = CORPUS / "pdf"


def _pdf(path, *, user_password=None, owner_password=None, text="2023年 公务接待费 0.8万元"):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    encrypt = None
    if user_password is not None or owner_password is not None:
        encrypt = pdfencrypt.StandardEncryption(user_password or "", ownerPassword=owner_password, canPrint=0)
    c = canvas.Canvas(str(path), encrypt=encrypt)
    if text:
        c.drawString(100, 700, text)
    else:
        c.rect(100, 600, 200, 100, fill=1)  # a page with a picture-like shape and no text
    c.save()
    return path


def test_password_protected_pdf_says_so_and_how_to_unlock_it(tmp_path):
    with pytest.raises(InputError, match="password-protected") as e:
        load_pages(_pdf(tmp_path / "locked.pdf", user_password="secret"))
    assert "qpdf" in str(e.value) and "PdfminerException" not in str(e.value)


def test_owner_password_pdf_is_read(tmp_path):
    (page,), _ = load_pages(_pdf(tmp_path / "owner.pdf", owner_password="owner", text="hello 2023"))
    assert "hello 2023" in page.text


def test_pdf_without_text_is_called_scanned(tmp_path):
    with pytest.raises(InputError, match="scanned PDF.*ocrmypdf"):
        load_pages(_pdf(tmp_path / "scan.pdf", text=""))


def test_pdf_whose_glyphs_cannot_be_decoded_is_not_called_scanned(tmp_path, monkeypatch):
    """Every glyph reads as (cid:NN): the fonts lack a Unicode map. pdfplumber reports them that way; the
    chars are substituted here so the test needs no such font."""
    import pdfplumber.page

    real = pdfplumber.page.Page.chars.fget

    def cid_chars(self):
        return [dict(c, text=f"(cid:{10 + i})") for i, c in enumerate(real(self))]

    monkeypatch.setattr(pdfplumber.page.Page, "chars", property(cid_chars))
    with pytest.raises(InputError) as e:
        load_pages(_pdf(tmp_path / "cid.pdf"))
    assert "cannot be decoded" in str(e.value) and "scanned" not in str(e.value)


@pytest.mark.parametrize("name, data, says", [
    ("empty.txt", b"", r"is empty \(0 bytes\)"),
    ("blank.txt", "   \n\n".encode(), "holds no text"),
    ("nul.txt", b"\x00" * 2048, "binary data, not text"),
    ("fake.pdf", b"PK\x03\x04 a zip file", "is not a PDF"),
])
def test_empty_and_garbage_files_each_get_their_own_message(tmp_path, name, data, says):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(InputError, match=says):
        load_pages(tmp_path / name)


def _rc4_copy(src, dest):
    """An RC4-128 copy of a PDF with an owner password only (opens without one), written with pypdf."""
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=str(src))
    writer.encrypt(user_password="", owner_password="owner-only", algorithm="RC4-128")
    with open(dest, "wb") as f:
        writer.write(f)
    return dest


def test_owner_password_rc4_pdf_is_decrypted_before_parsing_and_reads_the_same(tmp_path):
    from dataclasses import replace

    from qa.facts.extract import extract_facts
    from qa.ingest import pdf as qa_pdf
    from qa.ingest.document import load_document

    original = CORPUS_PDF / "jiangsu-cpc-office-2019-budget-tables.pdf"
    encrypted = _rc4_copy(original, tmp_path / "rc4.pdf")
    assert b"/Encrypt" in encrypted.read_bytes()
    assert qa_pdf._decrypted(original) is None
    plain = qa_pdf._decrypted(encrypted)
    assert plain is not None and plain.getvalue().startswith(b"%PDF") and b"/Encrypt" not in plain.getvalue()
    want, got = load_document(original), load_document(encrypted)
    assert got.pages == want.pages and got.warnings == want.warnings
    assert (got.region, got.department, got.year, got.kind) == (want.region, want.department, want.year, want.kind)
    want_facts = [replace(f, doc_id="") for f in extract_facts(want)]
    assert want_facts and [replace(f, doc_id="") for f in extract_facts(got)] == want_facts
