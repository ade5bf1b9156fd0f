"""The trained measure-category classifier (nlp.category_model)."""
from __future__ import annotations

from pathlib import Path

import pytest

from nlp.category_model import CategoryModel, accuracy, fit, measures_of

ROOT = Path(__file__).resolve().parents[2]
TOY = [
    ("xử lý nghiêm các trường hợp vi phạm", "sanction"),
    ("kỷ luật cán bộ sai phạm", "sanction"),
    ("kiểm tra đột xuất các đơn vị", "inspect"),
    ("giám sát việc thực thi công vụ", "inspect"),
    ("tuyên truyền cho người dân", "communicate"),
    ("vận động người dân chấp hành", "communicate"),
]


def test_fit_learns_words_beyond_the_lexicon() -> None:
    # "kỷ luật" is a sanction cue, but "răn đe" is in no lexicon: the model learns it.
    model = fit(TOY + [("răn đe những người vi phạm", "sanction")] * 3)
    assert model.predict("răn đe các trường hợp vi phạm")[0] == "sanction"
    assert model.predict("kiểm tra các đơn vị")[0] == "inspect"
    category, probability = model.predict("tuyên truyền rộng rãi")
    assert category == "communicate" and 0.0 < probability <= 1.0


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    model = fit(TOY)
    model.save(tmp_path)
    again = CategoryModel.load(tmp_path)
    for text, _ in TOY:
        assert again.predict(text) == model.predict(text)


def test_missing_model_says_how_to_get_one(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="chidao train --component category"):
        CategoryModel.load(tmp_path / "nowhere")


def test_fit_refuses_empty_data() -> None:
    with pytest.raises(ValueError, match="no labelled measures"):
        fit([])


def test_shipped_model_beats_the_lexicon_on_dev() -> None:
    """The choice in nlp/config.cfg: the shipped model against the cue table, on dev."""
    from nlp.classify import classify
    from nlp.evaluate import load_gold

    dev = measures_of(load_gold(ROOT / "corpus", "dev"))
    model = CategoryModel.load(ROOT / "models" / "measure-category")
    lexicon = sum(classify(t)[0] == c for t, c in dev) / len(dev)
    assert accuracy(model, dev) > lexicon


def test_with_dev_learns_from_dev_measures_too(tmp_path: Path) -> None:
    from nlp.category_model import train
    from nlp.evaluate import load_gold

    corpus = ROOT / "corpus"
    n_train, n_dev = (len(measures_of(load_gold(corpus, s))) for s in ("train", "dev"))
    alone = train(corpus, tmp_path / "train")
    both = train(corpus, tmp_path / "both", with_dev=True)
    assert (alone["train_measures"], alone["splits"]) == (n_train, "train")
    assert (both["train_measures"], both["splits"]) == (n_train + n_dev, "train+dev")
    assert both["dev_accuracy"] > alone["dev_accuracy"]  # in-sample now, as the help says
