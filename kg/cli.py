"""The `kg` command: one thin verb per stage. Exit 0 ok, 1 data does not conform, 2 usage or input error."""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import itertools
import sys
import traceback
from pathlib import Path
from typing import Any, Callable, Iterator

import click

from kg import __version__
from kg.config import Settings, load_settings
from kg.errors import ConfigError, InputError, KgError

FORMATS_EXPORT = ("nquads", "trig", "turtle", "ntriples", "jsonld")


def fail(message: str, code: int = 2) -> None:
    click.echo(f"kg: error: {message}", err=True)
    sys.exit(code)


def handled(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Known errors become one line and an exit code; --debug shows the traceback."""
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        try:
            return fn(*args, **kwargs)
        except KgError as e:
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            fail(str(e), e.exit_code)
    return wrapper


def store_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--store, and a remote store's --update-url and --gsp-url (kept in ctx.obj for settings_of)."""
    fn = click.option("--gsp-url", metavar="URL", default=None, expose_value=False, callback=_remember,
                      help="Graph Store Protocol URL of a remote store, for `kg load` and the default graph in "
                           "`kg export` [default: none (SPARQL only), or KG_GSP_URL].")(fn)
    fn = click.option("--update-url", metavar="URL", default=None, expose_value=False, callback=_remember,
                      help="SPARQL 1.1 Update URL of a remote store [default: the --store URL, or KG_UPDATE_URL].")(fn)
    return click.option("--store", "store", metavar="DIR|URL", default=None,
                        help="Store directory, or the SPARQL 1.1 query URL of a remote store "
                             "(http(s)://…; basic auth from KG_STORE_USER and KG_STORE_PASSWORD) "
                             "[default: ./kg-store, or KG_STORE].")(fn)


def _remember(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None and param.name:
        ctx.ensure_object(dict)[param.name] = value


def settings_of(ctx: click.Context, **flags: Any) -> Settings:
    return load_settings(ctx.obj.get("config"), base_iri=ctx.obj.get("base_iri"),
                         update_url=ctx.obj.get("update_url"), gsp_url=ctx.obj.get("gsp_url"), **flags)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("--config", type=click.Path(dir_okay=False), default=None,
              help="TOML config file [default: ./kg.toml if present, or KG_CONFIG].")
@click.option("--base-iri", default=None, help="Base IRI of instance data [default: https://w3id.org/newskg/].")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def main(ctx: click.Context, config: str | None, base_iri: str | None, debug: bool) -> None:
    """News knowledge graph: French and English articles in, a SPARQL-queryable RDF graph out.

    Settings come from defaults, then the config file, then KG_* variables, then flags.
    """
    ctx.ensure_object(dict)
    ctx.obj.update(config=config, base_iri=base_iri, debug=debug)


class InputPath(click.ParamType):
    """A file or folder (a Path), or an http(s) URL (kept a str: a Path would fold its "//")."""

    name = "path|url"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path | str:
        if isinstance(value, str) and value[:8].lower().startswith(("http://", "https://")):
            return value
        return Path(value)


def fetch_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--fetch/--no-fetch and --allow-private-addresses, for the commands that read URLs."""
    fn = click.option("--allow-private-addresses", "allow_private", is_flag=True, default=None,
                      help="Also fetch from loopback, private and link-local addresses, on any port. "
                           "DANGEROUS: whoever picks a URL (a feed's author, a redirect) can then make this "
                           "machine read its own services, its network's and a cloud's metadata "
                           "(169.254.169.254). For tests and trusted intranets only "
                           "[default: off, or KG_FETCH_ALLOW_PRIVATE].")(fn)
    return click.option("--fetch/--no-fetch", "fetch", default=None,
                        help="Read inputs given as http(s) URLs (pages and feeds) and the pages feeds link "
                             "to; robots.txt is obeyed, only public addresses on ports 80, 443, 8080 and 8443 "
                             "are fetched; limits from the config file or KG_FETCH_TIMEOUT (10 s), "
                             "KG_FETCH_TOTAL_TIMEOUT (30 s), KG_FETCH_MAX_BYTES (5 MB), "
                             "KG_FETCH_MAX_REDIRECTS (5), KG_FETCH_DELAY (1 s between requests to a host), "
                             "KG_FETCH_CONTACT (in the User-Agent) [default: off, or KG_FETCH].")(fn)


def make_fetcher(ctx: click.Context, settings: Settings) -> Any:
    """The Fetcher the settings ask for, or None when fetching is off (tests may pass a resolver in)."""
    if not settings.fetch:
        return None
    from kg.ingest.fetch import Fetcher, FetchLimits

    return Fetcher(FetchLimits.of(settings), resolver=ctx.obj.get("resolver"))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=InputPath())
@store_option
@fetch_options
@click.option("--lang", "default_lang", type=click.Choice(["fr", "en"]), default=None,
              help="Language of records that give none [default: detected].")
@click.option("--published", "default_published", metavar="YYYY-MM-DD", default=None,
              help="Publication date of records that give none; relative dates resolve against it.")
@click.option("--no-validate", is_flag=True, help="Store without the SHACL gate (not recommended).")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=None,
              help="Drop posts, agreements and meetings extracted with a lower kg:confidence "
                   "[default: 0, keep all; or KG_MIN_CONFIDENCE].")
@click.option("--progress/--no-progress", default=None, help="Progress bar [default: when stderr is a terminal].")
@click.option("--reason", "with_reason", is_flag=True,
              help="Also quarantine articles whose facts contradict the ontology (HermiT, ~1 s per article).")
@click.option("--workers", type=click.IntRange(min=0), default=None, metavar="N",
              help="Processes extracting and validating articles, each with its own spaCy (~3 s to start, "
                   "~0.5 GB); this process still writes the store, in input order. 0 = one per CPU "
                   "[default: 1, all in this process; or KG_INGEST_WORKERS].")
@click.option("--to", "to_dir", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
              help="Write no store: write each article's validated quads to DIR as one N-Quads file "
                   "(NAME.nq, or NAME.quarantine.nq for a quarantine record; ontology.nq once), for "
                   "`kg load DIR` or an engine's bulk loader. Any number of these may run at once, on "
                   "any machines [default: none, write the store].")
@click.pass_context
@handled
def ingest(ctx: click.Context, paths: tuple[Path | str, ...], store: str | None, fetch: bool | None,
           allow_private: bool | None, default_lang: str | None, default_published: str | None, no_validate: bool,
           min_confidence: float | None, progress: bool | None, with_reason: bool, workers: int | None,
           to_dir: Path | None) -> None:
    """Read articles (.txt, .jsonl, .json, saved web pages, RSS/Atom feeds, or folders of them), extract facts,
    validate, store.

    Web pages (.html, .htm, .xhtml): the main text, title, date, language and canonical URL are found in
    the page; menus, comments and related links are left out. Feeds (.rss, .atom, and .xml files that
    are feeds): one article per entry, its text from the entry's content or summary.

    Each article becomes one named graph; ingesting it again replaces that graph.
    Articles that fail the shapes are quarantined (see `kg validate`); bad files are
    reported one line each and the batch goes on. Exit 0 when all were stored, 1 when
    some were quarantined, 2 when some input could not be read. With --to DIR nothing is
    stored: the same quads go to one file per article, which `kg load DIR` stores. Inputs given
    as http(s) URLs (a page, a feed) are read only with --fetch; `kg watch` keeps reading them.
    """
    from kg.ingest import IngestReport, read_articles
    from kg.model import Article
    from kg.parallel import worker_count
    from kg.pipeline import Finished, IngestSummary, Pipeline, install_ontology
    from kg.store import open_store

    if default_published:
        try:
            dt.date.fromisoformat(default_published)
        except ValueError:
            raise InputError(f"--published: not an ISO date (YYYY-MM-DD): {default_published!r}") from None
    if to_dir is not None and with_reason:
        raise ConfigError("--reason needs the store (it checks articles against what is stored): not with --to")
    if to_dir is not None and store is not None:
        raise ConfigError("--to DIR writes no store: give --store to `kg load DIR` instead")
    settings = settings_of(ctx, store=store, default_lang=default_lang, default_published=default_published,
                           validate=False if no_validate else None, min_confidence=min_confidence,
                           ingest_workers=workers, fetch=fetch, fetch_allow_private=allow_private)
    read = IngestReport()
    reader = read_articles(paths, default_lang=settings.default_lang,
                           default_published=settings.default_published,
                           max_bytes=settings.max_article_bytes, report=read, fetcher=make_fetcher(ctx, settings))
    head, whole = _lookahead(reader, LOOKAHEAD)
    if not any(isinstance(item, Article) for item in head):  # then `head` is the whole batch
        for item in head:
            click.echo(f"kg: {item}", err=True)
        click.echo(f"0 stored, 0 quarantined, {len(head)} failed{_skipped(read)} (nothing to ingest; store untouched)")
        sys.exit(2)
    total = len(head) if whole else None
    n = worker_count(settings.ingest_workers, sum(isinstance(i, Article) for i in head) if whole else None)
    items = itertools.chain(head, reader)
    summary = IngestSummary()

    def report(line: str) -> None:
        click.echo(f"kg: {line}", err=True)
    try:
        with contextlib.ExitStack() as stack:
            writer: Pipeline
            if to_dir is not None:
                from kg.bulk import DirectoryWriter

                writer = DirectoryWriter(settings, to_dir)
            else:
                kgstore = stack.enter_context(open_store(settings))
                install_ontology(kgstore)
            gate = None
            if with_reason:
                from kg.reason import Gate

                gate = Gate()
            finished: Iterator[Finished]
            if n == 1:
                from kg.extract import Extractor
                from kg.pipeline import Preparer

                # Tests pass a loaded extractor in; otherwise spaCy loads here, once.
                finished = Preparer(settings, ctx.obj.get("extractor") or Extractor.load()).finished(items)
            else:
                from kg.parallel import WorkerPool, load_preparer

                # Tests pass a worker set-up in (it must be picklable); otherwise each worker loads spaCy.
                factory = ctx.obj.get("worker_factory") or load_preparer
                pool = stack.enter_context(WorkerPool(settings, n, factory, debug=bool(ctx.obj.get("debug"))))
                finished = pool.finished(items)
            tty = sys.stderr.isatty()
            show = tty if progress is None else progress
            step: Callable[[Any], None] = lambda item: None
            if show and tty:
                bar = stack.enter_context(click.progressbar(
                    itertools.count() if total is None else range(total), label="ingesting", file=sys.stderr,
                    show_pos=True))
                step = functools.partial(_advance, bar)
            elif show:
                step = _log_line(total)
            if to_dir is None:
                writer = Pipeline(settings, kgstore, None, gate=gate)
            writer.write(finished, report, step, summary)
    except KeyboardInterrupt:
        where = to_dir if to_dir is not None else settings.store
        click.echo(f"kg: interrupted; so far {summary.line()}{_skipped(read)} ({where}); "
                   "every article is wholly stored or absent", err=True)
        sys.exit(130)
    for note in read.notes[:MAX_NOTES]:
        click.echo(f"kg: note: {note}", err=True)
    if len(read.notes) > MAX_NOTES:
        click.echo(f"kg: note: {len(read.notes) - MAX_NOTES} more files of one line only", err=True)
    click.echo(f"{summary.line()}{_skipped(read)} ({to_dir if to_dir is not None else settings.store})")
    sys.exit(summary.exit_code)


MAX_NOTES = 20  # notes printed at the end of an ingest; the rest are counted


@main.command()
@click.argument("sources", nargs=-1, required=True, type=InputPath())
@store_option
@fetch_options
@click.option("--interval", type=click.FloatRange(min=1), default=None, metavar="SECONDS",
              help="Seconds between the end of a pass and the next [default: 300, or KG_WATCH_INTERVAL].")
@click.option("--once", is_flag=True,
              help="One pass, then exit with `kg ingest`'s codes (0 stored or unchanged, 1 quarantined, 2 failed).")
@click.option("--state", metavar="FILE", default=None,
              help="SQLite file of the hashes of what was written, kept across runs (a cache: deleting it "
                   "costs one pass of extraction) [default: beside the store, STORE.watch.sqlite, or "
                   "KG_WATCH_STATE; required for a remote store].")
@click.pass_context
@handled
def watch(ctx: click.Context, sources: tuple[Path | str, ...], store: str | None, fetch: bool | None,
          allow_private: bool | None, interval: float | None, once: bool, state: str | None) -> None:
    """Keep a store current: read SOURCES again every interval, ingest what is new or changed.

    SOURCES are what `kg ingest` reads: folders, files, feed files, and with --fetch page and feed
    URLs. An article whose text, title, date, language and URL are those last written (and
    whose graph is still stored) is passed over before extraction; one log line per article says
    stored, unchanged or failed, one per pass sums up. The store is opened for each pass only:
    `kg serve` serves it meanwhile, and `kg ingest` can write between passes. Ctrl-C (or SIGTERM)
    abandons the article being read or extracted, lets a write in progress finish, prints a
    summary and exits 0.
    """
    from kg.pipeline import Preparer
    from kg.watch import StopSignal, Watcher, state_path

    settings = settings_of(ctx, store=store, fetch=fetch, fetch_allow_private=allow_private,
                           watch_interval=interval, watch_state=state)
    state_path(settings)  # a remote store without --state fails here, before spaCy loads
    urls = [s for s in sources if isinstance(s, str)]
    if urls and not settings.fetch:  # every pass would fail them: say it once, now
        from kg.ingest.urls import FETCHING_OFF

        raise InputError(FETCHING_OFF, urls[0])
    if settings.fetch_allow_private:
        _log("fetching from private addresses is allowed (--allow-private-addresses)")
    stop = StopSignal()
    stop.install()
    watcher = None
    try:
        with stop.interruptible():
            from kg.extract import Extractor

            preparer = Preparer(settings, ctx.obj.get("extractor") or Extractor.load())
        watcher = Watcher(settings, sources, preparer, make_fetcher(ctx, settings), _log)
        summary = watcher.run(once, stop)
    except KeyboardInterrupt:
        done = watcher.summary if watcher else None
        passes = f" after {done.passes} pass{'es' if done.passes != 1 else ''}: {done.line()}" if done else ""
        click.echo(f"kg watch: stopped by {stop.requested or 'SIGINT'}{passes} ({settings.store}); "
                   "every article is wholly stored or absent")
        sys.exit(0)
    finally:
        stop.restore()
    click.echo(f"{summary.line()} ({settings.store})")
    sys.exit(summary.ingest.exit_code)


def _log(line: str) -> None:
    """One line of `kg watch`'s log on stderr, with the time (UTC)."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    click.echo(f"kg watch: {stamp} {line}", err=True)


def _skipped(report: Any) -> str:
    """", 3 skipped: 2 .pdf, 1 .md (not …)" for the summary line; "" when no file was skipped."""
    line: str = report.skipped_line()
    return f", {line}" if line else ""


LOOKAHEAD = 1000  # inputs read before the ingest starts: a batch this small gets a progress total


def _lookahead(items: Iterator[Any], size: int) -> tuple[list[Any], bool]:
    """The first `size` items (more if none is an Article yet), and whether they are all there is."""
    from kg.model import Article

    head: list[Any] = []
    seen = False
    for item in items:
        head.append(item)
        seen = seen or isinstance(item, Article)
        if len(head) >= size and seen:
            return head, False
    return head, True


def _advance(bar: Any, item: Any) -> None:
    bar.update(1)


def _log_line(total: int | None) -> Callable[[Any], None]:
    """Progress as one line per item, for logs where a bar cannot be drawn."""
    count = itertools.count(1)
    of = f"/{total}" if total is not None else ""

    def step(item: Any) -> None:
        click.echo(f"ingesting {next(count)}{of}: {getattr(item, 'id', 'unreadable input')}", err=True)
    return step


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(FORMATS_EXPORT), default="nquads", show_default=True,
              help="Serialisation; turtle and ntriples hold the union of all graphs.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write [default: standard output].")
@click.pass_context
@handled
def export(ctx: click.Context, store: str | None, fmt: str, output: Path | None) -> None:
    """Write every graph of the store, the ontology included."""
    from kg.store import open_store

    settings = settings_of(ctx, store=store)
    with open_store(settings, read_only=True) as kgstore:
        if output is None:
            kgstore.dump(sys.stdout.buffer, fmt)  # type: ignore[arg-type]
            return
        tmp = output.with_name(output.name + ".part")
        try:
            with tmp.open("wb") as f:
                kgstore.dump(f, fmt)  # type: ignore[arg-type]
            tmp.replace(output)
        except OSError as e:
            raise InputError(f"cannot write: {e.strerror}", source=str(output)) from e


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option("--graph", metavar="IRI", default=None,
              help="Named graph for triples [default: the default graph]; quads keep their graph names.")
@click.option("--format", "fmt", type=click.Choice(["nquads", "trig", "turtle", "ntriples", "jsonld", "rdfxml", "n3"]),
              default=None, help="RDF format [default: from the file suffix].")
@click.pass_context
@handled
def load(ctx: click.Context, files: tuple[Path, ...], store: str | None, graph: str | None,
         fmt: str | None) -> None:
    """Import RDF files (N-Quads, TriG, Turtle, N-Triples, RDF/XML, JSON-LD), each atomically.

    A directory stands for its *.nq files. Files written by `kg ingest --to DIR` are stored as
    `kg ingest` stores an article (its graph replaced, its entities added, its quarantine record
    dropped or replaced, the read summaries updated), so the result does not depend on their
    order or on loading them twice; a cut or altered one is one line and the rest loads.
    Nothing named in a file is fetched. RDF/XML that declares entities in its DOCTYPE, or nests
    elements more than 1000 deep, is refused before parsing; so are empty files.
    """
    from kg.bulk import Loader, expand, load_order, read_kg_file, tally
    from kg.pipeline import IngestSummary
    from kg.store import open_store
    from kg.store.base import LOAD_FORMATS, LOAD_SUFFIXES

    settings = settings_of(ctx, store=store)
    if graph and not graph.startswith(("http://", "https://", "urn:")):
        raise InputError(f"--graph: not an absolute IRI: {graph!r}")
    failed = 0
    articles = IngestSummary()
    with open_store(settings) as kgstore:
        loader = Loader(kgstore, settings.base_iri)
        for path, kind in load_order(expand(files)):
            try:
                if kind is not None:  # written by `kg ingest --to`
                    loader.load(read_kg_file(path))
                    if kind != "ontology":
                        tally(articles, kind)
                    continue
                rdf_fmt = LOAD_FORMATS[fmt] if fmt else LOAD_SUFFIXES.get(path.suffix.lower())
                if rdf_fmt is None:
                    raise InputError("unknown RDF format (use --format or a known suffix: "
                                     + ", ".join(sorted(LOAD_SUFFIXES)) + ")", source=str(path))
                if not path.is_file():
                    raise InputError("no such file", source=str(path))
                if path.stat().st_size == 0:
                    raise InputError("empty file (no RDF in it)", source=str(path))
                before = len(kgstore)
                kgstore.load(path, rdf_fmt, graph)
                click.echo(f"{path}: {len(kgstore) - before} quads added")
            except InputError as e:
                failed += 1
                click.echo(f"kg: error: {e}", err=True)
    if articles.stored or articles.quarantined:
        click.echo(f"{articles.stored} articles stored, {articles.quarantined} quarantine records "
                   f"({settings.store})")
    sys.exit(2 if failed else 0)


@main.command()
@click.argument("sparql")
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv"]), default="table",
              show_default=True, help="Result format (graph results print as Turtle, JSON-LD or N-Triples).")
