"""Alphabetical order of the ballot list: CLDR vi letters and tones; HĐBCQG 2021 name order."""

import unicodedata

import pytest

from daihoi.rules.collation import sort_key, sort_names, split_name, word_key


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# (smaller, larger): each pair must sort in this order, under CLDR vi.
WORD_PAIRS = [
    ("Anh", "Ánh"),  # same letters: no tone before sắc
    ("Ánh", "Ân"),  # letters decide before tones: a < â
    ("Ân", "Ấn"),  # â without tone before â with sắc
    ("Anh", "Ấn"),
    ("An", "Ăn"),  # a < ă < â
    ("Ăn", "Ân"),
    ("Dũng", "Đức"),  # d < đ, whatever follows
    ("Dương", "Đào"),
    ("U", "Ư"),
    ("Ụ", "Ư"),  # the letter ư beats any tone on u
    ("O", "Ô"),
    ("Ô", "Ơ"),
    ("Ợ", "P"),
    ("E", "Ê"),
    ("Hà", "Hả"),  # huyền < hỏi < ngã < sắc < nặng
    ("Hả", "Hã"),
    ("Hã", "Há"),
    ("Há", "Hạ"),
    ("Ha", "Hà"),
    ("Hạ", "Hai"),  # letters first: "ha" is a prefix of "hai"
    ("Ê", "Fan"),  # foreign letters keep their Latin places
    ("Fan", "Giang"),
    ("Ích", "John"),
    ("John", "Kiên"),
    ("Vũ", "Wang"),
    ("Wang", "Xuân"),
    ("Yến", "Zhang"),
]


@pytest.mark.parametrize(("smaller", "larger"), WORD_PAIRS, ids=[f"{a}<{b}" for a, b in WORD_PAIRS])
def test_it_orders_words_by_letters_then_tones_per_cldr_vi(smaller, larger):
    """CLDR vi standard tailoring: ă â đ ê ô ơ ư are letters; tones are secondary."""
    assert word_key(smaller) < word_key(larger)
    assert sort_names([larger, smaller]) == [smaller, larger]


def test_it_sorts_the_tricky_set_in_one_go():
    names = ["Ấn", "Ư", "Ánh", "Đức", "Ơ", "Anh", "O", "Ân", "Dũng", "U", "Ô"]
    assert sort_names(names) == ["Anh", "Ánh", "Ân", "Ấn", "Dũng", "Đức", "O", "Ô", "Ơ", "U", "Ư"]


def test_it_gives_nfc_and_nfd_input_the_same_key():
    for name in ["Nguyễn Thị Ấn", "Đặng Văn Ượng", "Phạm Ngọc Ộ"]:
        assert sort_key(nfd(name)) == sort_key(name)
        assert split_name(nfd(name)) == split_name(name)


def test_it_ignores_case_and_extra_spaces():
    assert sort_key("NGUYỄN  văn   ánh") == sort_key("Nguyễn Văn Ánh")


def test_it_compares_the_given_name_first_per_the_state_ballot_guidance():
    """HĐBCQG 2021 ballot guidance: tên, then họ, then tên đệm."""
    names = ["Trần Văn Bình", "Lê Thị Anh", "Nguyễn Văn Anh", "Lê Văn Anh", "Lê Anh"]
    assert sort_names(names) == [
        "Lê Anh",
        "Lê Thị Anh",
        "Lê Văn Anh",
        "Nguyễn Văn Anh",
        "Trần Văn Bình",
    ]


def test_it_compares_a_whole_given_name_before_the_family_name():
    """ "Anh" and "Ánh" are different given names: every Anh comes before any Ánh."""
    assert sort_names(["Lê Văn Ánh", "Nguyễn Văn Anh"]) == ["Nguyễn Văn Anh", "Lê Văn Ánh"]


def test_it_can_order_as_written():
    names = ["Trần Văn Bình", "Lê Văn Cường", "Lê Thị Ánh"]
    assert sort_names(names, order="as_written") == ["Lê Thị Ánh", "Lê Văn Cường", "Trần Văn Bình"]


def test_it_keeps_the_given_order_of_names_that_compare_equal():
    names = ["nguyễn văn an", "Nguyễn Văn An", nfd("NGUYỄN VĂN AN")]
    assert sort_names(names) == names
    assert sort_names(list(reversed(names))) == list(reversed(names))


def test_it_returns_the_names_unchanged():
    names = [nfd("Đỗ Thị Hà"), "Bùi An"]
    assert sort_names(names) == ["Bùi An", nfd("Đỗ Thị Hà")]


@pytest.mark.parametrize(
    ("full_name", "parts"),
    [
        ("Nguyễn Văn An", ("Nguyễn", "Văn", "An")),
        ("Tôn Nữ Thị Ninh", ("Tôn", "Nữ Thị", "Ninh")),
        ("Lê Anh", ("Lê", "", "Anh")),
        ("Ksor", ("", "", "Ksor")),
        ("  Hồ   Thị  Hạnh ", ("Hồ", "Thị", "Hạnh")),
    ],
)
def test_it_splits_family_middle_and_given_names(full_name, parts):
    assert split_name(full_name) == parts


def test_it_refuses_an_empty_name_and_an_unknown_order():
    with pytest.raises(ValueError):
        sort_key("   ")
    with pytest.raises(ValueError):
        sort_key("Lê Anh", order="family_first")


def test_it_places_names_with_punctuation_and_foreign_marks_deterministically():
    names = ["H'Hen Niê", "Hà Hen", "Y-Moan Êban", "Zoë Lê"]
    assert sort_names(names, order="as_written") == ["H'Hen Niê", "Hà Hen", "Y-Moan Êban", "Zoë Lê"]
