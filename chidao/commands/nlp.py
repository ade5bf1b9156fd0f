"""`chidao extract` and `chidao eval`: thin twins of chidao.pipeline and nlp.evaluate."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from chidao.cli_common import db_option, friendly_errors, open_catalogue
from nlp.evaluate import SCORED_FIELDS


def _bar(label: str):  # noqa: ANN202
    state = {"bar": None}

    def progress(done: int, total: int | None) -> None:
        if state["bar"] is None:
            state["bar"] = click.progressbar(length=total or 0, label=label, file=sys.stderr)
            state["bar"].__enter__()
        state["bar"].update(1)
        if total and done >= total:
            state["bar"].__exit__(None, None, None)

    return progress


@click.command()
@db_option
@click.option("--input", "input_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Standalone mode: a JSONL file of documents (doc_id, text, title?, published?).")
@click.option("--output", "output_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Where standalone mode writes one result line per input document.")
@click.option("--workers", type=int, default=1, show_default=True, help="Processes to use.")
@friendly_errors
def extract(db_path: str, input_path: Path | None, output_path: Path | None, workers: int) -> None:
    """Find directives in documents.

    Without --input, extracts every catalogue document the current extractor version has
    not seen and stores its directives. With --input/--output, works on a JSONL file and
    touches no catalogue.

    \b
    Examples:
      chidao extract
      chidao extract --input docs.jsonl --output directives.jsonl --workers 2
    """
    from chidao import pipeline

    if input_path is not None:
        if output_path is None:
            raise click.UsageError("--input needs --output (where to write the results).")
        summary = pipeline.extract_jsonl(input_path, output_path, workers, _bar("extracting"))
        where = str(output_path)
    else:
        database = open_catalogue(db_path, other_way="extract from a file with --input/--output")
        summary = pipeline.extract_pending(database, workers, _bar("extracting"))
        where = db_path
    click.echo(f"{summary.documents} documents, {summary.with_directives} with directives, "
               f"{summary.directives} directives → {where}")
    for err in summary.errors[:20]:
        click.echo(f"  error: {err}", err=True)
    if len(summary.errors) > 20:
        click.echo(f"  ... and {len(summary.errors) - 20} more errors", err=True)


@click.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, path_type=Path), default=Path("corpus"))
@click.option("--pred", "pred_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Predictions (JSONL, one document per line); default: run the extractor.")
@click.option("--split", type=click.Choice(["train", "dev", "test", "all"]), default="all",
              show_default=True, help="Corpus split to score (needs GOLD/documents.jsonl).")
@click.option("--draw", "draws", multiple=True,
              help="Only the documents of this annotation draw (a selection file such as "
                   "selection_extra18.json, under GOLD or as a path); repeat for several.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--save-pred", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the predictions made to this JSONL file.")
@click.option("--errors", "error_field",
              type=click.Choice(SCORED_FIELDS),
              help="Also list, per document, the gold spans of this field that were missed and "
                   "the predicted ones that match no gold span.")
@click.option("--ci", is_flag=True,
              help="Also give a 95% bootstrap interval for every score (1,000 resamples of "
                   "the documents).")
@click.option("--compare", "compare_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Other predictions (JSONL) to set against these, document by document: "
                   "the difference of every score with its paired bootstrap interval.")
@friendly_errors
def evaluate(gold: Path, pred_path: Path | None, split: str, draws: tuple[str, ...], fmt: str,
             save_pred: Path | None, error_field: str | None, ci: bool, compare_path: Path | None) -> None:
    """Score extraction against a gold corpus (ANNOTATION.md rules).

    Precision, recall and F1 per field (spans matched one to one at token F1 >= 0.5,
    document numbers exactly), measure-category accuracy, directive-document detection,
    province accuracy and a per-province table.

    \b
    Examples:
      chidao eval corpus --split test
      chidao eval corpus --pred predictions.jsonl --format json
      chidao eval corpus --split dev --errors targets
      chidao eval corpus --split test --ci
      chidao eval corpus --split dev --pred old.jsonl --compare new.jsonl
      chidao eval corpus --draw selection_extra18.json --draw selection_extra19.json
    """
    from chidao.pipeline import extract_many
    from nlp import bootstrap
    from nlp.evaluate import draw_ids, format_errors, format_table, load_gold, span_errors
    from nlp.evaluate import evaluate as run_eval

    docs = load_gold(gold, split)
    if draws:
        try:
            wanted = draw_ids(gold, draws)
        except FileNotFoundError as exc:
            raise click.ClickException(str(exc)) from exc
        docs = [g for g in docs if g["doc_id"] in wanted]
    if not docs:
        raise click.ClickException(f"no gold documents found in {gold} (split {split}"
                                   + (f", draws {', '.join(draws)}" if draws else "") + ")")
    if pred_path:
        preds = _read_predictions(pred_path)
    else:
        items = [(g["doc_id"], g["text"] or "", None, g.get("title")) for g in docs]
        progress = _bar("extracting")
        preds = {}
        for i, r in enumerate(extract_many(items)):
            preds[r["doc_id"]] = r
            progress(i + 1, len(items))
        if save_pred:
            save_pred.write_text("".join(json.dumps(preds[g["doc_id"]], ensure_ascii=False) + "\n"
                                         for g in docs), encoding="utf-8")
    others = _read_predictions(compare_path) if compare_path else None
    _warn_unpredicted(docs, preds, pred_path)
    _warn_unpredicted(docs, others, compare_path)
    report = run_eval(docs, preds).as_dict()
    errors = span_errors(docs, preds, error_field) if error_field else None
    intervals = bootstrap.intervals(docs, preds) if ci else None
    paired = bootstrap.paired(docs, preds, others) if others is not None else None
    if fmt == "json":
        if errors is not None:
            report["errors"] = {error_field: errors}
        if intervals is not None:
            report["intervals"] = intervals
        if paired is not None:
            report["paired"] = {"base": str(pred_path or "extractor"), "other": str(compare_path), **paired}
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    click.echo(format_table(report))
    if intervals is not None:
        click.echo("\n" + bootstrap.format_intervals(intervals))
    if paired is not None:
        click.echo("\n" + bootstrap.format_paired(paired, pred_path.name if pred_path else "extractor",
                                                   compare_path.name))
    if errors is not None:
        click.echo("\n" + format_errors(errors, error_field))


def _warn_unpredicted(docs: list[dict], preds: dict[str, dict] | None, path: Path | None) -> None:
    """A predictions file that lacks gold documents scores them as finding nothing; say so,
    since a wrong file (another split, an empty one) would otherwise read as a bad extractor."""
    if preds is None or path is None:
        return
    missing = sum(g["doc_id"] not in preds for g in docs)
    if missing:
        click.echo(f"warning: {missing} of {len(docs)} gold documents have no line in {path}; "
                   "they are scored as finding no directive", err=True)


def _read_predictions(path: Path) -> dict[str, dict]:
    """Predictions JSONL (one document per line) keyed by doc_id; a bad line says where."""
    preds = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise click.ClickException(f"{path}:{n}: not JSON ({exc.msg})") from exc
            if not isinstance(row, dict) or "doc_id" not in row:
                raise click.ClickException(f"{path}:{n}: a prediction needs a doc_id")
            preds[row["doc_id"]] = row
    return preds


COMMANDS = [extract, evaluate]