@click.pass_context
@handled
def query(ctx: click.Context, sparql: str, store: str | None, fmt: str) -> None:
    """Run a SPARQL query over the union of all graphs. SPARQL is the text or @FILE.rq."""
    from kg.store import open_store
    from kg.store.results import render

    if sparql.startswith("@"):
        path = Path(sparql[1:])
        try:
            sparql = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(f"cannot read query file: {e}", source=str(path)) from e
    settings = settings_of(ctx, store=store)
    with open_store(settings, read_only=True) as kgstore:
        click.echo(render(kgstore.query(sparql), fmt).rstrip("\n"))


@main.command()
@store_option
@click.pass_context
@handled
def validate(ctx: click.Context, store: str | None) -> None:
    """Re-check every stored article against the shapes and list the quarantine. Exit 1 if anything fails."""
    from kg.inspect import revalidate
    from kg.store import open_store
    from kg.validate import Validator

    settings = settings_of(ctx, store=store)
    with open_store(settings, read_only=True) as kgstore:
        out = revalidate(kgstore, settings.base_iri, Validator())
    for graph_iri, text in out.failures.items():
        click.echo(f"does not conform: {graph_iri}\n{_indent(text)}")
    for q in out.quarantine:
        click.echo(f"quarantined: {q.article_id} ({q.source or 'unknown source'}, {q.created})\n{_indent(q.report)}")
    click.echo(f"{out.checked} article graphs checked, {len(out.failures)} do not conform, "
               f"{len(out.quarantine)} quarantined")
    sys.exit(0 if out.ok else 1)


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.strip().splitlines())


