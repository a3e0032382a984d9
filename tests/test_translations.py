"""English is available for every message: each literal passed to tr() has an English entry."""
import ast
import json
from pathlib import Path

import khuyencong_desktop
from khuyencong_desktop.paths import resource_path

SOURCE = Path(khuyencong_desktop.__file__).parent


def tr_literals():
    found = {}
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "tr"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found[node.args[0].value] = f"{path.relative_to(SOURCE)}:{node.lineno}"
    return found


def test_every_message_has_an_english_translation():
    catalogue = json.loads(resource_path("translations", "en.json").read_text(encoding="utf-8"))
    missing = {text: where for text, where in tr_literals().items() if text not in catalogue}
    assert not missing, "Add these to resources/translations/en.json:\n" + "\n".join(
        f"{where}: {text}" for text, where in missing.items())


def test_english_keeps_the_placeholders():
    catalogue = json.loads(resource_path("translations", "en.json").read_text(encoding="utf-8"))
    import string

    def fields(text):
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    wrong = [vi for vi, en in catalogue.items() if fields(vi) != fields(en)]
    assert not wrong


def test_every_label_of_a_code_list_has_its_english():
    """Kinds, statuses, sources… are shown through their labels: each needs its English (levels are codes)."""
    from khuyencong_desktop.domain import codes

    catalogue = json.loads(resource_path("translations", "en.json").read_text(encoding="utf-8"))
    lists = [kind for kind in vars(codes).values() if isinstance(kind, type) and issubclass(kind, codes.LabelledEnum)
             and kind not in (codes.LabelledEnum, codes.FundingLevel)]
    assert {kind.__name__ for kind in lists} >= {"Source", "Status", "BeneficiaryKind"}
    missing = [f"{kind.__name__}.{member.name}: {member.label}" for kind in lists for member in kind
               if member.label not in catalogue]
    assert not missing
