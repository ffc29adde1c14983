"""Ingest: files and folders -> Article or InputError (never raised for bad input)."""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from kg.errors import ConfigError, InputError
from kg.ingest import IngestReport, read_articles
from kg.ingest.detect import detect_lang
from kg.ingest.readers import is_id_line
from kg.model import Article

DATA = Path(__file__).parent / "data" / "ingest"


def read(*paths: str | Path, **kwargs: object) -> list[Article | InputError]:
    return list(read_articles(list(paths), **kwargs))  # type: ignore[arg-type]


def one(*paths: str | Path, **kwargs: object) -> Article | InputError:
    items = read(*paths, **kwargs)
    assert len(items) == 1, items
    return items[0]


def article(*paths: str | Path, **kwargs: object) -> Article:
    item = one(*paths, **kwargs)
    assert isinstance(item, Article), item
    return item


def error(*paths: str | Path, **kwargs: object) -> InputError:
    item = one(*paths, **kwargs)
    assert isinstance(item, InputError), item
    assert "\n" not in str(item)
    return item


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


# --- plain text ---------------------------------------------------------------------------

def test_txt_trailing_id_line_is_the_id_and_not_text() -> None:
    a = article(DATA / "article-fr.txt", default_lang="fr")
    assert a.id == "demo-fr-1"
    assert a.title == "Le Conseil de coopération se réunit à Tachkent"
    assert a.text.startswith(a.title + "\n\nLes ministres")
    assert "demo-fr-1" not in a.text
    assert a.text.endswith("la semaine prochaine.")
    assert a.source == str(DATA / "article-fr.txt")
    assert a.lang == "fr"


def test_txt_last_sentence_is_not_an_id() -> None:
    a = article(DATA / "article-en.txt")
    assert a.id == "article-en"  # the file stem
    assert a.text.endswith("The talks will resume next month.")
    assert a.lang == "en"  # detected


@pytest.mark.parametrize("line, expected", [
    ("ttn-fr-34", True), ("article_7", True), ("seed-article", True), ("A12.v2", True),
    ("2022", True), ("Reuters", False), ("Fin.", False), ("Jean-Pierre", False),
    ("fin-de-l'article", False), ("Ceci est une phrase.", False), ("x", False),
    ("ttn fr 34", False), ("-abc1", False),
])
def test_id_line_rule(line: str, expected: bool) -> None:
    assert is_id_line(line) is expected


def test_txt_title_becomes_first_paragraph(tmp_path: Path) -> None:
    p = write(tmp_path / "x.txt", "\n\n  Un titre  \nLe corps, ligne 1.\nLigne 2.\n\nart-1\n\n")
    a = article(p, default_lang="fr")
    assert (a.id, a.title) == ("art-1", "Un titre")
    assert a.text == "Un titre\n\nLe corps, ligne 1.\nLigne 2."


def test_txt_newlines_and_bom(tmp_path: Path) -> None:
    p = write(tmp_path / "x.txt", b"\xef\xbb\xbfTitre\r\n\r\nCorps\rsuite  \r\n\r\nid-9\r\n")
    a = article(p, default_lang="fr")
    assert a.title == "Titre"
    assert a.text == "Titre\n\nCorps\nsuite"
    assert a.id == "id-9"


def test_txt_title_and_id_only(tmp_path: Path) -> None:
    a = article(write(tmp_path / "x.txt", "Seul un titre\n\nrec-2\n"), default_lang="fr")
    assert (a.id, a.text) == ("rec-2", "Seul un titre")


def test_txt_file_name_with_space_is_not_an_id(tmp_path: Path) -> None:
    e = error(write(tmp_path / "my article.txt", "Titre\n\nCorps du texte.\n"))
    assert "id" in str(e) and "my article.txt" in str(e)


