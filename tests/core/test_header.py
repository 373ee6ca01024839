"""One metadata-header scanner, reading a file's header as Pelican's Markdown reader does."""

from __future__ import annotations

from signage.core.header import field_line, line_containing, read_header

TEXT = """\ufeffTitle: Vols de vélos
slide_Until: 2027-01-31
Summary: Un résumé
    sur deux lignes.
Tags: vélo

Texte : avec un deux-points, et {filename}../pages/contact.md plus bas.
Category: pas une clé (dans le texte)
"""


def test_keys_as_written_values_lines_and_end(tmp_path):
    path = tmp_path / "x.md"
    path.write_text(TEXT, encoding="utf-8")
    header = read_header(path)
    assert [(f.key, f.line) for f in header.fields] == [("Title", 1), ("slide_Until", 2), ("Summary", 3), ("Tags", 5)]
    assert header.get("SLIDE_UNTIL").value == "2027-01-31"
    assert header.get("summary").value == "Un résumé sur deux lignes."
    assert header.end == 5
    assert field_line(path, "Tags") == 5 and field_line(path, "Category") is None  # the text is not the header
    assert line_containing(path, "{filename}../pages/contact.md") == 7


def test_yaml_style_fences_and_unreadable_files(tmp_path):
    path = tmp_path / "y.md"
    path.write_text("---\nTitle: A\nSlug: a\n---\nTexte.\n", encoding="utf-8")
    header = read_header(path)
    assert [f.key for f in header.fields] == ["Title", "Slug"] and header.end == 3
    (tmp_path / "latin1.md").write_bytes("Title: Été\n".encode("latin-1"))
    assert read_header(tmp_path / "latin1.md").fields == []
    assert read_header(tmp_path / "absent.md").end is None


def test_lines_are_the_ones_pelican_reads(tmp_path):
    """A LINE SEPARATOR (U+2028) or a form feed inside a value is not the end of a line for Pelican
    and Markdown (only \\n, \\r\\n and \\r are): the fields after it are still the header's; an old
    Mac's \\r is a line end for both."""
    path = tmp_path / "x.md"
    path.write_bytes("Title: Un\u2028deux\x0ctrois\r\nCategory: Prévention\rSlide: yes\n\nTexte.\n".encode())
    header = read_header(path)
    assert [(f.key, f.value, f.line) for f in header.fields] == [
        ("Title", "Un\u2028deux\x0ctrois", 1), ("Category", "Prévention", 2), ("Slide", "yes", 3)]
