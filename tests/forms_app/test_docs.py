from pathlib import Path

from forms_app import field_types

README = Path(__file__).resolve().parents[2] / "forms_app" / "README.md"


def test_every_field_type_and_its_json_shape_is_documented():
    text = README.read_text()

    missing = [t.slug for t in field_types.all_types() if f"| `{t.slug}` |" not in text]

    assert missing == []
