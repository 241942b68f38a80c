"""zh-CN is complete: every user-facing message in code and templates has a translation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import extract_from_dir

from generator import i18n
from tests.conftest import REPO

PY_KEYWORDS = {"tr": None, "ngettext_message": (1, 2)}
JINJA_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}


def _messages(folder: Path, method: str, pattern: str, keywords: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    options = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true"}
    for _file, _line, message, _comments, _context in extract_from_dir(
        folder,
        method_map=[(pattern, method)],
        options_map={pattern: options} if method != "python" else {},
        keywords=keywords,
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def source_messages() -> list[str]:
    found = _messages(REPO / "generator", "python", "**.py", PY_KEYWORDS)
    for suffix in ("html", "txt", "xml", "svg", "css"):
        found |= _messages(REPO / "templates", "jinja2", f"**.{suffix}", JINJA_KEYWORDS)
    return sorted(m for m in found - set(email_messages()) if m)


def email_messages() -> list[str]:
    """The e-mail templates' messages: the e-mail catalog (email.po) is compiled alone."""
    found: set[str] = set()
    for suffix in ("html", "txt"):
        found |= _messages(REPO / "templates" / "email", "jinja2", f"**.{suffix}", JINJA_KEYWORDS)
    return sorted(m for m in found if m)


@pytest.mark.parametrize("message", source_messages())
def test_every_message_has_a_chinese_translation(message: str) -> None:
    translated = i18n.translations("zh-CN").gettext(message)
    assert translated != message or not any(c.isalpha() for c in message), (
        f"no zh_CN translation for {message!r}: add it to a .po file in generator/locale/zh_CN/"
    )


@pytest.mark.parametrize("message", email_messages())
def test_every_email_message_has_a_chinese_translation(message: str) -> None:
    from generator.publish.email.texts import translations

    translated = translations("zh-CN").gettext(message)
    assert translated != message or not any(c.isalpha() for c in message), (
        f"no zh_CN translation for {message!r}: add it to generator/locale/zh_CN/.../email.po"
    )


def test_a_message_reads_the_same_in_every_catalog_the_outputs_share() -> None:
    """The portals, PDFs and CLI share one merged catalog: a msgid translated in two of its
    files must read the same in both, or which wording a client reads depends on the order
    of the merge (it showed the e-mail's 项目状态 over a task's status and 风险敞口)."""
    from babel.messages.pofile import read_po

    seen: dict[str, dict[str, str]] = {}
    for po in i18n.shared_catalogs("zh-CN"):
        with po.open("rb") as handle:
            for message in read_po(handle, locale="zh_CN"):
                if message.id and message.string:
                    key = str(message.id)
                    seen.setdefault(key, {})[po.name] = str(message.string)
    assert len(seen) > 500, "the shared catalog should be read"
    differ = {k: v for k, v in seen.items() if len(set(v.values())) > 1}
    assert not differ, f"one msgid, two translations: {differ}"
    # and the merge gives each message that one translation
    assert i18n.gettext("zh-CN", "Status") == "状态"


def test_cli_messages_switch_language(make_workspace: Any, run_cli: Any) -> None:
    root = make_workspace({"content/projects/relaunch/tasks.yaml": "tasks:\n\t- id: T1\n"})
    english = run_cli("--workspace", str(root), "validate")
    chinese = run_cli("--workspace", str(root), "--lang", "zh-CN", "validate")
    assert "YAML syntax error: a tab character is used for indentation" in english.stderr
    assert "YAML 语法错误：缩进中使用了制表符（Tab）" in chinese.stderr
    assert "1 个错误" in chinese.stderr
    assert chinese.exit_code == english.exit_code == 1


def test_workspace_locale_sets_the_message_language(make_workspace: Any, run_cli: Any) -> None:
    root = make_workspace(
        {"content/site.yaml": "name: 测试\nlocale: zh-CN\ntimezone: Asia/Shanghai\n"}
    )
    result = run_cli("--workspace", str(root), "validate")
    assert result.exit_code == 0, result.output
    assert "测试：工作区检查通过" in result.output