def test_txt_offsets_hold_against_article_text() -> None:
    a = article(DATA / "article-fr.txt", default_lang="fr")
    start = a.text.index("Tachkent pour")
    assert a.text[start:start + 8] == "Tachkent"


# --- bad files ----------------------------------------------------------------------------

@pytest.mark.parametrize("content, words", [
    (b"", "empty file"),
    (b"  \n\t\n \r\n", "only whitespace"),
    (b"Titre\x00\x01\x02binary", "binary"),
    ("Titre\n".encode("utf-16"), "UTF-16"),
])
def test_bad_file_content(tmp_path: Path, content: bytes, words: str) -> None:
    p = write(tmp_path / "bad.txt", content)
    e = error(p)
    assert words in str(e) and str(p) in str(e)


def test_not_utf8_gives_byte_offset_and_line(tmp_path: Path) -> None:
    p = write(tmp_path / "latin1.txt", "Titre\n\nCafé crème\n".encode("latin-1"))
    e = error(p)
    assert "not valid UTF-8" in str(e) and "byte offset 10" in str(e)
    assert e.line == 3 and f"{p}:3" in str(e)


def test_too_large(tmp_path: Path) -> None:
    p = write(tmp_path / "big.txt", "Titre\n\n" + "x" * 200)
    e = error(p, max_bytes=100)
    assert "too large" in str(e) and "100" in str(e)
    assert isinstance(one(p, max_bytes=1000, default_lang="fr"), Article)


def test_missing_path() -> None:
    e = error("/no/such/place/article.txt")
    assert "no such file" in str(e) and "/no/such/place/article.txt" in str(e)


def test_unknown_suffix_named_explicitly(tmp_path: Path) -> None:
    e = error(write(tmp_path / "notes.md", "Titre\n\nTexte.\n"))
    assert "unknown format (expected .txt, .jsonl, .json, .html, or an RSS or Atom feed)" in str(e)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = write(tmp_path / "locked.txt", "Titre\n\nTexte.\n")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    e = error(p)
    assert "permission denied" in str(e) and str(p) in str(e)
    assert isinstance(e.__cause__, PermissionError)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_permission_denied_for_real(tmp_path: Path) -> None:
    p = write(tmp_path / "locked.txt", "Titre\n\nTexte.\n")
    p.chmod(0)
    assert "permission denied" in str(error(p))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "not a regular file" in str(error(fifo))


def test_batch_goes_on_after_bad_files(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.txt", b"\x00\x00")
    items = read(DATA / "article-fr.txt", bad, "/nope.json", DATA / "article-en.txt",
                 default_lang="fr")
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Article", "InputError", "InputError", "Article"]


# --- folders ------------------------------------------------------------------------------

def test_folder_walk_sorted_recursive_with_skips() -> None:
    report = IngestReport()
    items = read(DATA / "folder", report=report, default_lang="fr")
    assert [i.id for i in items if isinstance(i, Article)] == ["folder-0", "folder-1", "folder-2"]
    assert report.skipped == [DATA / "folder" / "notes.md"]
    assert (report.files, report.articles, report.errors, report.skipped_count) == (3, 3, 0, 1)


def test_hidden_files_and_folders_are_not_read_but_counted(tmp_path: Path) -> None:
    write(tmp_path / ".hidden.txt", "Titre\n\nTexte.\n")
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git" / "x.txt", "Titre\n\nTexte.\n")
    write(tmp_path / "seen.txt", "Titre\n\nTexte.\n")
    report = IngestReport()
    assert [a.id for a in read(tmp_path, report=report, default_lang="fr")] == ["seen"]  # type: ignore[union-attr]
    assert report.skipped == [tmp_path / ".git", tmp_path / ".hidden.txt"]  # a hidden folder counts once
    assert report.skipped_line() == "2 skipped: 2 hidden (name starts with '.')"


def test_bad_file_inside_folder_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "")
    write(tmp_path / "b.txt", "Titre\n\nTexte.\n")
    items = read(tmp_path, default_lang="fr")
    assert isinstance(items[0], InputError) and "a.txt" in str(items[0])
    assert isinstance(items[1], Article)


