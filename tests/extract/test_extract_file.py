import json

from click.testing import CliRunner

from svodka.cli import main


def test_one_output_line_per_input_line_in_order(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "a", "text": "Никол Пашинян прибыл в Москву.", "url": "https://tass.ru/x/1"},
                   ensure_ascii=False),
        '{"id": "b", "text": ',
        json.dumps({"id": "c", "title": "без текста"}, ensure_ascii=False),
        json.dumps({"id": 7, "text": "Путин провёл встречу в Кремле."}, ensure_ascii=False),
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["extract", str(src), "-o", str(out)])
    assert result.exit_code == 1
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in recs] == ["a", None, "c", "7"]
    assert "in.jsonl:2" in recs[1]["error"] and "in.jsonl:3" in recs[2]["error"]
    assert recs[0]["outlet"] and "error" not in recs[0] and "error" not in recs[3]
    text = "Никол Пашинян прибыл в Москву."
    assert any(text[e["start"]:e["stop"]] == e["text"] and e["entity"] == "Никол Пашинян"
               for e in recs[0]["entities"])
