"""Salesforce exports: report labels or API names, the contact's Id as the key, roles kept in notes."""

from __future__ import annotations

import io
import string

import pytest
from hypothesis import given, strategies as st

from stakeholders import BuyingGroup, ImportReport, Role, read_contacts
from stakeholders.io.salesforce import case_safe_id

# Five fictitious contacts. Maria's manager is not in the export; Li Wei's id differs from Tom's in case only.
MARIA, TOM, RAJ, ANA, LI, BOSS = (
    "0035g00000AbCdE",
    "0035g00000TbCdE",
    "0035g00000RbCdE",
    "0035g00000XbCdE",
    "0035g00000tbcde",
    "0035g00000ZzZzZ",
)
ROWS = [  # first, last, title, department, reports to (id), reports to (name), role
    (MARIA, "Maria", "Lopez", "COO", "Operations", BOSS, "", "Economic Buyer"),
    (TOM, "Tom", "Baker", "Plant Engineer", "Engineering", case_safe_id(MARIA), "Maria Lopez", "Technical Buyer"),
    (RAJ, "Raj", "Patel", "Shift Lead", "Operations", TOM, "Tom Baker", "Business User"),
    (ANA, "Ana", "Kim", "Buyer", "Purchasing", MARIA, "Maria Lopez", "Purchasing Lead"),
    (LI, "Wei", "Li", "Engineer", "Engineering", TOM, "Tom Baker", "Technical Buyer"),
]


def api_export() -> str:
    lines = ["Id,FirstName,LastName,Title,Department,ReportsToId,OpportunityContactRole.Role,Account.Name"]
    lines += [f"{i},{f},{la},{t},{d},{rid},{role},Acme" for i, f, la, t, d, rid, _, role in ROWS]
    return "\n".join(lines) + "\n"


def label_export() -> str:
    lines = ["Contact ID,First Name,Last Name,Title,Department,Reports To,Contact Role,Account Name"]
    lines += [f"{i},{f},{la},{t},{d},{rid},{role},Acme" for i, f, la, t, d, rid, _, role in ROWS]
    return "\n".join(lines) + "\n"


def without_notes(group: BuyingGroup) -> BuyingGroup:
    return group.model_copy(update={"people": [p.model_copy(update={"notes": None}) for p in group.people]})


def where(report: ImportReport, code: str) -> list[tuple[int | None, str | None, str | None, str]]:
    return [(p.row, p.column, p.value, p.severity) for p in report.problems if p.code == code]


@pytest.mark.parametrize("mapping", ["salesforce", "auto"])
def test_api_names_and_labels_give_the_same_map(mapping: str) -> None:
    api, api_report = read_contacts(io.StringIO(api_export()), mapping)
    labels, label_report = read_contacts(io.StringIO(label_export()), mapping)
    # The same map; only the notes name each column as the file wrote it ("ReportsToId: …", "Reports To: …").
    assert without_notes(api) == without_notes(labels)
    assert [p.notes for p in api.people] == [
        (p.notes or "").replace("Reports To:", "ReportsToId:").replace("Contact Role:", "OpportunityContactRole.Role:")
        for p in labels.people
    ]
    assert api_report.mapping == label_report.mapping == "salesforce"
    assert [p.id for p in api.people] == ["maria_lopez", "tom_baker", "raj_patel", "ana_kim", "wei_li"]
    assert api.customer == "Acme"
    managers = {p.id: p.reports_to for p in api.people}
    assert managers == {
        "maria_lopez": None,
        "tom_baker": "maria_lopez",  # an 18-character ReportsToId finds the 15-character Id
        "raj_patel": "tom_baker",
        "ana_kim": "maria_lopez",
        "wei_li": "tom_baker",
    }
    assert {u.name for u in api.units} == {"Operations", "Engineering", "Purchasing"}


def test_no_invented_bosses_at_the_top() -> None:
    """The four-boss bug: every ReportsToId made a person named '0035g…' at the top of the chart."""
    group, report = read_contacts(io.StringIO(api_export()), "salesforce")
    assert len(group.people) == 5
    assert not [p for p in group.people if p.name.startswith("0035g")]
    assert [p.id for p in group.people if p.reports_to is None] == ["maria_lopez"]
    assert where(report, "added_person") == []


def test_a_manager_outside_the_export_is_a_warning_kept_in_notes() -> None:
    group, report = read_contacts(io.StringIO(api_export()), "salesforce")
    assert where(report, "unknown_person") == [(2, "ReportsToId", BOSS, "warning")]
    assert f"ReportsToId: {BOSS}" in (group.person("maria_lopez").notes or "")
    assert report.ok


