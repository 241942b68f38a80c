"""milepost import contacts: Zoho CRM and 纷享销客 exports merged into a client file."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.load.workspace import load_workspace

FIXTURES = Path(__file__).parent / "fixtures" / "integrations"

CLIENT = """\
# Acme's people. Report subscriptions are set by the PM, not the CRM.
name: Acme Retail GmbH
short_name: Acme
contacts:
  - name: Jana Roth
    email: Jana.Roth@acme.example   # sponsor
    role: Head of E-Commerce
    reports: [weekly, monthly]
  - name: Piet Kramer
    email: piet@acme.example
    reports: [closing]
portal_title: Acme × Northwind
"""

# Zoho CRM's contacts export: one column per field label, in the module's layout order.
ZOHO = (FIXTURES / "zoho-crm-contacts.csv").read_text(encoding="utf-8")


def workspace(make_workspace: Callable[..., Path]) -> Path:
    return make_workspace({"content/clients/acme.yaml": CLIENT})


def run(root: Path, *args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["--workspace", str(root), "import", "contacts", *args], input=input
    )
    return result.exit_code, result.output


def write(root: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = root / name
    path.write_bytes(textwrap.dedent(text).encode(encoding))
    return path


def test_zoho_export_updates_by_email_and_keeps_the_rest(
    make_workspace: Callable[..., Path],
) -> None:
    root = workspace(make_workspace)
    export = write(root, "Contacts_2026_11_16.csv", ZOHO)
    code, out = run(root, str(export), "--client", "acme", "--account", "Acme Retail GmbH", "--yes")
    assert code == 0, out
    text = (root / "content/clients/acme.yaml").read_text(encoding="utf-8")
    # Comments, key order and the PM's subscriptions are untouched.
    assert text.startswith("# Acme's people. Report subscriptions are set by the PM")
    assert "email: Jana.Roth@acme.example   # sponsor" in text
    assert text.rstrip().endswith("portal_title: Acme × Northwind")
    assert "reports: [weekly, monthly]" in text and "reports: [closing]" in text
    # Matched case-insensitively and updated, not duplicated.
    assert text.count("Jana.Roth@") == 1 and "JANA.ROTH" not in text
    assert "role: VP Digital" in text and "phone: +49 40 1234 500" in text
    # New contact added with the phone from Mobile; a row without e-mail and another
    # account's row are left out.
    assert "name: Omar Haddad" in text and "phone: +49 170 555 0101" in text
    assert "Greta" not in text and "bo@other.example" not in text
    assert "skipped Greta Lind: no e-mail" in out
    assert "1 added, 1 updated, 0 unchanged" in out
    client = load_workspace(root).clients["acme"]
    assert [c.email for c in client.contacts] == [
        "Jana.Roth@acme.example",
        "piet@acme.example",
        "omar.haddad@acme.example",
    ]
    assert client.contacts[0].reports == ["weekly", "monthly"]

    # A second import of the same file changes nothing.
    code, out = run(root, str(export), "--client", "acme", "--account", "Acme Retail GmbH", "--yes")
    assert code == 0 and "nothing to change" in out
    assert (root / "content/clients/acme.yaml").read_text(encoding="utf-8") == text


def test_dry_run_prints_the_diff_and_writes_nothing(make_workspace: Callable[..., Path]) -> None:
    root = workspace(make_workspace)
    export = write(root, "contacts.csv", ZOHO)
    code, out = run(root, str(export), "--client", "acme", "--dry-run")
    assert code == 0
    assert "-    role: Head of E-Commerce" in out and "+    role: VP Digital" in out
    assert "+  - name: Bo Stone" in out
    assert "dry run: nothing written" in out
    assert (root / "content/clients/acme.yaml").read_text(encoding="utf-8") == CLIENT


def test_asks_before_writing(make_workspace: Callable[..., Path]) -> None:
    root = workspace(make_workspace)
    export = write(root, "contacts.csv", ZOHO)
    code, out = run(root, str(export), "--client", "acme", input="n\n")
    assert code == 1 and "nothing written" in out
    assert (root / "content/clients/acme.yaml").read_text(encoding="utf-8") == CLIENT
    code, out = run(root, str(export), "--client", "acme", input="y\n")
    assert code == 0 and "wrote content/clients/acme.yaml" in out


def test_fxiaoke_xlsx_with_chinese_headers(make_workspace: Callable[..., Path]) -> None:
    from openpyxl import Workbook

    root = make_workspace(
        {
            "content/clients/jinghua.yaml": """\
                name: 上海景华家居有限公司
                locale: zh-CN
                contacts:
                  - name: 赵敏
                    email: zhaomin@jinghua-home.example.cn
                    role: 市场部总监
                    reports: [weekly, monthly, closing]
                """
        }
    )
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "客户名称", "部门", "职务", "手机", "电话", "邮箱", "负责人", "创建时间"])
    sheet.append(
        [
            "赵敏",
            "上海景华家居有限公司",
            "市场部",
            "市场副总裁",
            13800138000,
            "",
            "ZhaoMin@jinghua-home.example.cn",
            "陈宇",
            "2026-05-01",
        ]
    )
    sheet.append(
        [
            "孙立",
            "上海景华家居有限公司",
            "信息技术部",
            "信息技术部经理",
            "",
            "021-6278 3512",
            "sunli@jinghua-home.example.cn",
            "陈宇",
            "2026-05-02",
        ]
    )
    book.save(root / "联系人导出.xlsx")
    code, out = run(root, str(root / "联系人导出.xlsx"), "--client", "jinghua", "--yes")
    assert code == 0, out
    client = load_workspace(root).clients["jinghua"]
    assert [(c.name, c.role, c.phone) for c in client.contacts] == [
        ("赵敏", "市场副总裁", "13800138000"),
        ("孙立", "信息技术部经理", "021-6278 3512"),
    ]
    assert client.contacts[0].reports == ["weekly", "monthly", "closing"]
    assert client.contacts[1].reports == []


def test_fxiaoke_csv_saved_by_excel_in_gb18030(make_workspace: Callable[..., Path]) -> None:
    root = workspace(make_workspace)
    export = write(
        root,
        "contacts.csv",
        """\
        姓名,客户名称,职务,手机,邮箱
        王芳,Acme Retail GmbH,采购经理,13912345678,wangfang@acme.example
        """,
        encoding="gb18030",
    )
    code, out = run(root, str(export), "--client", "acme", "--yes")
    assert code == 0, out
    assert "name: 王芳" in (root / "content/clients/acme.yaml").read_text(encoding="utf-8")


def test_column_mapping_for_another_crm(make_workspace: Callable[..., Path]) -> None:
    root = workspace(make_workspace)
    export = write(
        root,
        "hubspot.csv",
        """\
        Full name;E-mail address;Job title;Work phone
        Piet Kramer;PIET@acme.example;Store Operations;+49 40 999
        """,
    )
    code, out = run(
        root,
        str(export),
        "--client",
        "acme",
        "--map",
        "name=Full name",
        "--map",
        "email=E-mail address",
        "--map",
        "role=Job title",
        "--map",
        "phone=Work phone",
        "--yes",
    )
    assert code == 0, out
    piet = load_workspace(root).clients["acme"].contacts[1]
    assert (piet.email, piet.role, piet.phone, piet.reports) == (
        "piet@acme.example",
        "Store Operations",
        "+49 40 999",
        ["closing"],
    )


def test_bad_rows_are_reported_with_their_line(make_workspace: Callable[..., Path]) -> None:
    root = workspace(make_workspace)
    export = write(
        root,
        "contacts.csv",
        """\
        First Name,Last Name,Email,Title
        Ann,Lee,ann@acme.example,CFO
        Max,Mole,max at acme,CTO
        """,
    )
    code, out = run(root, str(export), "--client", "acme", "--yes")
    assert code == 1
    assert "contacts.csv:3: 'max at acme' is not an e-mail address" in out
    assert (root / "content/clients/acme.yaml").read_text(encoding="utf-8") == CLIENT


def test_missing_email_column_names_the_columns_found(make_workspace: Callable[..., Path]) -> None:
    root = workspace(make_workspace)
    export = write(root, "c.csv", "Name,Mail\nAnn,ann@acme.example\n")
    code, out = run(root, str(export), "--client", "acme", "--preset", "zoho")
    assert code == 1
    assert "no e-mail column found" in out and "columns in the file: Name, Mail" in out


def test_unknown_client(make_workspace: Callable[..., Path]) -> None:
    root = workspace(make_workspace)
    export = write(root, "c.csv", ZOHO)
    code, out = run(root, str(export), "--client", "nobody")
    assert code == 1 and "there is no client 'nobody'" in out
