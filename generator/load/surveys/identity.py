"""Columns that identify a respondent: a name, an e-mail address, a phone number, an IP.

Survey tools add some of them (SurveyMonkey's `First Name`, 问卷星's `来自IP`); a PM adds
others as questions ("Your name", "您的姓名", "电子邮箱"). Either way they are kept in
`Survey.private`, never read as a question, so no page, report or archive quotes them.
"""

from __future__ import annotations

import re

# Header names the survey tools write for respondent metadata, lower case.
TOOL_FIELDS = {
    "respondent id",
    "collector id",
    "custom data 1",
    "responseid",
    "response id",
    "responseset",
    "recipientlastname",
    "recipientfirstname",
    "recipientemail",
    "externalreference",
    "externaldatareference",
    "locationlatitude",
    "locationlongitude",
    "locationaccuracy",
    "emailaddress",
    "ipaddress",
    "network id",
    "#",
    "id",
    "序号",
    "来源详情",
    "来自ip",
}

_NOUN_EN = (
    r"(?:(?:full|first|last|given|family|middle|sur|nick)\s*name|name|names"
    r"|first\s+and\s+last\s+names?|name\s+and\s+surname"
    r"|e-?mail(?:\s+address)?|mail\s+address|work\s+e-?mail"
    r"|(?:mobile|cell|tele)?\s*phone(?:\s+number)?|mobile(?:\s+number)?|phone\s+no"
    r"|ip(?:\s+address)?|contact(?:\s+(?:details|information|info|number))?"
    r"|wechat(?:\s+id)?|linkedin(?:\s+profile)?)"
)
_IDENTITY_EN = re.compile(
    r"^(?:(?:what\s+is|what's|please\s+(?:enter|provide|give|type|write)|enter|type)\s+)?"
    r"(?:your\s+|the\s+respondent'?s?\s+|respondent\s+)?" + _NOUN_EN + r"$",
    re.IGNORECASE,
)
_IDENTITY_ZH = re.compile(
    r"^(?:请(?:输入|填写|留下|提供|写下))?(?:您|你)?(?:的)?(?:真实)?"
    r"(?:姓名|名字|称呼|联系人(?:姓名)?|电子邮箱|电子邮件(?:地址)?|邮箱(?:地址)?|e-?mail"
    r"|手机(?:号码?)?|(?:联系)?电话(?:号码)?|联系方式|微信号?|qq号?|ip(?:地址)?"
    r"|身份证(?:号码?)?|工号)$",
    re.IGNORECASE,
)
_NUMBERING = re.compile(r"^(?:q?\d+[、.．:：)）]\s*)", re.IGNORECASE)  # "1、", "Q3. "
_QUALIFIER = re.compile(r"\s*[(（\[【][^)）\]】]*[)）\]】]\s*$")  # "(optional)", "（必填）"
_TRAILING = re.compile(r"[\s?？:：*＊。.!！]+$")


def _core(text: str) -> str:
    core = _NUMBERING.sub("", text.strip())
    previous = None
    while previous != core:
        previous = core
        core = _TRAILING.sub("", _QUALIFIER.sub("", core))
    return re.sub(r"\s+", " ", core)


def identifies_respondent(text: str) -> bool:
    """True for a column or question that names who answered, or how to reach them."""
    core = _core(text)
    if not core:
        return False
    if core.lower() in TOOL_FIELDS:
        return True
    return bool(_IDENTITY_EN.match(core) or _IDENTITY_ZH.match(core))
