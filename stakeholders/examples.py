"""The sample maps that come with the package, to try the library before writing a map of one's own.

>>> from stakeholders import examples
>>> examples.names()
['contacts_zh', 'music_academy_hvac', 'private_chairman', 'water_pump_spin', 'welding_soe']
>>> examples.load("welding_soe").customer
'江东汽车底盘零部件有限公司（省汽车工业集团全资子公司）'
>>> examples.path("contacts_zh").name
'contacts_zh.csv'

They are the files of the repository's ``examples/`` folder (examples/README.md tells their
stories), one file each, read through :func:`importlib.resources`: an installed package holds
them as ``stakeholders/sample_maps/`` (``pyproject.toml`` maps the folder into the wheel), and a
checkout of the repository reads them where they are. On the command line:
``stakeholders demo --example welding_soe``.
"""

from __future__ import annotations

import difflib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import BuyingGroup

__all__ = ["load", "names", "path"]

#: The suffixes of sample maps: YAML maps and contact lists (what ``stakeholders.io.read`` reads).
_SUFFIXES = (".yaml", ".csv")


def _folder() -> Path:
    packaged = resources.files("stakeholders").joinpath("sample_maps")
    if isinstance(packaged, Path) and packaged.is_dir():  # installed from a wheel
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "examples"
    if checkout.is_dir():  # a checkout of the repository (or an editable install)
        return checkout
    raise FileNotFoundError(f"the sample maps are not installed (looked in {packaged} and {checkout})")


def _files() -> dict[str, Path]:
    found = (p for p in _folder().iterdir() if p.suffix in _SUFFIXES and p.is_file())
    return {p.stem: p for p in sorted(found)}


def names() -> list[str]:
    """The names of the sample maps, sorted: each one is a name for :func:`load` and ``--example``."""
    return list(_files())


def path(name: str) -> Path:
    """The file of the sample map ``name`` (``"welding_soe"``; its file name ``"welding_soe.yaml"`` too).

    Raises :class:`ValueError` for a name that is not a sample map, with the names there are.
    """
    files = _files()
    key = Path(name).stem if Path(name).suffix in _SUFFIXES else name
    if key in files:
        return files[key]
    close = difflib.get_close_matches(key, files, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise ValueError(
        f"no sample map called {name!r} ({hint}the sample maps are: {', '.join(files)})"
        f" / 没有名为“{name}”的示例地图（可用的示例：{'、'.join(files)}）"
    )


def load(name: str) -> BuyingGroup:
    """Read the sample map ``name`` (see :func:`names`), a YAML map or a contact list, as a map."""
    from .io.formats import read

    return read(path(name))