@main.command()
@store_option
@click.option("--clear", is_flag=True, help="Drop the inferred graph and stop.")
@click.option("--hermit/--no-hermit", default=True, show_default=True,
              help="Check consistency with HermiT too (needs Java), not only the direct clash checks.")
@click.pass_context
@handled
def reason(ctx: click.Context, store: str | None, clear: bool, hermit: bool) -> None:
    """Apply the ontology: write what it entails to the inferred graph, quarantine contradictions.

    Inferences (inverses, property chains, super-classes, defined classes) replace the graph
    <BASE/graph/inferred> and never mix with extracted facts. A graph that puts an entity in two
    disjoint classes, or that HermiT finds inconsistent, is quarantined (see `kg validate`).
    Exit 0 when consistent, 1 when something was quarantined or contradicts the ontology.
    """
    from kg.pipeline import install_ontology
    from kg.rdf import iris
    from kg.reason import clear_inferred
    from kg.reason import reason as run
    from kg.store import open_store

    settings = settings_of(ctx, store=store)
    with open_store(settings) as kgstore:
        if clear:
            clear_inferred(kgstore, settings.base_iri)
            click.echo(f"dropped {iris.inferred_graph(settings.base_iri)} ({settings.store})")
            return
        install_ontology(kgstore)
        out = run(kgstore, settings.base_iri, hermit=hermit)
    for clash in out.clashes:
        click.echo(f"kg: contradiction: {clash.text()}", err=True)
    for g, q in out.quarantined.items():
        click.echo(f"kg: quarantined {g or 'the default graph'} -> {q}", err=True)
    for line in out.unexplained:
        click.echo(f"kg: not quarantined, fix by hand: {line}", err=True)
    click.echo(f"{out.graphs} graphs reasoned over, {out.inferred} triples inferred into "
               f"{iris.inferred_graph(settings.base_iri)}, {len(out.quarantined)} quarantined ({settings.store})")
    sys.exit(0 if out.ok else 1)


