from svodka import nlp


def test_short_text_is_one_block_as_natasha_reads_it():
    text = "Президент России Владимир Путин провёл встречу с Николом Пашиняном в Москве."
    p = nlp.parse(text)
    assert nlp.blocks(text, p.sents) == [(0, len(text))]
    assert [(s.type, s.text) for s in p.ner] == [("LOC", "России"), ("PER", "Владимир Путин"),
                                                 ("PER", "Николом Пашиняном"), ("LOC", "Москве")]


def test_long_text_is_tagged_in_sentence_blocks_with_right_offsets():
    sentence = "Никол Пашинян прибыл в Минск на переговоры с Александром Лукашенко. "
    text = sentence * 700                       # ~47,000 characters
    p = nlp.parse(text)
    bounds = nlp.blocks(text, p.sents)
    assert len(bounds) > 1 and all(b - a <= nlp.NER_BLOCK for a, b in bounds)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(text[s.start:s.stop] == s.text for s in p.ner)
    assert sum(s.text == "Никол Пашинян" for s in p.ner) == 700


def test_no_sentences():
    assert nlp.parse("").ner == [] and nlp.parse("   \n ").sents == []
    p = nlp.parse("12345 67890")
    assert p.ner == []


def test_sentence_of():
    p = nlp.parse("Первое предложение. Второе предложение.")
    first, second = p.sents
    assert p.sentence_of(0) is first and p.sentence_of(first.stop - 1) is first
    assert p.sentence_of(second.start) is second
    assert p.sentence_of(first.stop) is None            # the space between them
    assert p.sentence_of(len(p.text)) is None
