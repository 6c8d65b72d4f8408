"""Bad input: nothing crashes, nothing is invented."""
import pytest

from svodka import pipeline

BAD = [
    "",
    "   \n\n  ",
    "1234567890 " * 200,
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 50,
    "он она он она",
    "Президент. Глава государства. Премьер-министр.",
    "президент " * 300,
]


@pytest.mark.parametrize("text", BAD)
def test_bad_input(text):
    analysis = pipeline.analyse_text(text, None, only={"entities", "resolution"})
    for m in analysis.mentions:
        assert 0 <= m.start < m.stop <= len(text)
        assert m.entity and m.entity_id
    # roles and pronouns with nobody named are never resolved
    assert not [m for m in analysis.mentions if m.kind in ("role", "pronoun")]


def test_mentions_with_no_parse_are_left_alone():
    """A stage that runs without the entity stage (no mentions) adds nothing."""
    analysis = pipeline.analyse_text("Президент России выступил.", None, only={"resolution"})
    assert analysis.mentions == []