@main.command()
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@handled
def stats(ctx: click.Context, store: str | None, as_json: bool) -> None:
    """Counts of articles, actors, posts, agreements, meetings and quads."""
    import json

    from kg.inspect import stats as compute
    from kg.store import open_store

    settings = settings_of(ctx, store=store)
    with open_store(settings, read_only=True) as kgstore:
        counts = compute(kgstore)
    if as_json:
        click.echo(json.dumps(counts))
    else:
        for k, v in counts.items():
            click.echo(f"{k:<14}{v:>10}")


@main.command()
@store_option
@click.pass_context
@handled
def optimize(ctx: click.Context, store: str | None) -> None:
    """Compact an embedded store's files, after a bulk load.

    A store filled by an engine's bulk loader (`oxigraph load`) keeps many overlapping table files;
    compacting them makes every lookup faster (an index seek 7.5 times cheaper at 10M quads) and
    may take more disk space (pyoxigraph leaves some levels uncompressed). A store written by
    `kg ingest` or `kg load` is compacted as it is written and gains less (1.6 times at 10M). The
    quads do not change; `kg serve` can keep running. Takes the store's write lock, like
    `kg ingest`. A remote store is compacted by its own engine's tools.
    """
    import time

    from kg.store import backend_for
    from kg.store.embedded import EmbeddedStore

    settings = settings_of(ctx, store=store)
    if backend_for(settings.store) != "oxigraph":
        raise InputError("kg optimize works on an embedded store (a directory); a remote store is "
                         "compacted by its engine's own tools", source=settings.store)
    EmbeddedStore.open(settings.store, read_only=True).close()  # none there: an error, not a new store
    before, started = _disk_use(Path(settings.store)), time.perf_counter()
    kgstore = EmbeddedStore.open(settings.store)
    try:
        kgstore.optimize()
        quads = len(kgstore)
    finally:
        kgstore.close()
    click.echo(f"store optimized in {time.perf_counter() - started:.1f} s: {quads} quads, "
               f"{before / 2**20:,.0f} MiB on disk before, {_disk_use(Path(settings.store)) / 2**20:,.0f} MiB after "
               f"({settings.store})")