def test_a_manager_name_outside_the_export_is_a_warning_kept_in_notes() -> None:
    text = f"Contact ID,Full Name,Reports To: Full Name\n{MARIA},Maria Lopez,Carlos Diaz\n{TOM},Tom Baker,Maria Lopez\n"
    group, report = read_contacts(io.StringIO(text), "salesforce")
    assert [p.name for p in group.people] == ["Maria Lopez", "Tom Baker"]
    assert where(report, "unknown_person") == [(2, "Reports To: Full Name", "Carlos Diaz", "warning")]
    assert "Reports To: Full Name: Carlos Diaz" in (group.person("Maria Lopez").notes or "")
    assert group.person("Tom Baker").reports_to == "maria_lopez"


def test_ids_that_differ_only_in_case_are_two_people() -> None:
    group, _ = read_contacts(io.StringIO(api_export()), "salesforce")
    tom, li = group.person("Tom Baker"), group.person("Wei Li")
    assert tom.id != li.id
    assert f"Salesforce id: {case_safe_id(TOM)}" in (tom.notes or "")
    assert f"Salesforce id: {case_safe_id(LI)}" in (li.notes or "")
    assert case_safe_id(TOM) != case_safe_id(LI)


@pytest.mark.parametrize("form", ["15", "18", "18 lower", "18 upper"])
def test_a_15_or_18_character_reference_finds_the_contact(form: str) -> None:
    ref = {"15": TOM, "18": case_safe_id(TOM)}.get(form) or (
        case_safe_id(TOM).lower() if form == "18 lower" else case_safe_id(TOM).upper()  # type: ignore[union-attr]
    )
    text = f"Id,Name,ReportsToId\n{case_safe_id(TOM)},Tom Baker,\n{RAJ},Raj Patel,{ref}\n"
    group, report = read_contacts(io.StringIO(text), "salesforce", customer="Acme")
    assert group.person("Raj Patel").reports_to == "tom_baker"
    assert report.problems == []


def test_rows_of_one_contact_merge_and_keep_every_role() -> None:
    text = (
        "Opportunity.Name,OpportunityContactRole.ContactId,Contact.FirstName,Contact.LastName,"
        "OpportunityContactRole.Role,OpportunityContactRole.IsPrimary,OpportunityContactRole.Id\n"
        f"Retrofit,{TOM},Tom,Baker,Technical Buyer,true,00K5g00000AAAAA\n"
        f"Retrofit,{case_safe_id(TOM)},Tom,Baker,Business User,false,00K5g00000BBBBB\n"
        f"Retrofit,{TOM},Tom,Baker,Influencer,false,00K5g00000CCCCC\n"
    )
    group, report = read_contacts(io.StringIO(text), "salesforce", customer="Acme")
    (tom,) = group.people
    assert tom.roles == [Role.TECHNICAL_EVALUATOR, Role.USER]
    assert "OpportunityContactRole.Role: Influencer" in (tom.notes or "")
    assert group.opportunity == "Retrofit"
    assert report.ignored == ["OpportunityContactRole.IsPrimary", "OpportunityContactRole.Id"]
    assert [p.code for p in report.problems] == ["merged", "merged", "refused_term"]


def test_the_contact_id_is_the_key_not_the_role_id() -> None:
    """Data Loader's export of OpportunityContactRole: ``Id`` is the role's id, ``ContactId`` the contact's."""
    text = f"Id,ContactId,Contact.Name,Role\n00K5g00000AAAAA,{TOM},Tom Baker,Technical Buyer\n"
    text += f"00K5g00000BBBBB,{TOM},Tom Baker,Business User\n"
    group, report = read_contacts(io.StringIO(text), "salesforce", customer="Acme")
    (tom,) = group.people
    assert f"Salesforce id: {case_safe_id(TOM)}" in (tom.notes or "")
    assert report.ignored == ["Id"]


def test_an_unknown_role_is_kept_in_notes_with_a_warning_per_row() -> None:
    text = f"Id,Name,Role\n{MARIA},Maria Lopez,Purchasing Lead\n{TOM},Tom Baker,Other\n{RAJ},Raj Patel,Champion\n"
    group, report = read_contacts(io.StringIO(text), "salesforce", customer="Acme")
    assert report.ok
    assert [(p.row, p.column, p.value, p.severity) for p in report.problems] == [
        (2, "Role", "Purchasing Lead", "warning"),
        (3, "Role", "Other", "warning"),
        (4, "Role", "Champion", "warning"),  # MEDDICC's word: read as the stance, and said so
    ]
    assert "Role: Purchasing Lead" in (group.person("Maria Lopez").notes or "")
    assert "Role: Other" in (group.person("Tom Baker").notes or "")
    assert group.person("Maria Lopez").roles == []


