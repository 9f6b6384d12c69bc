"""`convert` of a Salesforce export: the import's warnings on stderr, the map written, exit 0."""

from __future__ import annotations

from pathlib import Path

import pytest

import stakeholders
from stakeholders.cli import main

EXPORT = (
    "Id,FirstName,LastName,Title,Department,ReportsToId,OpportunityContactRole.Role,Account.Name\n"
    "0035g00000AbCdE,Maria,Lopez,COO,Operations,0035g00000ZzZzZ,Economic Buyer,Acme\n"
    "0035g00000TbCdE,Tom,Baker,Plant Engineer,Engineering,0035g00000AbCdEAAV,Technical Buyer,Acme\n"
    "0035g00000RbCdE,Raj,Patel,Shift Lead,Operations,0035g00000TbCdE,Purchasing Lead,Acme\n"
)


def test_convert_a_salesforce_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "export.csv", tmp_path / "map.yaml"
    source.write_text(EXPORT, "utf-8")
    assert main(["convert", str(source), "--mapping", "salesforce", "-o", str(target)]) == 0
    err = capsys.readouterr().err
    assert "3 rows, 3 people (mapping: salesforce); 0 errors, 2 warnings" in err
    assert "row 2, column 'ReportsToId': warning: no contact with the Salesforce id '0035g00000ZzZzZ'" in err
    assert "row 4, column 'OpportunityContactRole.Role': warning: 'Purchasing Lead'" in err
    group = stakeholders.load(target)
    assert [(p.id, p.reports_to) for p in group.people] == [
        ("maria_lopez", None),
        ("tom_baker", "maria_lopez"),
        ("raj_patel", "tom_baker"),
    ]
    assert "OpportunityContactRole.Role: Purchasing Lead" in (group.person("raj_patel").notes or "")
