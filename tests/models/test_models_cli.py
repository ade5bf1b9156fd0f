"""`chidao train`: help with an example; clear errors without training anything."""
from __future__ import annotations

import json

from click.testing import CliRunner

from chidao.commands.train import COMMANDS, train


def test_help_has_an_example():
    result = CliRunner().invoke(train, ["--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and "chidao train --backend spacy" in result.output
    assert "chidao train --backend crf" in result.output
    assert "--checkpoint" in result.output and "--epochs" in result.output
    assert COMMANDS == [train]


def test_missing_checkpoint_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(train, ["--backend", "transformers", "--checkpoint",
                                        str(tmp_path / "nope"), "--out", str(tmp_path / "o"),
                                        "--limit", "1"])
    assert result.exit_code != 0
    assert "checkpoint folder not found" in result.output
    assert "Traceback" not in result.output


def test_registered_in_main_cli_when_listed():
    from chidao.commands import MODULES

    if "chidao.commands.train" not in MODULES:
        return  # the lead registers the module; until then only the command itself is tested
    from chidao.cli import main

    result = CliRunner().invoke(main, ["train", "--help"])
    assert result.exit_code == 0 and "Example" in result.output


def test_crf_trains_from_the_command_line(tmp_path):
    out = tmp_path / "crf"
    result = CliRunner().invoke(train, ["--backend", "crf", "--out", str(out), "--epochs", "3",
                                        "--limit", "4"])
    assert result.exit_code == 0, result.output
    assert "saved crf model" in result.output and "macro F1" in result.output
    assert (out / "primary.crf").exists() and (out / "nested.crf").exists()
    bad = CliRunner().invoke(train, ["--backend", "crf", "--checkpoint", "x", "--out", str(out),
                                     "--limit", "1"])
    assert bad.exit_code != 0 and "--checkpoint is for the transformers backend only" in bad.output
    assert "Traceback" not in bad.output


def test_crf_learns_from_dev_too_and_one_layer_when_asked(tmp_path):
    out = tmp_path / "crf"
    result = CliRunner().invoke(train, ["--backend", "crf", "--layers", "primary", "--with-dev",
                                        "--out", str(out), "--epochs", "3", "--limit", "4"])
    assert result.exit_code == 0, result.output
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["splits"] == "train+dev" and meta["train_docs"] == 8  # 4 train + the 4 dev
    assert list(meta["layers"]) == ["primary"] and not (out / "nested.crf").exists()
    bad = CliRunner().invoke(train, ["--backend", "spacy", "--layers", "primary", "--out",
                                     str(tmp_path / "s"), "--limit", "1"])
    assert bad.exit_code != 0 and "--layers is for the crf backend only" in bad.output
    assert "Traceback" not in bad.output


def test_spacy_learns_from_dev_for_fixed_epochs(tmp_path):
    out = tmp_path / "s"
    result = CliRunner().invoke(train, ["--backend", "spacy", "--with-dev", "--layer-epochs", "primary=1",
                                        "--layer-epochs", "nested=1", "--out", str(out), "--limit", "3"])
    assert result.exit_code == 0, result.output
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["train_docs"] == 6 and meta["fixed_epochs"] == {"primary": 1, "nested": 1}
    assert meta["splits"] == "train+dev"


def test_layer_epochs_errors_say_what_to_give(tmp_path):
    for args in (["--layer-epochs", "primary=0", "--layer-epochs", "nested=1"],
                 ["--layer-epochs", "primary=3"], ["--layer-epochs", "first=3"]):
        bad = CliRunner().invoke(train, ["--backend", "spacy", *args, "--out", str(tmp_path / "s"),
                                         "--limit", "1"])
        assert bad.exit_code != 0 and "--layer-epochs" in bad.output, args
        assert "Traceback" not in bad.output
    bad = CliRunner().invoke(train, ["--backend", "crf", "--layer-epochs", "primary=1",
                                     "--layer-epochs", "nested=1", "--out", str(tmp_path / "c"),
                                     "--limit", "1"])
    assert bad.exit_code != 0 and "for the spacy backend only" in bad.output
    bad = CliRunner().invoke(train, ["--backend", "transformers", "--checkpoint", "tiny", "--with-dev",
                                     "--out", str(tmp_path / "t"), "--limit", "1"])
    assert bad.exit_code != 0 and "--with-dev is for" in bad.output
