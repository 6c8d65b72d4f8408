import random

import pytest

from svodka.offsets import OffsetMap


def random_offsets(rng: random.Random) -> list[int]:
    out, x = [], rng.randint(0, 5)
    for _ in range(rng.randint(0, 60)):
        out.append(x)
        x += rng.choice([1, 1, 1, 1, 2, 7])
    return out + [x + rng.randint(0, 3)]


@pytest.mark.parametrize("seed", range(200))
def test_behaves_as_the_list(seed):
    offsets = random_offsets(random.Random(seed))
    m = OffsetMap.from_list(offsets)
    assert len(m) == len(offsets)
    assert list(m) == offsets
    assert [m[i] for i in range(len(offsets))] == offsets
    assert m[-1] == offsets[-1] and m[1:4] == offsets[1:4]
    assert OffsetMap.from_json(m.to_json()) == offsets


def test_pieces_merge_into_runs():
    m = OffsetMap.from_pieces([range(0, 5), (5,), range(6, 9), range(20, 22), [22, 30]], 31)
    assert list(m) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 20, 21, 22, 30, 31]
    assert len(m.starts) == 3          # 0..8, 20..22, 30..31


def test_out_of_range():
    with pytest.raises(IndexError):
        OffsetMap.from_list([0, 1])[2]
