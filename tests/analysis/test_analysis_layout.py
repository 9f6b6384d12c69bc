"""The analysis package's layout: named rules, short functions, no import cycle, Traditional Chinese."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import stakeholders
from stakeholders import analyze
from stakeholders.analysis import FLAGS, InfluenceScore, influence, is_high_influence, rules
from stakeholders.analysis.rules import RULES
from stakeholders.text import to_traditional

PACKAGE = Path(stakeholders.__file__).parent / "analysis"
EXAMPLES = Path(__file__).parents[2] / "examples"


def _module_imports(path: Path) -> set[str]:
    """Modules of stakeholders.analysis that ``path`` imports, inside functions too, TYPE_CHECKING aside."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for child in node.body for n in ast.walk(child))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped or not isinstance(node, ast.ImportFrom) or node.level != 1:
            continue
        if node.module:
            found.add(node.module.split(".")[0])
        else:  # from . import x: the package itself, or its submodules
            found.update(alias.name for alias in node.names if (PACKAGE / f"{alias.name}.py").exists())
            found.add("__init__")
    return found


def test_no_import_cycle_inside_the_analysis_package() -> None:
    graph = {path.stem: _module_imports(path) for path in PACKAGE.glob("*.py")}
    assert "__init__" not in set().union(*graph.values()), "a module imports the package __init__"
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1  # on the current path
        for nxt in sorted(graph[node] & graph.keys()):
            assert state.get(nxt) != 1, "import cycle: " + " → ".join([*trail, node, nxt])
            if nxt not in state:
                visit(nxt, [*trail, node])
        state[node] = 2  # done

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


def test_init_only_re_exports() -> None:
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        assert isinstance(node, ast.Expr | ast.ImportFrom | ast.Assign), ast.unparse(node)[:60]


def test_each_flag_code_is_a_rule_function_of_that_name() -> None:
    assert list(FLAGS) == [r.code for r in RULES]
    for info in FLAGS.values():
        function = getattr(rules, info.code)
        assert function.__name__ == info.code and inspect.getmodule(function) is rules
        assert f"def {info.code}(" in inspect.getsource(rules)


@pytest.mark.parametrize("module", ["flags.py", "rules.py", "context.py", "pipeline.py", "run.py", "report.py"])
def test_no_function_over_60_lines(module: str) -> None:
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            assert node.end_lineno is not None
            length = node.end_lineno - node.lineno + 1
            assert length <= 60, f"{module}: {node.name} has {length} lines"


def test_a_rule_must_be_named_by_its_code() -> None:
    with pytest.raises(ValueError, match="must be a function named 'some_flag'"):
        rules.rule("some_flag", rules.Severity.LOW, rules.Text("x", "x"), condition="never")(lambda ctx: iter(()))
    assert "some_flag" not in FLAGS


def test_high_influence_has_one_definition() -> None:
    group = stakeholders.load(EXAMPLES / "welding_soe.yaml")
    scores = influence(group)
    assert [is_high_influence(s) for s in scores] == [s.high for s in scores]
    assert any(s.high for s in scores) and not all(s.high for s in scores)
    assert "one definition" in (is_high_influence.__doc__ or "")
    assert InfluenceScore.model_fields["high"].annotation is bool


# -- Traditional Chinese: picked through Text.pick everywhere -------------------------------------


def _map_words(group: stakeholders.BuyingGroup) -> list[str]:
    """The words of the map a message may quote: names, titles, concerns, competitors and factions."""
    words = [c.name for c in group.competitors] + [f.name for f in group.factions]
    for p in group.people:
        words += [p.name, *(p.concerns or [])] + ([p.title] if p.title else [])
    return sorted(set(words), key=len, reverse=True)


def _converted_around(hant: str, zh: str, words: list[str]) -> bool:
    """Whether ``hant`` is ``zh`` with its fixed words converted to Traditional and ``words`` left as written."""
    for k, word in enumerate(words):
        hant, zh = hant.replace(word, f"<{k}>"), zh.replace(word, f"<{k}>")
    return hant == to_traditional(zh)