# --- JSON Lines ---------------------------------------------------------------------------

def test_jsonl_records() -> None:
    first, second = read(DATA / "batch.jsonl", default_published=dt.date(2000, 1, 1))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == "jl-1" and first.lang == "fr"
    assert first.text == "Accord sur la pêche\n\nLes deux pays ont signé hier un accord sur la pêche."
    assert first.published == dt.date(2021, 6, 10)
    assert first.url == "https://example.org/jl-1"
    assert first.source == f"{DATA / 'batch.jsonl'}:1"
    assert second.source == f"{DATA / 'batch.jsonl'}:3"  # line 2 is blank
    assert second.text.startswith("Fisheries deal signed\n\nThe two")  # kept as is
    assert second.text.count("Fisheries deal signed") == 1
    # a partial date is kept as such, and the batch default does not replace it
    assert (second.published, second.published_precision, second.published_iso) == (dt.date(2021, 6, 1), "month", "2021-06")
    assert second.lang == "en"


def test_jsonl_bad_lines_do_not_stop_the_file(tmp_path: Path) -> None:
    good = {"id": "a", "title": "T", "text": "Texte."}
    lines = [
        json.dumps(good),
        '{"id": "b", "title": ',
        json.dumps({"id": "c", "title": "T"}),
        json.dumps({"id": 4, "title": "T", "text": "x"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "d", "title": "T", "text": "x", "published": "hier"}),
        json.dumps({"id": "e e", "title": "T", "text": "x"}),
        json.dumps({**good, "id": "f"}),
    ]
    p = write(tmp_path / "mixed.jsonl", "\n".join(lines))
    items = read(p, default_lang="fr")
    assert [type(i).__name__ for i in items] == ["Article"] + ["InputError"] * 6 + ["Article"]
    messages = [str(i) for i in items[1:7]]
    assert messages[0].startswith(f"{p}:2: malformed JSON line")
    assert messages[1] == f"{p}:3: missing field 'text'"
    assert messages[2] == f"{p}:4: field 'id' must be a string, got a number"
    assert "expected a JSON object" in messages[3]
    assert f"{p}:6:" in messages[4] and "published" in messages[4]
    assert f"{p}:7:" in messages[5] and "whitespace" in messages[5]
    assert all(isinstance(i, InputError) and i.line == n for i, n in zip(items[1:7], range(2, 8)))


@pytest.mark.parametrize("record, words", [
    ({"id": "", "title": "T", "text": "x"}, "id is empty"),
    ({"id": "a/b", "title": "T", "text": "x"}, "'/'"),
    ({"id": "a<b>", "title": "T", "text": "x"}, "'<'"),
    ({"id": "a\u0007b", "title": "T", "text": "x"}, "control character"),
    ({"id": "x" * 201, "title": "T", "text": "x"}, "longer than 200"),
    ({"id": "a", "title": " ", "text": " "}, "'text' is empty"),
    ({"id": "a", "title": "T", "text": ""}, "'text' is empty"),
    ({"id": "a", "title": "T", "text": "x", "lang": 3}, "'lang' must be a string"),
    ({"id": "a", "title": "T", "text": "x", "lang": "f r!"}, "not a language code"),
    ({"id": "a", "title": "T", "text": "x", "url": ["u"]}, "'url' must be a string, got a list"),
    ({"id": "a", "title": "T", "text": "x", "source": 1}, "'source' must be a string"),
    ({"id": "a", "title": "T", "text": "x", "published": 2015}, "'published' must be a string"),
    ({"id": "a", "title": "T", "text": "x", "published": "2015-13-01"}, "not an ISO date"),
])
def test_record_validation(tmp_path: Path, record: dict[str, object], words: str) -> None:
    p = write(tmp_path / "r.jsonl", json.dumps(record) + "\n")
    e = error(p)
    assert words in str(e) and f"{p}:1:" in str(e)