def _disk_use(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.iterdir() if p.is_file())


@main.command()
@store_option
@click.pass_context
@handled
def recount(ctx: click.Context, store: str | None) -> None:
    """Recount the read summaries (graph/summary) from the article graphs, in one update.

    Ingest keeps them per article; the dates of a tenure (kg:Tenure) are widened by each article and
    not narrowed when one is replaced or dropped, so after corrections or drops this makes them exact
    again. A store written by `kg load` or an earlier version is recounted by the next ingest anyway.
    """
    import time

    from kg.store import open_store
    from kg.store.summary import rebuild

    settings = settings_of(ctx, store=store)
    started = time.perf_counter()
    with open_store(settings, read_only=True):
        pass  # a store that is not there is an error here, not an empty store made
    with open_store(settings) as kgstore:
        rebuild(kgstore, settings.base_iri)
    click.echo(f"read summaries recounted in {time.perf_counter() - started:.1f} s ({settings.store})")


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (0.0.0.0 for every interface).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0 picks a free one and prints it).")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 256),
              help="Python threads answering requests in each server process (the HTTP server itself "
                   "runs apart, in Rust).")
@click.option("--processes", type=click.IntRange(1, 64), default=None,
              help="Server processes answering requests, each with its own threads, response cache and "
                   "query workers; fair use is counted across them. One process uses about one core: "
                   "give one per core to serve more requests a second [default: 1, or KG_SERVE_PROCESSES].")