def test_flag_message_in_traditional_chinese() -> None:
    group = stakeholders.load(EXAMPLES / "welding_soe.yaml")
    analysis = analyze(group)
    assert analysis.flags
    for flag in analysis.flags:
        assert flag.message("zh") == flag.message_zh and flag.message("en") == flag.message_en
        # The fixed words are converted, the map's words are shown as written (not converted).
        for i in flag.people:
            assert analysis.names[i] in flag.message("zh_hant")
        assert _converted_around(flag.message("zh_hant"), flag.message_zh, _map_words(group))
        assert flag.message("zh-TW") == flag.message("zh_hant")
        assert flag.text.pick("zh_hant") == flag.message("zh_hant")
    # At least one message differs between the scripts (the bug: Simplified for zh_hant).
    assert any(f.message("zh_hant") != f.message_zh for f in analysis.flags)


def test_no_coach_message_in_traditional() -> None:
    group = stakeholders.loads("customer: X\npeople:\n  - {name: Boss, roles: decider, stance: supporter}\n")
    flag = next(f for f in analyze(group).flags if f.code == "no_coach")
    assert flag.message("zh_hant") == "尚未發展教練：需要培養一位能指導我們的內部人士。"


def test_flag_titles_in_traditional() -> None:
    info = FLAGS["decider_not_contacted"]
    assert (info.title("en"), info.title("zh"), info.title("zh_hant")) == (
        "Decider not contacted",
        "未接触决策者",
        "未接觸決策者",
    )


def test_criteria_labels_and_approaches_in_traditional() -> None:
    group = stakeholders.load(EXAMPLES / "welding_soe.yaml")
    analysis = analyze(group)
    criteria = [c for ms in analysis.milestones for c in ms.criteria]
    for c in criteria:
        assert (c.label("en"), c.label("zh")) == (c.label_en, c.label_zh)
        assert c.label("zh_hant") == to_traditional(c.label_zh)
    coach = next(c for c in criteria if c.id == "coach_developed")
    assert coach.label("zh_hant") == "已發展教練"
    for approach in analysis.next_moves.approaches:
        assert approach.name in approach.line("zh_hant")
        assert _converted_around(approach.line("zh_hant"), approach.line_zh, _map_words(group))


def test_report_in_traditional_chinese() -> None:
    analysis = analyze(stakeholders.load(EXAMPLES / "welding_soe.yaml"))
    zh, hant = analysis.report("zh"), analysis.report("zh_hant")
    assert "采购决策小组分析" in zh and "採購決策小組分析" in hant
    assert "风险警示" not in hant and "風險警示" in hant
    for flag in analysis.flags:
        assert flag.message("zh_hant") in hant
    for c in (c for ms in analysis.milestones for c in ms.criteria):
        assert c.label("zh_hant") in hant
    assert analysis.report("zh-TW") == hant
    # English and Simplified are as before: zh_hant is the only new output.
    assert "Buying-group analysis" in analysis.report("en")


def test_rules_over_each_decider_run_decider_by_decider() -> None:
    """The decider rules fire decider by decider (as the one loop over deciders did), then by severity."""
    group = stakeholders.loads(
        "customer: X\npeople:\n"
        "  - {name: A, roles: decider, stance: enemy, contacted: false}\n"
        "  - {name: B, roles: decider, stance: unknown}\n"
        "  - {name: C, roles: decider, stance: opponent, contacted: true}\n"
    )
    fired = [(f.code, f.people) for f in analyze(group).flags if f.code.startswith("decider_")]
    assert fired == [
        ("decider_not_contacted", ["a"]),
        ("decider_against", ["a"]),
        ("decider_not_contacted", ["b"]),
        ("decider_against", ["c"]),
        ("decider_stance_unknown", ["b"]),
    ]
