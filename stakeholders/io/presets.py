"""The ready column mappings (:data:`PRESETS`), and :func:`load_mapping` for any other.

- ``"stakeholders"``: our own field names, as :func:`~stakeholders.write_csv` writes them;
- ``"zh"``: Chinese headers (姓名, 职位, 部门, 上级, 角色, 立场, 性格, 关系 …), Simplified and Traditional;
- ``"salesforce"``: a Salesforce export of Contacts with OpportunityContactRole.

``"auto"`` is not a preset: :func:`auto_mapping` picks the preset that knows most headers.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import MapError
from .documents import read_document
from .limits import read_limited
from .mappings import ColumnMapping, MappingError, own_columns

__all__ = ["PRESETS", "auto_mapping", "load_mapping"]


_ZH: dict[str, str | None] = {
    "编号": "id",
    "ID": "id",
    "姓名": "name",
    "名字": "name",
    "联系人": "name",
    "職位": "title",
    "职位": "title",
    "职务": "title",
    "職務": "title",
    "头衔": "title",
    "部门": "unit",
    "部門": "unit",
    "所属部门": "unit",
    "所屬部門": "unit",
    "单位": "unit",
    "上级": "reports_to",
    "上級": "reports_to",
    "直属上级": "reports_to",
    "直屬上級": "reports_to",
    "汇报对象": "reports_to",
    "虚线上级": "dotted_line_to",
    "虛線上級": "dotted_line_to",
    "虚线汇报": "dotted_line_to",
    "角色": "roles",
    "决策角色": "roles",
    "決策角色": "roles",
    "层级": "layer",
    "層級": "layer",
    "客户类型": "layer",
    "立场": "stance",
    "立場": "stance",
    "态度": "stance",
    "態度": "stance",
    "性格": "disc",
    "性格类型": "disc",
    "性格類型": "disc",
    "DISC": "disc",
    "职权": "authority",
    "職權": "authority",
    "正式权力": "authority",
    "影响力": "influence",
    "影響力": "influence",
    "内线": "insider",
    "內線": "insider",
    "教练/线人": "insider",
    "倾向": "favours",
    "傾向": "favours",
    "倾向对手": "favours",
    "倾向竞争对手": "favours",
    "傾向競爭對手": "favours",
    "关注点": "concerns",
    "關注點": "concerns",
    "背景": "background",
    "关系": "stage",
    "關係": "stage",
    "关系阶段": "stage",
    "關係階段": "stage",
    "已接触": "contacted",
    "已接觸": "contacted",
    "是否接触": "contacted",
    "是否接觸": "contacted",
    "最近接触": "last_contact",
    "最近接觸": "last_contact",
    "最近联系": "last_contact",
    "最近聯繫": "last_contact",
    "上次接触": "last_contact",
    "个人利益满足": "personal_interest_met",
    "組織利益滿足": "organisational_interest_met",
    "组织利益满足": "organisational_interest_met",
    "個人利益滿足": "personal_interest_met",
    "备注": "notes",
    "備註": "notes",
    "电话": "private.phone",
    "電話": "private.phone",
    "手机": "private.phone",
    "手機": "private.phone",
    "邮箱": "private.email",
    "郵箱": "private.email",
    "电子邮件": "private.email",
    "電子郵件": "private.email",
    "生日": "private.birthday",
    "出生日期": "private.birthday",
    "学历": "private.education",
    "學歷": "private.education",
    "籍贯": "private.hometown",
    "籍貫": "private.hometown",
    "家庭": "private.family",
    "爱好": "private.hobbies",
    "愛好": "private.hobbies",
    "兴趣爱好": "private.hobbies",
    "地址": "private.address",
    "客户": "customer",
    "客戶": "customer",
    "客户名称": "customer",
    "客戶名稱": "customer",
    "项目": "opportunity",
    "項目": "opportunity",
    "项目名称": "opportunity",
    "專案": "opportunity",
}

# Salesforce: (API name, report label, target). A Contact field is also known with the relationship
# prefix an export of OpportunityContactRole writes (``Contact.FirstName``, ``Contact: First Name``:
# header_key makes the two one). The contact's id comes first: it is preferred to a plain ``Id``,
# which in an export of OpportunityContactRole is the role's own id (see ``_Reader.plan``).
_SF_CONTACT: tuple[tuple[str, str, str | None], ...] = (
    ("ContactId", "Contact ID", "salesforce_id"),
    ("Id", "Contact ID", "salesforce_id"),
    ("Name", "Full Name", "name"),
    ("Name", "Contact Name", "name"),
    ("FirstName", "First Name", "first_name"),
    ("LastName", "Last Name", "last_name"),
    ("Salutation", "Salutation", None),
    ("Title", "Title", "title"),
    ("Department", "Department", "unit"),
    ("ReportsToId", "Reports To", "reports_to"),
    ("ReportsTo.Name", "Reports To: Full Name", "reports_to"),
    ("Email", "Email", "private.email"),
    ("Phone", "Business Phone", "private.phone"),
    ("MobilePhone", "Mobile", None),
    ("MobilePhone", "Mobile Phone", None),
    ("HomePhone", "Home Phone", None),
    ("OtherPhone", "Other Phone", None),
    ("Fax", "Fax", None),
    ("AssistantName", "Assistant", None),
    ("AssistantPhone", "Asst. Phone", None),
    ("Birthdate", "Birthdate", "private.birthday"),
    ("Description", "Description", "notes"),
    ("LastActivityDate", "Last Activity", "last_contact"),
    ("AccountId", "Account ID", None),
    ("Account.Name", "Account Name", "customer"),
    ("OwnerId", "Contact Owner", None),
    ("LeadSource", "Lead Source", None),
    ("MailingStreet", "Mailing Street", None),
    ("MailingCity", "Mailing City", None),
    ("MailingState", "Mailing State/Province", None),
    ("MailingPostalCode", "Mailing Zip/Postal Code", None),
    ("MailingCountry", "Mailing Country", None),
    ("CreatedDate", "Created Date", None),
    ("LastModifiedDate", "Last Modified Date", None),
)
# OpportunityContactRole (its fields bare, as a report or Data Loader's export of the object writes
# them, and with the prefix of an export of Contacts with their roles), and the Opportunity.
_SF_ROLE: tuple[tuple[str, str, str | None], ...] = (
    ("ContactId", "Contact ID", "salesforce_id"),
    ("Role", "Role", "roles"),
    ("Role", "Contact Role", "roles"),
    ("IsPrimary", "Primary", None),
    ("IsPrimary", "Is Primary", None),
    ("OpportunityId", "Opportunity ID", None),
    ("Id", "Contact Role ID", None),
)
_SF_OPPORTUNITY: tuple[tuple[str, str, str | None], ...] = (
    ("Name", "Opportunity Name", "opportunity"),
    ("Id", "Opportunity ID", None),
    ("AccountId", "Account ID", None),
    ("Account.Name", "Account Name", "customer"),
)


def _salesforce() -> dict[str, str | None]:
    columns: dict[str, str | None] = {}
    for api, label, target in _SF_CONTACT:
        for header in (api, label, f"Contact.{api}", f"Contact: {label}"):
            columns.setdefault(header, target)
    for api, label, target in _SF_ROLE:
        for header in (api, label, f"OpportunityContactRole.{api}", f"Opportunity Contact Role: {label}"):
            columns.setdefault(header, target)
    for api, label, target in _SF_OPPORTUNITY:
        for header in (f"Opportunity.{api}", f"Opportunity: {label}", label):
            columns.setdefault(header, target)
    columns.setdefault("Account: Account Name", "customer")
    return columns


_SALESFORCE = _salesforce()

#: The ready mappings, by name. ``"auto"`` is not one: it picks among these.
PRESETS: dict[str, ColumnMapping] = {
    "stakeholders": ColumnMapping(name="stakeholders", columns=own_columns()),
    "zh": ColumnMapping(name="zh", columns=_ZH),
    "salesforce": ColumnMapping(name="salesforce", columns=_SALESFORCE, dates="mdy", crm_export=True),
}


def load_mapping(spec: str | os.PathLike[str] | Mapping[str, Any] | ColumnMapping) -> ColumnMapping:
    """A :class:`ColumnMapping` from a preset name, a YAML/JSON file, a mapping, or itself.

    Raises :class:`MappingError` naming the problem.
    """
    if isinstance(spec, ColumnMapping):
        return spec
    if isinstance(spec, Mapping):
        data = dict(spec)
        base_name = data.pop("base", None)
        try:
            if base_name is None:
                return ColumnMapping.model_validate(data)
            return load_mapping(str(base_name)).extended(data)
        except ValueError as err:
            raise MappingError(f"invalid column mapping: {err}") from None
    text = os.fspath(spec)
    if text in PRESETS:
        return PRESETS[text]
    path = Path(text)
    if not path.suffix:
        raise MappingError(f"unknown mapping {text!r} (expected a preset: auto, {', '.join(PRESETS)}; or a file)")
    try:
        raw = read_limited(path, str(path))
    except OSError as err:
        raise MappingError(f"{path}: cannot read the mapping file: {err.strerror or err}") from None
    try:  # parsed as map files are: size limit, alias bombs, duplicate keys, errors with a line
        _, data = read_document(raw, "json" if path.suffix.lower() == ".json" else "yaml", str(path))
    except MapError as err:
        found = "; ".join(f"line {q.line}: {q.message}" if q.line else q.message for q in err.problems)
        raise MappingError(f"{path}: not valid JSON or YAML: {found}") from None
    if not isinstance(data, Mapping):
        raise MappingError(
            f"{path}: a mapping file holds 'columns' (and optionally 'base', 'values', 'dates', 'crm_export')"
        )
    try:
        return load_mapping(data)
    except MappingError as err:
        raise MappingError(f"{path}: {err}") from None


def auto_mapping(headers: list[str]) -> ColumnMapping:
    """The preset that recognises most headers (ties: stakeholders, zh, salesforce)."""
    best, score = PRESETS["stakeholders"], -1
    for preset in PRESETS.values():
        found = sum(1 for h in headers if h and preset.target(h)[0])
        if found > score:
            best, score = preset, found
    return best