def test_ids_may_be_non_ascii(tmp_path: Path) -> None:
    p = write(tmp_path / "r.jsonl", json.dumps({"id": " été-2016 ", "title": "T", "text": "x"}))
    assert article(p, default_lang="fr").id == "été-2016"


# --- JSON ---------------------------------------------------------------------------------

def test_json_articles_list() -> None:
    first, second = read(DATA / "batch.json", default_published=dt.date(2019, 11, 9))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.id, first.lang, first.published) == ("js-1", "fr", dt.date(2019, 11, 8))
    assert (second.id, second.lang, second.published) == ("js-2", "en", dt.date(2019, 11, 9))
    assert first.source == f"{DATA / 'batch.json'}[0]"


def test_json_single_object_and_plain_list(tmp_path: Path) -> None:
    rec = {"id": "s", "title": "T", "text": "Texte.", "lang": "fr"}
    assert article(write(tmp_path / "one.json", json.dumps(rec))).id == "s"
    items = read(write(tmp_path / "many.json", json.dumps([rec, {**rec, "id": "t"}])))
    assert [i.id for i in items] == ["s", "t"]  # type: ignore[union-attr]


def test_json_errors_name_file_and_index(tmp_path: Path) -> None:
    rec = {"id": "s", "title": "T", "text": "Texte.", "lang": "fr"}
    p = write(tmp_path / "many.json", json.dumps([rec, {"id": "t"}, 7]))
    items = read(p)
    assert isinstance(items[0], Article)
    assert str(items[1]) == f"{p}: article [1]: missing field 'text'"
    assert str(items[2]) == f"{p}: article [2]: expected a JSON object, got a number"


@pytest.mark.parametrize("content, words", [
    ('{"id": "a",\n "title": }', "malformed JSON"),
    ("[]", "no articles"),
    ('"just a string"', "expected an object or a list"),
    ('{"articles": {"id": "a"}}', "'articles' must be a list"),
])
def test_json_bad_documents(tmp_path: Path, content: str, words: str) -> None:
    e = error(write(tmp_path / "bad.json", content))
    assert words in str(e)


@pytest.mark.parametrize("content, words", [
    ("[" * 100_000, "nested too deeply"),
    ('{"id": ' + "1" * 5000 + "}", "digits"),
])
def test_hostile_json_is_an_error_not_a_crash(tmp_path: Path, content: str, words: str) -> None:
    assert words in str(error(write(tmp_path / "bad.json", content)))
    items = read(write(tmp_path / "bad.jsonl", content + "\n" + '{"id": "ok", "title": "T", '
                       '"text": "x", "lang": "fr"}'))
    assert words in str(items[0]) and f"{tmp_path / 'bad.jsonl'}:1:" in str(items[0])
    assert isinstance(items[1], Article)


def test_malformed_json_names_the_line(tmp_path: Path) -> None:
    e = error(write(tmp_path / "bad.json", '{"id": "a",\n "title": }'))
    assert e.line == 2


# --- dates and languages ------------------------------------------------------------------

@pytest.mark.parametrize("published, default, expected, iso", [
    ("2022-09-20", None, dt.date(2022, 9, 20), "2022-09-20"),
    ("2022-09-20T08:30:00Z", None, dt.date(2022, 9, 20), "2022-09-20"),
    ("2015-06", dt.date(2020, 1, 1), dt.date(2015, 6, 1), "2015-06"),
    ("2015", dt.date(2020, 1, 1), dt.date(2015, 1, 1), "2015"),
    (None, dt.date(2020, 1, 1), dt.date(2020, 1, 1), "2020-01-01"),
    (None, None, None, None),
])
def test_published(tmp_path: Path, published: str | None, default: dt.date | None,
                   expected: dt.date | None, iso: str | None) -> None:
    rec = {"id": "a", "title": "T", "text": "x", "lang": "fr", "published": published}
    p = write(tmp_path / "r.json", json.dumps(rec))
    got = article(p, default_published=default)
    assert (got.published, got.published_iso) == (expected, iso)
    assert (got.published_day is None) == (iso is None or len(iso) < 10)


