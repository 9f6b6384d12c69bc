"""The sample maps that come with the package (``stakeholders.examples``): the files of examples/, by name."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, strategies as st

import stakeholders
from stakeholders import examples

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.suffix in (".yaml", ".csv"))


def test_the_names_are_the_sample_files_of_examples() -> None:
    assert examples.names() == [p.stem for p in SAMPLES]
    assert "welding_soe" in examples.names()


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_each_sample_loads_as_its_file_does(sample: Path) -> None:
    assert examples.path(sample.stem).read_bytes() == sample.read_bytes()
    assert examples.path(sample.name) == examples.path(sample.stem)
    assert examples.load(sample.stem) == stakeholders.io.read(sample)


def test_the_module_is_reachable_from_the_package() -> None:
    assert stakeholders.examples.load("welding_soe").customer.startswith("江东")


@given(st.text(max_size=20).filter(lambda s: s not in examples.names() and Path(s).stem not in examples.names()))
def test_an_unknown_name_lists_the_sample_maps_in_both_languages(name: str) -> None:
    with pytest.raises(ValueError, match="no sample map called") as caught:
        examples.path(name)
    message = str(caught.value)
    assert "welding_soe" in message and "示例地图" in message


def test_a_typo_gets_a_did_you_mean() -> None:
    with pytest.raises(ValueError, match="did you mean 'welding_soe'"):
        examples.load("weldng_soe")