@click.option("--query-timeout", type=click.FloatRange(min=0.1), default=None,
              help="Seconds before a SPARQL query is stopped and answered 503 [default: 30, or KG_QUERY_TIMEOUT].")
@click.option("--max-rows", type=click.IntRange(min=1), default=None,
              help="Rows or triples per SPARQL response; more are cut and flagged in the "
                   "X-KG-Truncated header [default: 10000, or KG_MAX_ROWS].")
@click.option("--query-workers", type=click.IntRange(1, 64), default=None,
              help="Processes evaluating SPARQL queries at once, in each server process "
                   "[default: 2, or KG_QUERY_WORKERS].")
@click.option("--query-memory", type=click.IntRange(min=0), default=None, metavar="MIB",
              help="MiB of data each query worker may use (at least 256); a query needing more is stopped and answered "
                   "503 [default: 0 = half the machine's memory shared by the workers, 1 to 4 GiB each, "
                   "or KG_QUERY_MEMORY].")
@click.option("--rate-limit", type=click.FloatRange(min=0), default=None, metavar="PER_SECOND",
              help="Requests a second each client may make on average (a token bucket); beyond it, "
                   "429 with Retry-After; 0 turns it off [default: 10, or KG_RATE_LIMIT].")
@click.option("--rate-burst", type=click.IntRange(min=1), default=None,
              help="Requests a client may make at once before --rate-limit applies "
                   "[default: 100, or KG_RATE_BURST].")