@pytest.mark.parametrize("record, title, text", [
    ({"id": "a", "text": "Accord de pêche signé\n\nLes deux pays ont signé."}, "Accord de pêche signé",
     "Accord de pêche signé\n\nLes deux pays ont signé."),
    ({"id": "a", "title": "  ", "text": "\n  Une ligne seule.  "}, "Une ligne seule.", "Une ligne seule."),
    ({"id": "a", "title": None, "text": "mot " * 100}, "mot " * 49 + "mot…", ("mot " * 100).strip()),
])
def test_record_without_title_takes_its_first_line(tmp_path: Path, record: dict[str, object], title: str,
                                                   text: str) -> None:
    got = article(write(tmp_path / "r.json", json.dumps({**record, "lang": "fr"})))
    assert (got.title, got.text) == (title, text)


def test_default_published_applies_to_txt() -> None:
    a = article(DATA / "article-fr.txt", default_published=dt.date(2023, 3, 16))
    assert a.published == dt.date(2023, 3, 16)


@pytest.mark.parametrize("given, expected", [
    ("fr", "fr"), ("FR", "fr"), ("fr-CA", "fr"), ("en_US", "en"), ("English", "en"),
    ("fra", "fr"), ("de", "de"), ("es-419", "es"),
])
def test_lang_normalised(tmp_path: Path, given: str, expected: str) -> None:
    rec = {"id": "a", "title": "T", "text": "x", "lang": given}
    assert article(write(tmp_path / "r.json", json.dumps(rec))).lang == expected


def test_lang_order_record_then_default_then_detection(tmp_path: Path) -> None:
    rec = {"id": "a", "title": "Summit", "text": "The leaders met in Geneva on Wednesday."}
    p = write(tmp_path / "r.json", json.dumps(rec))
    assert article(p).lang == "en"
    assert article(p, default_lang="FR").lang == "fr"
    q = write(tmp_path / "q.json", json.dumps({**rec, "lang": "de"}))
    assert article(q, default_lang="fr").lang == "de"


def test_detection_falls_back_to_french() -> None:
    assert detect_lang("2022 — 12 345") == "fr"
    assert detect_lang("Xi Jinping Vladimir Putin") == "fr"
    assert detect_lang("Les deux dirigeants se sont entretenus longuement.") == "fr"
    assert detect_lang("The two leaders talked at length about trade.") == "en"


def test_bad_arguments_raise_config_error() -> None:
    with pytest.raises(ConfigError):
        read_articles([DATA], default_lang="not a language")
    with pytest.raises(ConfigError):
        read_articles([DATA], max_bytes=0)


def test_a_single_path_is_accepted() -> None:
    assert [a.id for a in read_articles(DATA / "article-fr.txt")] == ["demo-fr-1"]  # type: ignore[union-attr]


def test_url_is_made_iri_safe_or_refused(tmp_path: Path) -> None:
    src = tmp_path / "u.jsonl"
    src.write_text(
        '{"id": "u-1", "title": "T", "text": "x", "url": "http://ex.org/a b<c>é"}\n'
        '{"id": "u-2", "title": "T", "text": "x", "url": "javascript:alert(1)"}\n', encoding="utf-8")
    got = list(read_articles([src], default_lang="fr"))
    assert isinstance(got[0], Article) and got[0].url == "http://ex.org/a%20b%3Cc%3E%C3%A9"
    assert isinstance(got[1], InputError) and "u.jsonl:2" in str(got[1]) and "http(s) URL" in str(got[1])
