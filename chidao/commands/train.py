"""`chidao train`: the CLI twin of `nlp.spans.train.train`."""
from __future__ import annotations

import time
from pathlib import Path

import click

from chidao.cli_common import friendly_errors


@click.command("train")
@click.option("--component", type=click.Choice(["spans", "category", "targets"]), default="spans",
              show_default=True,
              help="spans: the span tagger; category: the measure-category classifier; "
                   "targets: the tagger of targets inside measures (a CRF).")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Gold corpus folder [default: corpus].")
@click.option("--backend", type=click.Choice(["spacy", "crf", "transformers"]), default="spacy",
              show_default=True,
              help="spaCy NER from scratch, a CRF over word features (underthesea's CRF, "
                   "minutes on a CPU), or a transformers token classifier.")
@click.option("--checkpoint", default=None, metavar="PATH",
              help="transformers only: a local model folder (e.g. PhoBERT), or 'tiny' for a "
                   "randomly initialised tiny BERT (smoke run). Nothing is downloaded.")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder [default: models/spans-spacy, models/spans-crf or "
                   "models/spans-transformers].")
@click.option("--epochs", type=click.IntRange(min=1), default=None,
              help="Maximum epochs; the best epoch on dev is kept [default: spacy 30, "
                   "transformers 5]. For the CRFs (crf, targets): L-BFGS iterations [default: 300].")
@click.option("--seed", type=int, default=13, show_default=True, help="Random seed.")
@click.option("--with-dev", is_flag=True,
              help="Learn from the dev split too, once settings were chosen on it (category, "
                   "targets, and the crf and spacy backends; dev scores are then in-sample). "
                   "spacy then trains --layer-epochs epochs.")
@click.option("--layer-epochs", "layer_epochs", multiple=True, metavar="LAYER=N",
              help="spacy: train this layer exactly N epochs and keep the last (repeatable) "
                   "[default with --with-dev: the epochs models/spans-spacy kept on dev].")
@click.option("--layers", type=click.Choice(["primary", "nested"]), multiple=True,
              help="crf backend: fit only this layer (repeatable); primary = addressees and "
                   "measures, nested = targets and deadlines [default: both].")
@click.option("--limit", type=click.IntRange(min=1), default=None, hidden=True,
              help="Use only the first N train and dev documents (tests).")
@friendly_errors
def train(component: str, corpus: Path | None, backend: str, checkpoint: str | None, out: Path | None,
          epochs: int | None, seed: int, with_dev: bool, layer_epochs: tuple[str, ...],
          layers: tuple[str, ...], limit: int | None) -> None:
    """Train a span tagger (addressees, measures, targets, deadlines), the measure-category
    classifier or the in-measure target tagger on the gold train split.

    Settings are chosen on dev; the scores printed at the end are dev scores. The test split
    is not used. With --with-dev the model learns from dev as well (the shipped targets
    model since 0.7.14, the spaCy span model since 0.7.15), so its dev scores are in-sample.

    \b
    Examples:
      chidao train --component category --out models/measure-category
      chidao train --component targets --out models/targets-crf
      chidao train --backend spacy --out models/spans-spacy --epochs 30 --seed 13
      chidao train --backend crf --out models/spans-crf
      chidao train --backend spacy --with-dev --layer-epochs primary=18 --layer-epochs nested=9
      chidao train --backend crf --layers primary --with-dev --out models/spans-crf
      chidao train --backend transformers --checkpoint ~/models/phobert-base --epochs 5
      chidao train --backend transformers --checkpoint tiny --epochs 1 --out /tmp/smoke
    """
    if component == "category" or component == "targets":
        corpus = corpus or Path("corpus")
    if component == "category":
        from nlp import category_model

        target = out or category_model.DEFAULT_OUT
        metrics = category_model.train(corpus, target, with_dev=with_dev)
        click.echo(f"saved category model to {target}: trained on {metrics['train_measures']} "
                   f"measures; dev accuracy {metrics['dev_accuracy']:.3f} "
                   f"(lexicon {metrics['dev_accuracy_lexicon']:.3f}) on {metrics['dev_measures']}")
        return
    if component == "targets":
        from nlp import target_model

        target = out or target_model.DEFAULT_OUT
        meta = target_model.train(corpus, target, log=lambda line: click.echo(line, err=True),
                                  limit=limit, with_dev=with_dev, iterations=epochs)
        dev = meta["dev_gold_measures"]
        click.echo(f"saved target model to {target}: trained on {meta['measures']} measures "
                   f"({meta['measures_with_targets']} with targets); on dev's gold measures P "
                   f"{dev['precision']:.3f} R {dev['recall']:.3f} F1 {dev['f1']:.3f}")
        return
    from nlp.spans import train as lib

    out = out or lib.DEFAULT_OUT[backend]
    fixed = _layer_epochs(layer_epochs)
    started = time.time()
    scores = lib.train(backend, out, checkpoint=checkpoint, epochs=epochs, seed=seed,
                       log=lambda line: click.echo(line, err=True), limit=limit, corpus=corpus or lib.data.CORPUS,
                       with_dev=with_dev, layers=list(layers) or None, layer_epochs=fixed)
    click.echo(f"saved {backend} model to {out} in {time.time() - started:.0f}s; dev scores:")
    click.echo(lib.format_scores(scores))


def _layer_epochs(values: tuple[str, ...]) -> dict[str, int] | None:
    """("primary=18", "nested=9") -> {"primary": 18, "nested": 9}; both layers or none."""
    if not values:
        return None
    out: dict[str, int] = {}
    for value in values:
        name, _, n = value.partition("=")
        if name not in ("primary", "nested") or not n.isdigit() or int(n) < 1:
            raise click.BadParameter(f"{value!r}: expected primary=N or nested=N with N >= 1",
                                     param_hint="--layer-epochs")
        out[name] = int(n)
    if len(out) != 2:
        raise click.BadParameter("give both layers, e.g. --layer-epochs primary=18 "
                                 "--layer-epochs nested=9", param_hint="--layer-epochs")
    return out


COMMANDS = [train]