def test_a_cell_that_is_not_a_salesforce_id_is_reported_and_keyed_by_name() -> None:
    group, report = read_contacts(io.StringIO("Id,Name\nabc,Maria Lopez\n"), "salesforce", customer="Acme")
    assert group.people[0].id == "maria_lopez"
    assert where(report, "invalid_value") == [(2, "Id", "abc", "warning")]


def test_the_documented_conversions() -> None:
    assert case_safe_id("a0RE000000IJmcN") == "a0RE000000IJmcNMAT"
    assert case_safe_id("AbCdEfGhIjKlMnO") == "AbCdEfGhIjKlMnOVKV"
    assert case_safe_id("aBcDEfgHIJKLMNO") == "aBcDEfgHIJKLMNO025"
    assert case_safe_id("0F9E000000092w2") == "0F9E000000092w2KAA"
    for text in ("", "Maria Lopez", "0035g00000AbCd", "0035g00000AbCdE!", "0035g00000AbCdEAA9"):
        assert case_safe_id(text) is None


SALESFORCE_IDS = st.text(string.ascii_letters + string.digits, min_size=15, max_size=15)


@given(SALESFORCE_IDS)
def test_the_18_character_form_keeps_the_15_and_reads_back_in_any_case(ident: str) -> None:
    safe = case_safe_id(ident)
    assert safe is not None and len(safe) == 18 and safe[:15] == ident
    assert case_safe_id(safe) == case_safe_id(safe.lower()) == case_safe_id(safe.upper()) == safe


@given(SALESFORCE_IDS, SALESFORCE_IDS)
def test_two_15_character_ids_are_one_18_character_id_only_when_equal(a: str, b: str) -> None:
    assert (case_safe_id(a) == case_safe_id(b)) == (a == b)
    assert (case_safe_id(a).casefold() == case_safe_id(b).casefold()) == (a == b)  # type: ignore[union-attr]


def test_the_same_missing_manager_on_two_rows_of_a_contact_is_said_once() -> None:
    text = f"Id,Name,ReportsToId,Role\n{TOM},Tom Baker,{BOSS},Technical Buyer\n{TOM},Tom Baker,{BOSS},Business User\n"
    group, report = read_contacts(io.StringIO(text), "salesforce", customer="Acme")
    assert where(report, "unknown_person") == [(2, "ReportsToId", BOSS, "warning")]
    assert (group.people[0].notes or "").count(BOSS) == 1


def test_a_mapping_file_based_on_salesforce_stays_an_export_and_another_can_say_so() -> None:
    from stakeholders.io.contacts import load_mapping

    assert load_mapping({"base": "salesforce", "columns": {"Buying Role": "roles"}}).crm_export
    mine = load_mapping({"base": "zh", "crm_export": True})
    group, report = read_contacts(io.StringIO("姓名,上级,角色\n王总,李董,采购负责人\n"), mine, customer="X")
    assert [p.name for p in group.people] == ["王总"]
    assert [(p.code, p.severity) for p in report.problems] == [
        ("unmapped_role", "warning"),
        ("unknown_person", "warning"),
    ]


@pytest.mark.parametrize("first", ["with the id", "without the id"])
def test_a_row_without_its_id_is_the_contact_of_that_name(first: str) -> None:
    """A second row of a contact that lost its Id cell (a hand-added role row) is the same person, in either order."""
    with_id = f"{MARIA},Maria,Lopez,COO,,Economic Buyer"
    without = ",Maria,Lopez,COO,,Decision Maker"
    rows = [with_id, without] if first == "with the id" else [without, with_id]
    report_to_her = f"{TOM},Tom,Baker,Plant Engineer,{MARIA},Technical Buyer"
    text = "Id,FirstName,LastName,Title,ReportsToId,Role\n" + "\n".join([*rows, report_to_her]) + "\n"
    group, report = read_contacts(io.StringIO(text), "salesforce", customer="Acme")
    assert [p.name for p in group.people] == ["Maria Lopez", "Tom Baker"]
    maria, tom = group.people
    assert tom.reports_to == maria.id == "maria_lopez"
    assert f"Salesforce id: {case_safe_id(MARIA)}" in (maria.notes or "")
    assert not report.errors