@click.option("--max-client-queries", type=click.IntRange(min=0), default=None,
              help="SPARQL queries one client may have running at once; another one is answered "
                   "429 with Retry-After; 0 = no cap. Keep it below --query-workers so that one client "
                   "always leaves a worker to the others [default: 1, or KG_MAX_CLIENT_QUERIES].")
@click.option("--trust-forwarded/--no-trust-forwarded", default=None,
              help="Tell clients apart by the last X-Forwarded-For address instead of the connection's "
                   "(loopback is never limited, so behind a proxy on this machine the limits need this). "
                   "Only behind a reverse proxy that sets it, on an address nobody else can reach: "
                   "otherwise a client can pick its own identity [default: off, or KG_TRUST_FORWARDED].")
@click.option("--cache-size", type=click.IntRange(min=0), default=None, metavar="MIB",
              help="MiB of page and SPARQL answers kept while the store's data stays the same (every write "
                   "invalidates them); 0 turns the cache off [default: 64, or KG_CACHE_SIZE].")
@click.pass_context
@handled
def serve(ctx: click.Context, store: str | None, host: str, port: int, threads: int, processes: int | None,
          query_timeout: float | None, max_rows: int | None, query_workers: int | None,
          query_memory: int | None, rate_limit: float | None, rate_burst: int | None, max_client_queries: int | None,
          trust_forwarded: bool | None, cache_size: int | None) -> None:
    """Serve the SPARQL endpoint, entity and article pages, search and the query editor.

    Runs on granian's HTTP server (Rust) in this process (or in --processes forked ones), over the
    store that `kg ingest` writes (opened read-only: an ingest can run beside it). Endpoint: /sparql;
    browser: /.
    """
    settings = settings_of(ctx, store=store, query_timeout=query_timeout, max_rows=max_rows,
                           query_workers=query_workers, query_memory=query_memory, rate_limit=rate_limit,
                           rate_burst=rate_burst, max_client_queries=max_client_queries,
                           trust_forwarded=trust_forwarded, cache_size=cache_size, serve_processes=processes)
    from kg.web.server import listen

    if settings.serve_processes > 1:
        from kg.web.supervisor import serve_processes

        code = serve_processes(settings, host, port, threads, lambda port: _announce(settings, host, port))
        if code:
            sys.exit(code)
        click.echo("kg: stopped", err=True)
        return
    from kg.web import create_app
    from kg.web.server import serve as run_server

    app = create_app(settings)
    try:
        listener = listen(host, port)
    except ConfigError:
        app.extensions["kg"].close()
        raise
    _announce(settings, host, listener.port)
    try:
        run_server(app, listener, threads)
        click.echo("kg: stopped", err=True)
    finally:
        app.extensions["kg"].close()


def _announce(settings: Settings, host: str, port: int) -> None:
    from kg.web.server import shown

    processes = settings.serve_processes
    click.echo(f"kg: serving {settings.store} at http://{shown(host)}:{port}/ "
               f"(SPARQL endpoint /sparql){f' in {processes} processes' if processes > 1 else ''}; Ctrl-C stops",
               err=True)
    who = "last X-Forwarded-For address" if settings.trust_forwarded else "connection address"
    rate = (f"{settings.rate_limit:g} requests/s, bursts of {settings.rate_burst}" if settings.rate_limit > 0
            else "no rate limit")
    n = settings.max_client_queries
    queries = f"{n} SPARQL quer{'y' if n == 1 else 'ies'} at a time" if n > 0 else "no cap on concurrent queries"
    click.echo(f"kg: fair use per client ({who}; loopback not limited): {rate}, {queries}", err=True)


@main.command()
@store_option
@click.option("--endpoint", default=None, metavar="URL",
              help="SPARQL endpoint with Wikidata's data model "
                   "[default: https://query.wikidata.org/sparql, or KG_LINK_ENDPOINT].")
@click.option("--batch-size", default=25, show_default=True, type=click.IntRange(1, 500),
              help="Entities looked up per query.")
@click.option("--timeout", default=60.0, show_default=True, type=click.FloatRange(min=1),
              help="Seconds to wait for each answer.")
@click.option("--dry-run", is_flag=True, help="Show what would be linked; write nothing.")
@click.pass_context
@handled
def link(ctx: click.Context, store: str | None, endpoint: str | None, batch_size: int, timeout: float,
         dry_run: bool) -> None:
    """Link people, organisations and states to Wikidata (owl:sameAs) where the answer is unambiguous.

    Entities without a Wikidata link are looked up by their labels and aliases, restricted
    to the Wikidata class their kind expects (human, country, organisation). One match
    becomes a link; several are listed and left unlinked. Links replace the graph
    <BASE/graph/links> on each run. States are linked offline at ingest already.
    """
    from kg.link import candidates, write_links
    from kg.link import link as find_links
    from kg.store import open_store

    settings = settings_of(ctx, store=store, link_endpoint=endpoint)
    with open_store(settings, read_only=True) as kgstore:
        cands = candidates(kgstore, settings.base_iri)
    click.echo(f"kg: looking up {len(cands)} entities at {settings.link_endpoint}", err=True)
    report = find_links(cands, settings.link_endpoint, batch_size=batch_size, timeout=timeout)
    for ours, theirs in sorted(report.linked.items()):
        click.echo(f"{ours}\towl:sameAs\t{theirs}")
    for ours, items in sorted(report.ambiguous.items()):
        click.echo(f"kg: ambiguous, left unlinked: {ours} ({', '.join(items)})", err=True)
    if not dry_run:
        with open_store(settings) as kgstore:
            write_links(kgstore, settings.base_iri, report)
    click.echo(f"{report.line()}{' (dry run: nothing written)' if dry_run else ''} ({settings.store})", err=True)


if __name__ == "__main__":
    main()
