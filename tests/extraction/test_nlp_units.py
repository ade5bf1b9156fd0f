"""Unit tests of the extraction building blocks, on real Vietnamese phrasing."""
from __future__ import annotations

import pytest

from nlp import places
from nlp.classify import classify
from nlp.evaluate import match_spans, token_f1
from nlp.letter import parse_letter
from nlp.mentions import find_mentions
from nlp.references import find_refs, parse_date
from nlp.sentences import split_sentences
from nlp.textnorm import fold, fold_chars


def test_fold_removes_tones_and_d() -> None:
    assert fold("Xử lý NGHIÊM, Đình chỉ") == "xu ly nghiem, dinh chi"
    text = "Chủ tịch UBND tỉnh Đắk Lắk"
    assert len(fold_chars(text)) == len(text)
    assert fold_chars(text) == "chu tich ubnd tinh dak lak"


def test_province_mapping_from_package() -> None:
    assert len(places.legacy_provinces()) == 63
    assert len(places.current_provinces()) == 34
    assert places.legacy_to_current("Kiên Giang") == "An Giang"
    assert places.legacy_to_current("Bình Định") == "Gia Lai"
    assert places.legacy_to_current("Sóc Trăng") == "Cần Thơ"
    assert places.legacy_to_current("TP HCM") == "Hồ Chí Minh"
    assert places.provinces_of_district("Sông Lô") == {"Vĩnh Phúc"}
    assert places.legacy_to_current("Vĩnh Phúc") == "Phú Thọ"


@pytest.mark.parametrize(
    ("text", "role", "org_head", "place", "person", "level"),
    [
        ("Chủ tịch UBND tỉnh Kiên Giang Lâm Minh Thành vừa ký", "Chủ tịch", "UBND", "Kiên Giang", "Lâm Minh Thành", "province"),
        ("Ông Trần Việt Trường, Chủ tịch UBND TP Cần Thơ vừa ký", "Chủ tịch", "UBND", "Cần Thơ", "Trần Việt Trường", "province"),
        ("Phó chủ tịch UBND TP.HCM yêu cầu", "Phó Chủ tịch", "UBND", "HCM", None, "province"),
        ("UBND huyện Sông Lô yêu cầu", None, "UBND", "Sông Lô", None, "district"),
        ("Bộ trưởng Bộ Y tế Nguyễn Thị Kim Tiến chỉ đạo", "Bộ trưởng", "Bộ Y tế", None, "Nguyễn Thị Kim Tiến", "central"),
        # "&" for "và" in a department's name
        ("Sở Văn hóa, Thể thao & Du lịch Yên Bái đã yêu cầu", None, "Sở Văn hóa, Thể thao & Du lịch", "Yên Bái",
         None, "province"),
        # a steering committee is named by what it fights, down to its district
        ("Ban chỉ huy Phòng chống thiên tai huyện Si Ma Cai đã chỉ đạo các xã", None,
         "Ban chỉ huy Phòng chống thiên tai", "Si Ma Cai", None, "district"),
        ("Ban Chỉ đạo Phòng chống lụt bão Trung ương đã có công văn", None,
         "Ban Chỉ đạo Phòng chống lụt bão Trung ương", None, None, "central"),
        # the leaders of a level of government speak for it
        ("Ngay sau đó, lãnh đạo tỉnh Quảng Ninh đã chỉ đạo", None, None, "Quảng Ninh", None, "province"),
        # a minister named with his ministry's short name, or with its abbreviation after it
        ("Thứ trưởng Nông nghiệp Hà Công Tuấn đề nghị địa phương", "Thứ trưởng", "Bộ Nông nghiệp", None,
         "Hà Công Tuấn", "central"),
        ("Bộ trưởng Giao thông Vận tải (GTVT) Nguyễn Văn Thể yêu cầu", "Bộ trưởng", "Bộ Giao thông Vận tải", None,
         "Nguyễn Văn Thể", "central"),
    ],
)
def test_authority_mentions(text: str, role: str | None, org_head: str, place: str | None,
                            person: str | None, level: str) -> None:
    m = find_mentions(text)[0]
    assert (m.role, m.org_head, m.place, m.person, m.level) == (role, org_head, place, person, level)
    assert text[m.start:m.end] == m.text


def test_district_resolves_to_province_before_and_after() -> None:
    m = find_mentions("UBND huyện Sông Lô chỉ đạo")[0]
    assert m.province == "Vĩnh Phúc"
    assert places.legacy_to_current(m.province) == "Phú Thọ"


def test_references_numbers_dates_and_issuer() -> None:
    text = "thực hiện nghiêm Công điện số 280/CĐ-TTg ngày 19/4/2023 của Thủ tướng Chính phủ"
    (ref,) = find_refs(text)
    assert (ref.type, ref.number, ref.date, ref.issuer) == ("công điện", "280/CĐ-TTg", "2023-04-19", "Thủ tướng Chính phủ")
    assert parse_date("Ngày 19/5, tin từ Văn phòng", published="2023-05-20") == "2023-05-19"
    assert parse_date("Ngày 19/5", published=None) is None


def test_sentences_keep_offsets_and_abbreviations() -> None:
    text = "UBND TP. Cần Thơ yêu cầu kiểm tra. Sở Nội vụ báo cáo.\nDòng mới"
    sents = split_sentences(text)
    assert [s.text for s in sents] == ["UBND TP. Cần Thơ yêu cầu kiểm tra.", "Sở Nội vụ báo cáo.", "Dòng mới"]
    assert all(text[s.start:s.end] == s.text for s in sents)


@pytest.mark.parametrize(
    ("measure", "category"),
    [
        ("xử lý nghiêm những hành vi gây phiền hà, nhũng nhiễu", "sanction"),
        ("tăng cường kiểm tra, giám sát việc thực hiện chức trách", "inspect"),
        ("Kịp thời thay thế, điều chuyển các cán bộ năng lực kém", "remove_or_transfer"),
        ("biểu dương, khen thưởng kịp thời", "reward_protect"),
        ("tổng hợp, báo cáo Chủ tịch tỉnh theo định kỳ", "report"),
        ("tạm dừng hoạt động của nhà máy", "enforce_halt"),
        ("tuyên truyền cho người dân", "communicate"),
        ("làm rõ trách nhiệm của các cá nhân", "investigate"),
    ],
)
def test_measure_categories(measure: str, category: str) -> None:
    assert classify(measure)[0] == category


def test_span_matching_is_one_to_one_at_half_token_f1() -> None:
    assert token_f1("xử lý nghiêm những hành vi", "xử lý nghiêm") == pytest.approx(2 / 3)
    gold = ["kiểm tra công vụ", "xử lý nghiêm cán bộ vi phạm"]
    pred = ["tăng cường kiểm tra công vụ", "kiểm tra công vụ"]
    assert match_spans(gold, pred) == [(0, 1)]


LETTER = """ỦY BAN NHÂN DÂN
TỈNH KIÊN GIANG
Số: 1234/UBND-VP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Kiên Giang, ngày 24 tháng 4 năm 2024
V/v tăng cường kỷ luật, kỷ cương hành chính

Kính gửi:
- Giám đốc các sở, ban, ngành tỉnh;
- Chủ tịch UBND các huyện, thành phố.

Thực hiện Công điện số 280/CĐ-TTg ngày 19/4/2023 của Thủ tướng Chính phủ, Chủ tịch UBND tỉnh yêu cầu:
1. Thực hiện nghiêm quy chế làm việc của cơ quan, đơn vị.
2. Tăng cường kiểm tra công vụ, nhất là kiểm tra đột xuất; xử lý nghiêm cán bộ vi phạm.
3. Báo cáo kết quả về UBND tỉnh trước ngày 30/6/2024.

Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Lê Trung Hồ
"""


def test_official_letter_layout() -> None:
    letter = parse_letter(LETTER)
    assert letter is not None
    assert (letter.organization, letter.number, letter.date, letter.type) == (
        "UBND tỉnh Kiên Giang", "1234/UBND-VP", "2024-04-24", "công văn")
    assert [LETTER[s:e] for s, e in letter.addressees] == [
        "Giám đốc các sở, ban, ngành tỉnh", "Chủ tịch UBND các huyện, thành phố"]
    assert (letter.signer_role, letter.signer_person) == ("Phó Chủ tịch", "Lê Trung Hồ")


def test_letter_becomes_one_directive() -> None:
    import nlp

    (d,) = nlp.extract(LETTER)
    assert d["issuer"]["organization"] == "UBND tỉnh Kiên Giang"
    assert d["province"] == {"legacy": "Kiên Giang", "current": "An Giang"}
    assert d["instrument"] == {"type": "công văn", "number": "1234/UBND-VP", "date": "2024-04-24"}
    assert "xử lý nghiêm cán bộ vi phạm" in [m["text"] for m in d["measures"]]
    assert d["deadlines"] == ["trước ngày 30/6/2024"]
    assert d["references"][0]["number"] == "280/CĐ-TTg"


# The same layout as a PDF or DOCX often yields it: no blank line anywhere, and items that
# open on the body told ("1. Sở ... chủ trì, ...") after "yêu cầu:".
TIGHT_LETTER = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NAM
Số: 1234/UBND-KTN
V/v tăng cường quản lý khai thác cát
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Nam, ngày 12 tháng 3 năm 2024
Kính gửi:
- Sở Tài nguyên và Môi trường;
- Công an tỉnh.
Để chấn chỉnh tình trạng khai thác cát trái phép, Chủ tịch UBND tỉnh yêu cầu:
1. Sở Tài nguyên và Môi trường chủ trì, phối hợp với các địa phương tăng cường kiểm tra các mỏ cát.
2. Công an tỉnh điều tra, xử lý các đường dây khai thác cát trái phép.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Tân
"""


def test_a_letter_without_blank_lines_keeps_its_body_and_its_items_orders() -> None:
    import nlp

    letter = parse_letter(TIGHT_LETTER)
    assert letter is not None
    # the "Nơi nhận" list is not read as addressees, and the body is not lost to it
    assert [TIGHT_LETTER[s:e] for s, e in letter.addressees] == ["Sở Tài nguyên và Môi trường", "Công an tỉnh"]
    assert "Chủ tịch UBND tỉnh yêu cầu:" in TIGHT_LETTER[letter.body[0]:letter.body[1]]
    assert (letter.signer_role, letter.signer_person) == ("Phó Chủ tịch", "Trần Văn Tân")
    (d,) = nlp.extract(TIGHT_LETTER)
    assert d["instrument"] == {"type": "công văn", "number": "1234/UBND-KTN", "date": "2024-03-12"}
    measures = [m["text"] for m in d["measures"]]
    assert any(m.startswith("chủ trì, phối hợp với các địa phương") for m in measures)
    assert any(m.startswith("điều tra, xử lý các đường dây") for m in measures)


def test_not_a_directive() -> None:
    import nlp

    text = ("Công an huyện đã khởi tố vụ án, bắt tạm giam đối tượng Nguyễn Văn A về hành vi trộm cắp. "
            "Trận đấu kết thúc với tỷ số 2-1.")
    assert nlp.extract(text) == []


def _measures(text: str) -> list[str]:
    import nlp

    return [m["text"] for d in nlp.extract(text) for m in d["measures"]]


def test_directive_continues_past_captions_and_in_later_sentences() -> None:
    import nlp

    text = ("Chủ tịch UBND tỉnh Cà Mau Nguyễn Văn A yêu cầu Sở Nội vụ tăng cường kiểm tra công vụ.\n"
            "Ảnh: Minh Anh.\n"
            "Chủ tịch UBND tỉnh Cà Mau.\n"
            "Các sở, ngành cần rà soát thủ tục hành chính.\n"
            "Đồng thời yêu cầu UBND các huyện báo cáo kết quả trước ngày 30/6.\n"
            "Nếu có vướng mắc vượt thẩm quyền phải sớm báo cáo UBND tỉnh.")
    (d,) = nlp.extract(text)
    measures = [m["text"] for m in d["measures"]]
    assert "rà soát thủ tục hành chính" in measures
    assert any(m.startswith("báo cáo kết quả") for m in measures)
    assert "báo cáo UBND tỉnh" in measures  # "phải", "sớm" are stripped (ANNOTATION.md)
    assert "Các sở, ngành" in d["addressees"]


def test_issuer_named_again_by_short_name_or_place() -> None:
    import nlp

    text = ("Ông Dương Văn Thắng, Phó Chủ tịch UBND tỉnh Tây Ninh cho biết tình hình buôn lậu còn phức tạp. "
            "Để chống buôn lậu hiệu quả, ông Thắng yêu cầu các lực lượng chức năng tăng cường tuần tra biên giới.")
    (d,) = nlp.extract(text)
    assert d["issuer"]["person"] == "Dương Văn Thắng"
    assert d["issuer"]["role"] == "Phó Chủ tịch"
    assert d["measures"][0]["text"].startswith("tăng cường tuần tra")


def test_the_ministry_a_body_belongs_to_is_part_of_its_name() -> None:
    text = "Cục Di sản văn hóa (Bộ Văn hóa – Thể thao và Du lịch) đã có văn bản gửi Sở Văn hóa tỉnh."
    assert [m.text for m in find_mentions(text)][:1] == ["Cục Di sản văn hóa (Bộ Văn hóa – Thể thao và Du lịch)"]
    assert "Bộ Văn hóa" not in [m.text for m in find_mentions(text)]


def test_leadership_of_a_place_is_a_mention_but_a_bare_place_is_not() -> None:
    assert [m.text for m in find_mentions("Lãnh đạo thành phố yêu cầu dừng thi công")] == ["Lãnh đạo thành phố"]
    assert find_mentions("Người dân thành phố yêu cầu dừng thi công") == []


def test_a_department_named_again_in_short_is_the_same_issuer() -> None:
    import nlp

    text = ("Sở Giáo dục và Đào tạo TP HCM đề nghị UBND các quận huyện kiểm tra việc dạy thêm. "
            "Với các cơ sở ngoại ngữ thuê phòng học, Sở Giáo dục yêu cầu các trường rà soát hợp đồng thuê. "
            "Tại cuộc họp khác, Giám đốc Sở Y tế yêu cầu các bệnh viện tăng cường kiểm tra an toàn thực phẩm.")
    found = {d["issuer"]["text"]: [m["text"] for m in d["measures"]] for d in nlp.extract(text)}
    assert found == {"Sở Giáo dục và Đào tạo TP HCM": ["kiểm tra việc dạy thêm", "rà soát hợp đồng thuê"],
                     "Giám đốc Sở Y tế": ["tăng cường kiểm tra an toàn thực phẩm"]}


def test_an_order_with_an_unlisted_verb_after_a_named_body() -> None:
    import nlp

    (d,) = nlp.extract("UBND tỉnh Bình Định đã chỉ đạo Công an Bình Định thu thập tài liệu.")
    assert d["addressees"] == ["Công an Bình Định"]
    assert [m["text"] for m in d["measures"]] == ["thu thập tài liệu"]
    # a body followed by "và ..." is still being named, not ordered
    assert nlp.extract("UBND tỉnh Bình Định yêu cầu Sở Y tế tỉnh Bình Định và các bệnh viện.") == []


def test_bodies_counted_instead_of_listed_are_addressees() -> None:
    import nlp

    (d,) = nlp.extract("UBND tỉnh Đắk Nông yêu cầu 3 đơn vị nêu trên khẩn trương báo cáo kết quả xử lý.")
    assert d["addressees"] == ["3 đơn vị nêu trên"]


def test_promises_passives_and_inspection_recommendations_are_not_directives() -> None:
    import nlp

    assert nlp.extract("Phó Chủ tịch UBND tỉnh An Giang khẳng định sẽ chỉ đạo xử lý nghiêm các vi phạm.") == []
    assert nlp.extract("Tổng Thanh tra Chính phủ đề nghị Chủ tịch UBND tỉnh Hậu Giang thu hồi 229 tỉ đồng.") == []
    assert nlp.extract("Chủ tịch UBND tỉnh Hải Dương ký quyết định xử phạt công ty 600 triệu đồng.") == []


def test_person_before_titles_belongs_to_the_issuer() -> None:
    import nlp

    text = "Ông Nguyễn Ngọc Thưởng – Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Hậu Giang chỉ đạo các ngành điều tra làm rõ nguyên nhân."
    (d,) = nlp.extract(text)
    assert d["issuer"]["text"].startswith("Nguyễn Ngọc Thưởng")
    assert d["issuer"]["person"] == "Nguyễn Ngọc Thưởng"


def test_precomputed_mentions_and_sentences_give_the_same_drafts() -> None:
    from nlp.rules import find_directives, to_schema

    text = ("Chủ tịch UBND tỉnh Bình Định yêu cầu Sở Y tế kiểm tra các cơ sở khám chữa bệnh. "
            "Sở Y tế cần báo cáo UBND tỉnh trước ngày 15/2.")
    alone = [to_schema(d, text) for d in find_directives(text)]
    given = [to_schema(d, text) for d in find_directives(text, None, None, find_mentions(text), split_sentences(text))]
    assert alone == given and alone


def test_long_paragraph_sentence_split_is_linear_enough() -> None:
    # 4,000 sentences in one paragraph: the abbreviation check must not rescan the paragraph.
    text = " ".join(f"Câu số {i} nói về TP. Huế." for i in range(4000))
    sents = split_sentences(text)
    assert len(sents) == 4000
    assert all(s.text.endswith("Huế.") for s in sents)


@pytest.mark.parametrize(("text", "kind", "number"), [
    ("Công văn 2091 của tỉnh Bạc Liêu nêu", "công văn", "2091"),
    # written with spaces (the VNDS texts): read whole, given without them
    ("sở ra công văn số 553 / SGDĐT - KHTC, về việc", "công văn", "553/SGDĐT-KHTC"),
    ("UBND tỉnh đã có kế hoạch 183 / KH - UBND ngày 24-5 giao", "kế hoạch", "183/KH-UBND"),
    ("theo Nghị định số 78/2015/NĐ-CP ngày 14/9/2015", "nghị định", "78/2015/NĐ-CP"),
    ("công văn 19/5 của UBND tỉnh", "công văn", None),
    ("Theo đó, Công văn số 1342/14-3-2019 UBND tỉnh", "công văn", "1342"),  # then its date
    ("làm 3 lần / ngày theo kế hoạch 3 / năm", "kế hoạch", None),  # a code is in capitals
    # the Party's numbers and the Government's resolutions: a hyphen before the code or year
    ("thực hiện Chỉ thị số 15-CT/TU, ngày 16-12-2016, của Thành ủy", "chỉ thị", "15-CT/TU"),
    ("Chính phủ vừa ban hành Nghị quyết 19-2017/NQ-CP ngày 6/2/2017", "quyết định", "19-2017/NQ-CP"),
    # a number and its year, no code
    ("UBND TP. HCM đã thu hồi và huỷ bỏ Quyết định 6077/2017 của UBND TP", "quyết định", "6077/2017"),
    # an inspectorate's conclusions
    ("Thanh tra Chính phủ đã có Kết luận 2889 chỉ ra hàng loạt dự án sai phạm", "kết luận", "2889"),
    ("theo Kết luận thanh tra số 16/KL-TTTP-P7 ngày 5/5/2018", "kết luận", "16/KL-TTTP-P7"),
])
def test_reference_numbers_bare_spaced_and_decrees(text: str, kind: str, number: str | None) -> None:
    (ref,) = find_refs(text)
    assert (ref.type, ref.number) == (kind, number)


@pytest.mark.parametrize("text", [
    "Phó Chủ tịch kết luận cuộc họp và yêu cầu các sở kiểm tra.",
    "Thanh tra tỉnh kết luận 20 dự án vi phạm quy định về đất đai.",
])
def test_the_verb_ket_luan_cites_no_conclusion(text: str) -> None:
    assert find_refs(text) == []


def test_a_bare_number_is_the_one_written_in_full_elsewhere() -> None:
    text = ("Tàu đóng theo Nghị định 67/CP bị hư hỏng. Nghị định 67 là chủ trương lớn. "
            "Công văn 12/UBND-NC và Công văn 12/SYT-NV cùng nói; Công văn 12 nêu rõ.")
    refs = [(r.type, r.number) for r in find_refs(text)]
    # two full forms begin with 12: the bare one stays as written
    assert refs == [("nghị định", "67/CP"), ("nghị định", "67/CP"), ("công văn", "12/UBND-NC"),
                    ("công văn", "12/SYT-NV"), ("công văn", "12")]


def test_headline_is_not_a_second_directive() -> None:
    import nlp

    title = "Phó Thủ tướng yêu cầu làm rõ vụ cháy rừng"
    body = ("Ngày 3/5, Phó Thủ tướng Trương Hòa Bình yêu cầu UBND tỉnh Lâm Đồng khẩn trương làm rõ "
            "nguyên nhân vụ cháy rừng, xử lý nghiêm các tổ chức, cá nhân vi phạm. " * 3)
    directives = nlp.extract(f"{title}\n{body}", title=title)
    assert [d["issuer"]["text"] for d in directives] == ["Phó Thủ tướng Trương Hòa Bình"]
    # without a known title the first line is ordinary text
    assert nlp.extract(title)[0]["issuer"]["text"] == "Phó Thủ tướng"


def test_report_due_after_the_orders_joins_the_directive() -> None:
    from nlp.rules import find_directives, to_schema

    text = ("UBND tỉnh yêu cầu Công an tỉnh tăng cường tuần tra, xử lý nghiêm các hành vi đua xe trái phép. "
            "Kết quả thực hiện báo cáo UBND tỉnh trước ngày 15/2 tới.")
    (d,) = [to_schema(x, text) for x in find_directives(text)]
    assert d["deadlines"] == ["trước ngày 15/2"]
    assert "báo cáo UBND tỉnh" in [m["text"] for m in d["measures"]]


def test_report_due_far_from_any_directive_is_not_taken() -> None:
    from nlp.rules import find_directives

    text = "Kết quả thực hiện báo cáo UBND tỉnh trước ngày 15/2 tới."
    assert find_directives(text) == []


@pytest.mark.parametrize(("sentence", "deadline"), [
    ("hoàn thành trước ngày 4.7", "trước ngày 4.7"),
    ("báo cáo chậm nhất ngày 30.5.2017", "chậm nhất ngày 30.5.2017"),
    ("triển khai trong năm 2015", "trong năm 2015"),  # the whole year, never "trong năm 20"
    ("nộp hồ sơ chậm nhất đến ngày 20/1/2019", "chậm nhất đến ngày 20/1/2019"),
    ("khắc phục từ nay đến hết tháng 8/2017", "từ nay đến hết tháng 8/2017"),
    ("hoàn thành từ nay đến 15/12", "từ nay đến 15/12"),
    ("Chậm nhất đến cuối tháng 3 phải xong", "Chậm nhất đến cuối tháng 3"),
    ("hoàn thành trước Tết Nguyên đán Kỷ Hợi", "trước Tết Nguyên đán Kỷ Hợi"),
    ("tạm dừng đến hết ngày 8-7", "đến hết ngày 8-7"),
    ("báo cáo kết quả trong tuần tới", "trong tuần tới"),
    ("hoàn thành di dời đến năm 2021", "đến năm 2021"),
    ("tạm dừng cấp phép đến hết tháng 6/2019", "đến hết tháng 6/2019"),
    ("phải báo cáo ngay trong hôm nay", "ngay trong hôm nay"),
    ("xử lý xong trễ nhất là đến sáng 2-6", "trễ nhất là đến sáng 2-6"),
    ("nộp báo cáo chậm nhất đến sáng mai", "chậm nhất đến sáng mai"),
    ("tổ chức hội nghị ngay trong đầu tuần tới", "ngay trong đầu tuần tới"),
    ("phải hoàn thành trong thời hạn không quá 30 ngày làm việc", "trong thời hạn không quá 30 ngày làm việc"),
    ("yêu cầu từ nay đến hết quý 3-2019, thủ trưởng các sở", "từ nay đến hết quý 3-2019"),
    ("Từ nay cho đến tết các cơ quan phải tập trung", "Từ nay cho đến tết"),
])
def test_deadline_patterns(sentence: str, deadline: str) -> None:
    from nlp.rules.base import _rx

    assert [m.group() for m in _rx()["deadline"].finditer(sentence)] == [deadline]


@pytest.mark.parametrize("sentence", [
    "Đến ngày 12/8, Bộ Nội vụ có văn bản gửi tỉnh.",  # a date opening a clause
    "tuy nhiên đến ngày 28-2-2019, các bên vẫn không đạt được thoả thuận",
    "dự kiến đến ngày 20/8/2017 sẽ hoàn thành giai đoạn 1",  # a forecast
    "Đến năm 2016 dự án vẫn chưa triển khai.",  # a year opening a sentence
    "dự kiến đến năm 2020 sẽ hoàn thành",
])
def test_a_date_reached_is_no_deadline(sentence: str) -> None:
    from nlp.rules.base import _rx

    assert _rx()["deadline"].search(sentence) is None


def test_the_day_of_the_news_is_no_deadline() -> None:
    from nlp.rules import find_directives

    def deadlines(text: str) -> list[str]:
        return [x.text for d in find_directives(text) for x in d.deadlines]

    lead = "Chủ tịch UBND TP Hà Nội Nguyễn Đức Chung yêu cầu Sở GD-ĐT kiểm tra vụ việc. "
    assert deadlines(lead + "Cũng trong ngày 6/2, Thứ trưởng Bộ GD-ĐT yêu cầu Sở báo cáo.") == []
    assert deadlines(lead + "Ngay trong ngày 1.7, UBND thành phố yêu cầu dừng lễ hội.") == []
    # a time limit in the official's own words stays one
    assert deadlines("Chủ tịch UBND tỉnh Bình Định Trần Châu yêu cầu các huyện kiểm tra tàu cá. “Ngay trong "
                     "ngày 27/6, tôi đề nghị Chủ tịch UBND các huyện kiểm tra.”") == ["Ngay trong ngày"]


def test_the_day_of_the_news_is_judged_for_any_backend() -> None:
    from nlp.rules import day_of_the_news

    text = "Bà bị đánh vào đầu. Ngay trong ngày, Thủ tướng yêu cầu điều tra."
    start = text.index("Ngay")
    assert day_of_the_news(text, start, start, start + len("Ngay trong ngày"))
    text = "Sở phải báo cáo trong ngày, không để chậm."
    start = text.index("trong")
    assert not day_of_the_news(text, 0, start, start + len("trong ngày"))


def test_decimal_is_not_a_deadline() -> None:
    from nlp.rules.base import _rx

    assert _rx()["deadline"].search("tăng trưởng 6.7% trong quý") is None


def _issuers(text: str) -> list[str]:
    from nlp.rules import find_directives

    return [d.issuer.text for d in find_directives(text)]


def _the_directive(text: str) -> dict:
    """The one directive the rules find in ``text``, as schema JSON."""
    from nlp.rules import find_directives, to_schema

    (d,) = [to_schema(x, text) for x in find_directives(text)]
    return d


def test_order_linked_after_a_first_verb_phrase() -> None:
    text = ("Ngay khi nhận tin, Chủ tịch UBND tỉnh Hà Tĩnh đã đến thăm hỏi các gia đình bị nạn và "
            "động viên lực lượng cứu hộ, đồng thời chỉ đạo Sở Y tế khẩn trương cứu chữa người bị thương.")
    d = _the_directive(text)
    assert d["issuer"]["text"] == "Chủ tịch UBND tỉnh Hà Tĩnh"
    assert d["addressees"] == ["Sở Y tế"]
    assert [m["text"] for m in d["measures"]] == ["cứu chữa người bị thương"]


def test_order_linked_by_and_after_a_long_first_verb_phrase() -> None:
    # "đánh giá ... và chỉ đạo ...": the second verb phrase, joined by "và", is the order
    text = ("Trước thực trạng mất cân bằng quỹ khám chữa bệnh, Chủ tịch UBND tỉnh Thanh Hoá Nguyễn Đình Xứng "
            "đánh giá đây là vụ việc bất thường và chỉ đạo các ngành liên quan khẩn trương tìm nguyên nhân.")
    assert _issuers(text) == ["Chủ tịch UBND tỉnh Thanh Hoá Nguyễn Đình Xứng"]


def test_a_clause_opening_on_the_side_of_a_body_has_it_for_subject() -> None:
    assert _issuers("Phía UBND TP. Hà Nội cũng vừa có văn bản gửi Thanh tra thành phố yêu cầu thanh tra "
                    "toàn diện việc quản lý đất rừng.") == ["UBND TP. Hà Nội"]
    # a side named inside the clause is no subject
    assert _issuers("Đoàn đã làm việc với cán bộ phía UBND huyện Sóc Sơn yêu cầu giải trình.") == []


def test_the_last_of_a_list_of_those_told_is_no_subject() -> None:
    text = ("Chính vì vậy, địa phương đã đề nghị UBND thành phố, Sở Xây dựng, Sở GTVT chỉ đạo Cty Quản lý "
            "cầu đường, Cty Thoát nước và Xử lý nước thải kiểm tra sửa chữa mặt đường, vỉa hè sụt lún, cải tạo "
            "đan cống, lưới chắn rác và khắc phục điện chiếu sáng hư hỏng.")
    assert _issuers(text) == []
    # a list that opens the clause still orders from its first body
    assert _issuers("UBND tỉnh Quảng Ninh, UBND TP Uông Bí đã yêu cầu các cơ quan chức năng kiểm tra, "
                    "xác minh.") == ["UBND tỉnh Quảng Ninh"]


def test_every_body_of_a_list_has_the_first_for_head() -> None:
    from nlp.rules.subjects import _list_heads

    text = "Đề nghị " + ", ".join(f"UBND huyện {name}" for name in ["Sông Lô", "Tam Đảo", "Lập Thạch"] * 700)
    text += " và Sở Y tế chỉ đạo kiểm tra."
    mentions = find_mentions(text)
    assert len(mentions) == 2101
    heads = _list_heads(text, mentions)
    assert {heads[id(m)].start for m in mentions} == {mentions[0].start}
    # a word between two bodies ends the list
    text = "UBND huyện Sông Lô đã họp. Sở Y tế, UBND huyện Tam Đảo chỉ đạo kiểm tra."
    first, second, third = find_mentions(text)
    heads = _list_heads(text, [first, second, third])
    assert [heads[id(m)] for m in (first, second, third)] == [first, second, second]


def test_the_giao_of_a_meeting_or_a_noun_is_no_order() -> None:
    d = _the_directive("Sáng 30/10, Chủ tịch UBND TP. Hà Nội Nguyễn Đức Chung chủ trì phiên họp giao ban công "
                       "tác TP. Hà Nội tháng 10. Ông Chung yêu cầu các sở kiểm tra toàn bộ công trình.")
    assert d["addressees"] == ["các sở"]  # not "ban công tác TP. Hà Nội tháng 10."
    assert _issuers("Chủ tịch UBND TP Hà Nội Nguyễn Đức Chung chủ trì hội nghị giao ban với các sở, ngành "
                    "thành phố nhằm đánh giá tình hình thực hiện nhiệm vụ.") == []
    # a committee told, in either case, is still an order
    assert _issuers("Bí thư Thành uỷ Hà Nội giao ban cán sự đảng UBND TP Hà Nội phê bình và yêu cầu "
                    "kiểm điểm.") == ["Bí thư Thành uỷ Hà Nội"]
    assert _issuers("UBND tỉnh giao Ban Quản lý dự án tỉnh kiểm tra toàn bộ công trình.") == ["UBND tỉnh"]


def test_the_leaders_told_by_de_nghi_are_no_proposal_upwards() -> None:
    d = _the_directive("Chủ tịch UBND TP Hà Nội đề nghị lãnh đạo các sở, ngành liên quan sớm đánh giá đầy đủ "
                       "về hệ thống loa phường.")
    assert d["issuer"]["text"] == "Chủ tịch UBND TP Hà Nội"
    assert d["measures"][0]["text"] == "đánh giá đầy đủ về hệ thống loa phường"
    # "đề nghị" before a verb is still a body's proposal, with no one told
    assert _issuers("UBND tỉnh đề nghị lãnh đạo, chỉ đạo quyết liệt công tác phòng chống dịch.") == []


def test_an_order_without_subject_is_the_official_named_just_before() -> None:
    d = _the_directive("Sau khi nhận được thông tin về vụ tai nạn, Phó Thủ tướng Trương Hòa Bình đã gửi lời chia "
                       "buồn tới gia đình các nạn nhân.\nYêu cầu UBND tỉnh Hải Dương khẩn trương điều tra nguyên "
                       "nhân vụ tai nạn.")
    assert d["issuer"]["text"] == "Phó Thủ tướng Trương Hòa Bình"
    assert d["addressees"] == ["UBND tỉnh Hải Dương"]
    # a body's sentence before is as often a report: no issuer is guessed
    assert _issuers("UBND tỉnh Hải Dương đã báo cáo vụ việc. Yêu cầu các sở khẩn trương điều tra "
                    "nguyên nhân vụ tai nạn.") == []


def test_directing_the_work_is_the_measure() -> None:
    d = _the_directive("Phó Thủ tướng Trương Hòa Bình yêu cầu Chủ tịch UBND tỉnh Hải Dương chỉ đạo công tác "
                       "cứu hộ, ưu tiên cao nhất cho công tác cấp cứu nạn nhân bị thương.")
    assert [m["text"] for m in d["measures"]][:2] == [
        "chỉ đạo công tác cứu hộ", "ưu tiên cao nhất cho công tác cấp cứu nạn nhân bị thương"]
    # "chỉ đạo" before the one told is still no part of the order
    d = _the_directive("UBND tỉnh yêu cầu Sở Y tế chỉ đạo phường Tân Mai củng cố hồ sơ vụ việc.")
    assert [m["text"] for m in d["measures"]] == ["củng cố hồ sơ vụ việc"]


def test_an_official_assigned_to_direct_is_told_not_ordering() -> None:
    assert _issuers("Phó chủ tịch UBND tỉnh Nguyễn Văn Dũng được phân công trực tiếp chỉ đạo các lực lượng "
                    "tìm kiếm, cứu hộ, cứu nạn tại hiện trường.") == []
    assert _issuers("Phó chủ tịch UBND tỉnh Nguyễn Văn Dũng đã trực tiếp chỉ đạo các lực lượng tìm kiếm "
                    "tại hiện trường.") == ["Phó chủ tịch UBND tỉnh Nguyễn Văn Dũng"]


def test_a_body_named_after_two_functions_is_one_addressee() -> None:
    d = _the_directive("UBND TP yêu cầu Viện Nghiên cứu và phát triển TP.HCM nghiên cứu đề xuất giải pháp "
                       "chống ngập.")
    assert d["addressees"] == ["Viện Nghiên cứu và phát triển TP.HCM"]
    assert [m["text"] for m in d["measures"]] == ["nghiên cứu đề xuất giải pháp chống ngập"]
    # two orders joined by "và" after a body stay the order
    d = _the_directive("UBND tỉnh yêu cầu Sở Y tế kiểm tra và xử lý nghiêm các cơ sở vi phạm.")
    assert d["addressees"] == ["Sở Y tế"]


def test_a_second_cue_after_a_comma_names_who_is_told() -> None:
    text = ("Đến năm 2016, UBND TP chỉ đạo, giao sở VH - TT báo cáo đề xuất việc xây dựng dự án nhà hát "
            "tại khu đô thị mới Thủ Thiêm.")
    d = _the_directive(text)
    assert d["issuer"]["text"] == "UBND TP"
    assert d["addressees"] == ["sở VH - TT"]
    assert [m["text"] for m in d["measures"]][0].startswith("báo cáo đề xuất")


def test_an_official_told_to_pass_an_order_on_is_an_addressee() -> None:
    text = ("Lãnh đạo Thành uỷ yêu cầu Phó chủ tịch UBND TP Nguyễn Ngọc Tuấn chỉ đạo Sở Kế hoạch và Đầu tư "
            "kiểm điểm tất cả nội dung doanh nghiệp phản ánh.")
    d = _the_directive(text)
    assert d["addressees"] == ["Phó chủ tịch UBND TP Nguyễn Ngọc Tuấn", "Sở Kế hoạch và Đầu tư"]
    assert [m["text"] for m in d["measures"]] == ["kiểm điểm tất cả nội dung doanh nghiệp phản ánh"]


def test_linked_order_needs_the_same_subject() -> None:
    # another authority between the mention and the cue is the one who orders
    text = ("Chủ tịch UBND tỉnh Hà Tĩnh đã phân công Phó Chủ tịch UBND tỉnh Trần Văn B "
            "có mặt tại hiện trường, đồng thời chỉ đạo Công an tỉnh điều tra nguyên nhân vụ cháy.")
    assert "Chủ tịch UBND tỉnh Hà Tĩnh" not in _issuers(text)


def test_military_command_is_not_a_ministry() -> None:
    from nlp.rules import find_directives, to_schema

    text = "UBND TP HCM yêu cầu Bộ Tư lệnh thành phố khẩn trương tổ chức dò tìm hài cốt liệt sĩ."
    (d,) = [to_schema(x, text) for x in find_directives(text)]
    assert d["issuer"]["text"] == "UBND TP HCM"
    # a ministry is still a superior: a province asking it gives no directive
    assert find_directives("UBND tỉnh Nghệ An yêu cầu Bộ Giao thông vận tải sửa chữa quốc lộ 1.") == []


def test_bare_order_after_the_addressee() -> None:
    from nlp.rules import find_directives, to_schema

    text = "Chủ tịch UBND huyện Hoà Vang đã chỉ đạo Đội kiểm tra quy tắc đô thị huyện xử lý."
    (d,) = [to_schema(x, text) for x in find_directives(text)]
    assert [m["text"] for m in d["measures"]] == ["xử lý"]
    # a bare verb that says nothing of what is to be done is not a measure
    assert find_directives("UBND huyện Hoà Vang đã chỉ đạo Đội kiểm tra quy tắc đô thị huyện thực hiện.") == []


def test_a_sentence_opening_on_another_time_is_another_occasion() -> None:
    text = ("UBND tỉnh Đồng Nai yêu cầu Sở Nông nghiệp tăng cường kiểm soát vận chuyển lợn. "
            "Trước đó, UBND tỉnh Đồng Nai đã chỉ đạo các huyện tiêu hủy toàn bộ số lợn bệnh.")
    assert _issuers(text) == ["UBND tỉnh Đồng Nai", "UBND tỉnh Đồng Nai"]
    assert len(_issuers(text.replace("Trước đó,", "Hiện tại,"))) == 2
    same = ("UBND tỉnh Đồng Nai yêu cầu Sở Nông nghiệp tăng cường kiểm soát vận chuyển lợn. "
            "UBND tỉnh Đồng Nai cũng chỉ đạo các huyện tiêu hủy toàn bộ số lợn bệnh.")
    assert _issuers(same) == ["UBND tỉnh Đồng Nai"]
    # the vehicle the directive already has, named again without a number, is the same one
    cable = ("Phó Thủ tướng Trương Hòa Bình vừa ký công điện yêu cầu Bộ Công an điều tra nguyên nhân vụ cháy. "
             "Trong công điện, Phó Thủ tướng đồng thời yêu cầu TP Hà Nội khẩn trương thăm hỏi gia đình các nạn nhân.")
    assert len(_issuers(cable)) == 1
    # ... and names it when the directive's vehicle was not named before
    assert len(_issuers(cable.replace("vừa ký công điện yêu cầu", "yêu cầu"))) == 1
    # the same holds for a person named again by name only
    person = ("Ông Huỳnh Đức Thơ, Chủ tịch UBND TP Đà Nẵng, yêu cầu Sở GTVT kiểm tra việc đậu đỗ ô tô. "
              "Trước đó, ông Thơ cũng đã có ý kiến giao Thanh tra TP chủ trì thanh tra toàn diện nhà ở xã hội.")
    assert len(_issuers(person)) == 2
    assert len(_issuers(person.replace("Trước đó, ", ""))) == 1


def test_a_letter_speaks_for_its_issuer_but_a_followed_one_does_not() -> None:
    assert _issuers("Văn bản của UBND thành phố Hải Phòng còn yêu cầu Sở Văn hóa kiểm tra, rà soát các lễ hội.") \
        == ["UBND thành phố Hải Phòng"]
    followed = ("Chủ tịch UBND tỉnh Kiên Giang yêu cầu các sở tăng cường kỷ luật, kỷ cương theo Chỉ thị của "
                "Thủ tướng Chính phủ và chỉ đạo của UBND tỉnh.")
    assert _issuers(followed) == ["Chủ tịch UBND tỉnh Kiên Giang"]


def test_group_told_what_not_to_do_continues_the_directive() -> None:
    from nlp.rules import find_directives, to_schema

    text = ("Sở Giáo dục TP HCM yêu cầu các trường rà soát việc dạy thêm. "
            "Các tổ chức, cá nhân không được dạy thêm học sinh đã học 2 buổi mỗi ngày. "
            "Các bến phà được yêu cầu xây dựng kế hoạch hoạt động tối đa công suất.")
    (d,) = [to_schema(x, text) for x in find_directives(text)]
    measures = [m["text"] for m in d["measures"]]
    assert "không được dạy thêm học sinh đã học 2 buổi mỗi ngày" in measures
    assert "xây dựng kế hoạch hoạt động tối đa công suất" in measures
    assert "Các bến phà" in d["addressees"]


def test_and_between_clauses_does_not_hide_the_subject() -> None:
    assert _issuers("Vụ việc gây bức xúc trong dư luận và Tỉnh ủy Hậu Giang đã chỉ đạo "
                    "xử lý nghiêm các cá nhân vi phạm.") == ["Tỉnh ủy Hậu Giang"]
    # between two bodies "và" still joins recipients: Sở Y tế is told, it does not tell
    assert "Sở Y tế" not in _issuers("UBND tỉnh yêu cầu Công an tỉnh và Sở Y tế chỉ đạo "
                                      "kiểm tra các cơ sở.")


def test_a_spokesman_speaks_for_his_body() -> None:
    text = ("Ông Nguyễn Văn A, Chánh văn phòng UBND tỉnh Quảng Nam, cho biết tỉnh đã chỉ đạo "
            "Sở Tài chính rà soát lại toàn bộ các khoản thu phí.")
    assert _issuers(text) == ["UBND tỉnh Quảng Nam"]
    # a promise is not an order
    assert _issuers("Ông Nguyễn Văn A, Chánh văn phòng UBND tỉnh Quảng Nam, cho biết tỉnh sẽ chỉ đạo "
                    "Sở Tài chính rà soát lại các khoản thu phí.") == []


def test_a_leader_telling_what_his_province_ordered_after_an_opening_phrase_is_the_issuer() -> None:
    said = "Ông Lê Văn Hưởng, Phó Chủ tịch UBND tỉnh Quảng Ngãi, cho biết: Qua phản ánh của ngư dân, "
    assert _issuers(said + "tỉnh đã yêu cầu Sở Nông nghiệp kiểm tra, xử lý các tàu vi phạm.") == \
        ["Lê Văn Hưởng, Phó Chủ tịch UBND tỉnh Quảng Ngãi"]
    # what others were told to do, as he reports it, is no order of his
    assert _issuers(said + "nhiều tàu đã bị Sở Nông nghiệp yêu cầu kiểm tra.") == []


def test_people_no_body_name_opens_are_addressees_when_an_order_verb_follows() -> None:
    from nlp.rules import find_directives

    def read(text: str) -> list[tuple[list[str], list[str]]]:
        return [([a.text for a in d.addressees], [m.text for m in d.measures]) for d in find_directives(text)]

    assert read("Ông Phạm Tuấn Đạt, Phó Chủ tịch UBND thành phố Uông Bí, vừa ra văn bản yêu cầu trụ trì "
                "chùa Ba Vàng chấm dứt hoạt động không có trong danh mục.") == \
        [(["trụ trì chùa Ba Vàng"], ["chấm dứt hoạt động không có trong danh mục"])]
    assert read("UBND tỉnh yêu cầu tiểu thương tháo dỡ lều quán.") == [(["tiểu thương"], ["tháo dỡ lều quán"])]
    # a manner word is no one to be told
    assert read("UBND tỉnh yêu cầu khẩn trương kiểm tra các cơ sở.") == [([], ["kiểm tra các cơ sở"])]


def test_a_ministry_in_the_prime_ministers_list_of_orders_does_not_take_his_place() -> None:
    assert _issuers("Ngày 7/8, Thủ tướng Chính phủ đã có ý kiến chỉ đạo: Bộ Công an chỉ đạo các đơn vị chức "
                    "năng điều tra, làm rõ nguyên nhân vụ việc. Bộ Giáo dục và Đào tạo chỉ đạo các sở giáo dục "
                    "rà soát dịch vụ đưa đón học sinh.") == ["Thủ tướng Chính phủ"]


def test_a_named_place_before_a_title_is_no_persons_name() -> None:
    assert _issuers("Đề cập đến tình hình giao thông ở khu vực sân bay Tân Sơn Nhất, Bí thư Thành ủy chỉ đạo "
                    "UBND TP giao Sở GTVT thành lập trung tâm điều hành giao thông.") == ["Bí thư Thành ủy"]


def test_a_title_without_a_name_is_read_as_the_one_person_the_article_names_with_it() -> None:
    later = "Chủ tịch UBND thành phố đã giao Công an thành phố rà soát lại toàn bộ quy trình tổ chức kỳ thi."
    assert _issuers("Ông Huỳnh Đức Thơ, Chủ tịch UBND TP Đà Nẵng, đã dự lễ khánh thành cầu. " + later) == \
        ["Huỳnh Đức Thơ, Chủ tịch UBND TP Đà Nẵng"]
    # a Vice-Chairman named is not the Chairman
    assert _issuers("Ông Trần Văn Nam, Phó Chủ tịch UBND TP Đà Nẵng, đã dự lễ khánh thành cầu. " + later) == \
        ["Chủ tịch UBND thành phố"]


def test_a_party_secretary_and_the_peoples_committee_of_his_province_are_two_issuers() -> None:
    assert _issuers("Ông Trần Văn Tư, Phó Bí thư thường trực tỉnh Đồng Nai, yêu cầu các ngành xử lý dứt điểm "
                    "vụ việc. Hiện nay UBND tỉnh Đồng Nai đã có văn bản yêu cầu UBND huyện Trảng Bom phối hợp "
                    "với nhà đầu tư xác định vùng ảnh hưởng.") == \
        ["Trần Văn Tư, Phó Bí thư thường trực tỉnh Đồng Nai", "UBND tỉnh Đồng Nai"]


def test_a_second_subject_after_thi_gives_an_order_of_its_own() -> None:
    assert _issuers("Ngoài việc Sở Xây dựng có văn bản yêu cầu UBND phường Mỹ An kiểm tra công trình thì "
                    "UBND TP Đà Nẵng cũng đã có văn bản yêu cầu Công an thành phố điều tra vụ việc.") == \
        ["Sở Xây dựng", "UBND TP Đà Nẵng"]


def test_a_conclusion_then_an_order_reads_the_order() -> None:
    from nlp.rules import find_directives

    (d,) = find_directives("Từ đó, Chủ tịch UBND TP Nguyễn Thành Phong đã tổ chức họp, kết luận để yêu cầu "
                           "sở Xây dựng, sở Tài Nguyên – Môi trường và UBND quận 7 kiểm tra.")
    assert [a.text for a in d.addressees] == ["sở Xây dựng, sở Tài Nguyên – Môi trường và UBND quận 7"]
    assert [m.text for m in d.measures] == ["kiểm tra"]


def test_a_bare_body_is_written_as_its_one_fuller_mention() -> None:
    assert _issuers("Sở Xây dựng TP Đà Nẵng đã kiểm tra công trình. Sau đó, Sở Xây dựng yêu cầu UBND phường "
                    "Mỹ An rà soát lại toàn bộ hồ sơ cấp phép.") == ["Sở Xây dựng TP Đà Nẵng"]


def test_a_person_who_tells_what_a_body_ordered_is_not_glued_to_it() -> None:
    assert _issuers("Ông Nguyễn Đình Vĩnh - giám đốc Sở GD-ĐT TP Đà Nẵng cho biết, UBND TP Đà Nẵng đã có "
                    "văn bản yêu cầu các trường rà soát các khoản thu.") == ["UBND TP Đà Nẵng"]


def test_asking_a_superior_is_not_an_order() -> None:
    assert _issuers("Sở Văn hóa và Thể thao Hải Phòng đề nghị UBND thành phố chỉ đạo tạm dừng lễ hội chọi trâu.") == []
    assert _issuers("Ông Trần Văn B, Phó Chủ tịch UBND tỉnh Bình Định, đã đề nghị Thủ tướng chỉ đạo "
                    "Bộ Công an điều tra các doanh nghiệp gian lận.") == []
    # nor when the request names what the superior should order, after a colon or a chain
    assert _issuers("Do đó Sở Văn hóa và Thể thao đề nghị UBND Thành phố chỉ đạo: Tạm dừng việc tổ chức "
                    "Lễ hội chọi trâu Đồ Sơn năm 2017.") == []
    assert _issuers("Ông Trần Châu - Phó chủ tịch UBND tỉnh Bình Định - đã đề nghị Thủ tướng chỉ đạo Bộ Công an "
                    "chỉ đạo cơ quan chức năng của bộ phối hợp với Công an tỉnh Bình Định điều tra, xử lý, truy "
                    "cứu trách nhiệm hình sự với những doanh nghiệp có hành vi gian lận.") == []
    # a committee being set up is not yet ordering anything
    assert _issuers("Tỉnh Đồng Nai vừa ban hành quyết định thành lập Ban chỉ đạo phòng, chống bệnh dịch tả lợn châu "
                    "Phi. Ông Trần Văn Quang, Chi cục trưởng Chi cục Chăn nuôi và Thú y tỉnh Đồng Nai cho biết, việc "
                    "thành lập Ban chỉ đạo phòng, chống bệnh dịch tả lợn châu Phi là rất phù hợp, cần thiết.") == []
    # the leaders one proposes to are not the ones ordering
    assert _issuers("Văn phòng UBND thành phố tổng hợp, nghiên cứu đề xuất lãnh đạo thành phố chỉ đạo "
                    "tiếp thu các ý kiến góp ý.") == []
    # a city inside a province is not above the province's departments
    assert _issuers("Sở GD-ĐT Thái Nguyên đã có văn bản đề nghị UBND thành phố Thái Nguyên xác minh sự việc.") \
        == ["Sở GD-ĐT Thái Nguyên"]


def test_target_stops_before_its_own_predicate_and_is_never_one_bare_noun() -> None:
    from nlp.rules import Span, specific_target
    from nlp.rules.arguments import _targets

    text = "xử lý nghiêm các cơ sở chăn nuôi tiếp tục sử dụng thức ăn thừa"
    (t,) = _targets(text, Span(0, len(text), text, "measure", "sanction"))
    assert t.text == "các cơ sở chăn nuôi"
    assert not specific_target("vi phạm") and not specific_target("người dân")
    assert specific_target("những người gặp nạn")


def test_an_addressee_names_a_body_and_does_not_report_or_trail_off() -> None:
    from nlp.rules import plausible_addressee

    for bad in ("Lãnh đạo Sở GD&ĐT Hà Nội cho hay, theo", "Báo cáo với",
                "UBND TP khẳng định các loại tiền ảo nói chung không", "các ngành ngồi lại để",
                "Báo cáo mới nhất của Sở Nông nghiệp tỉnh thì chỉ còn 48 con gấu",
                "các sở, ngành chỉ có 3 chức danh phó giám đốc.",
                "Thanh tra Chính phủ nhận định", "Thanh tra Chính phủ kiến nghị Kiểm toán Nhà nước kiểm toán",
                # things asked for, not bodies told
                "một số nội dung liên quan tới", "các giải pháp", "Những việc này",
                "Các trường hợp nâng giá vé sai", "các giao dịch đáng ngờ qua ngân hàng"):
        assert not plausible_addressee(bad), bad
    for good in ("Sở Thông tin và Truyền thông", "Đài Tiếng nói Việt Nam", "các đơn vị liên quan",
                 "giám đốc các sở, ban, ngành và chủ tịch UBND các huyện, thành phố",
                 "Cảng vụ Đường thủy nội địa Quảng Ninh", "UBND TP.", "các cơ quan, đơn vị có liên quan",
                 "Ban Quản lý các dự án"):
        assert plausible_addressee(good), good


def test_a_leader_telling_what_his_body_ordered_is_the_issuer() -> None:
    text = ("Chủ tịch UBND thành phố Vinh, ông Nguyễn Văn C cho hay, thành phố chỉ đạo phường "
            "tước giấy phép hoạt động của nhóm trẻ độc lập.")
    (issuer,) = _issuers(text)
    assert issuer.startswith("Chủ tịch UBND thành phố Vinh")


def _measures_and_addressees(text: str) -> tuple[list[str], list[str]]:
    from nlp.rules import find_directives, to_schema

    (d,) = [to_schema(x, text) for x in find_directives(text)]
    return [m["text"] for m in d["measures"]], d["addressees"]


def test_a_quote_closing_before_its_speaker_opened_sentences_earlier() -> None:
    text = ("Chủ tịch UBND tỉnh Bình Định Phạm Anh Tuấn chủ trì hội nghị với các địa phương. "
            "\"Hướng dẫn xây dựng kế hoạch tuyển dụng công chức theo đúng quy định. "
            "Rà soát lại đội ngũ cán bộ cấp xã trước khi luân chuyển\", ông Phạm Anh Tuấn yêu cầu.")
    measures, _ = _measures_and_addressees(text)
    assert "Hướng dẫn xây dựng kế hoạch tuyển dụng công chức theo đúng quy định" in measures
    assert "Rà soát lại đội ngũ cán bộ cấp xã trước khi luân chuyển" in measures
    # what a speaker stresses in quotes is often a view, not an order
    from nlp.rules import find_directives

    stressed = ("Bộ trưởng GTVT Trương Quang Nghĩa làm việc với các nhà đầu tư. "
                "\"Đề xuất của Bộ là làm sao các dự án triển khai minh bạch\", ông Trương Quang Nghĩa nhấn mạnh.")
    assert find_directives(stressed) == []


def test_a_party_told_in_the_passive_is_an_addressee() -> None:
    text = ("Chủ tịch UBND TP Hải Phòng Nguyễn Văn Tùng yêu cầu các sở kiểm tra trạm thu phí. "
            "Tasco Hải Phòng được chỉ đạo khẩn trương giải quyết kiến nghị bồi thường của người dân.")
    measures, addressees = _measures_and_addressees(text)
    assert "Tasco Hải Phòng" in addressees
    assert "giải quyết kiến nghị bồi thường của người dân" in measures
    # "được đề nghị" tells a party as well
    measures, addressees = _measures_and_addressees(
        "UBND TP yêu cầu các sở kiểm tra các kho hoá chất. Sở Công thương được đề nghị quản lý chặt chẽ "
        "việc cấp giấy phép kinh doanh chất dễ gây cháy nổ.")
    assert "Sở Công thương" in addressees
    assert any(m.startswith("quản lý chặt chẽ việc cấp giấy phép") for m in measures)


def test_a_manner_word_opens_a_new_measure() -> None:
    text = ("UBND tỉnh Quảng Ninh yêu cầu các sở tăng cường kiểm tra giám sát, kịp thời phát hiện "
            "và xử lý nghiêm những hành vi vi phạm pháp luật.")
    measures, _ = _measures_and_addressees(text)
    assert measures[0] == "tăng cường kiểm tra giám sát"
    # verbs sharing one object still stay together
    measures, _ = _measures_and_addressees("UBND tỉnh Quảng Ninh yêu cầu các sở kiểm tra, giám sát các cơ sở.")
    assert measures == ["kiểm tra, giám sát các cơ sở"]


def test_a_body_name_ends_before_its_order() -> None:
    _, addressees = _measures_and_addressees(
        "Bộ trưởng Bộ Y tế đề nghị Bệnh viện rà soát quy trình cấp cứu người bệnh.")
    assert addressees == ["Bệnh viện"]
    _, addressees = _measures_and_addressees(
        "UBND TP yêu cầu Sở VH-TT Hải Phòng tham mưu xây dựng lộ trình tổ chức lễ hội.")
    assert addressees == ["Sở VH-TT Hải Phòng"]
    measures, addressees = _measures_and_addressees(
        "Lãnh đạo tỉnh Quảng Ninh đã chỉ đạo các lực lượng chức năng ứng cứu kịp thời, đưa hành khách về bờ an toàn.")
    assert addressees == ["các lực lượng chức năng"]
    assert measures[0].startswith("ứng cứu")


def test_the_issuer_is_the_fullest_mention_of_the_person() -> None:
    text = ("Phó Thủ tướng Thường trực Trương Hòa Bình - Chủ tịch Ủy ban An toàn giao thông Quốc gia "
            "đã tới hiện trường vụ tai nạn. Sau đó, Phó Thủ tướng Trương Hòa Bình yêu cầu Bộ Công an "
            "điều tra nguyên nhân vụ tai nạn.")
    assert _issuers(text) == ["Phó Thủ tướng Thường trực Trương Hòa Bình - Chủ tịch Ủy ban An toàn giao thông Quốc gia"]


def test_a_short_title_with_the_full_name_takes_the_fullest_mention_and_its_province() -> None:
    from nlp.rules import find_directives

    text = ("Chủ tịch UBND TP Hà Nội Nguyễn Đức Chung đã tới thăm trường. "
            "Chủ tịch Nguyễn Đức Chung vừa ký văn bản yêu cầu các cơ quan chức năng kiểm tra, xử lý vụ việc.")
    (d,) = find_directives(text)
    assert (d.issuer.text, d.province) == ("Chủ tịch UBND TP Hà Nội Nguyễn Đức Chung", "Hà Nội")
    # another person of the same title keeps his own words
    other = ("Chủ tịch UBND TP Hà Nội Nguyễn Đức Chung đã tới thăm trường. "
             "Chủ tịch Nguyễn Văn Tâm vừa ký văn bản yêu cầu các cơ quan chức năng kiểm tra, xử lý vụ việc.")
    assert _issuers(other) == ["Chủ tịch Nguyễn Văn Tâm"]


def test_a_title_on_the_line_after_a_headline_keeps_its_first_word() -> None:
    text = ("Chính phủ yêu cầu kiểm tra vụ điện giật tại TP. HCM\n"
            "Phó thủ tướng Thường trực Chính phủ Trương Hoà Bình yêu cầu UBND TP. HCM kiểm tra thông tin "
            "phản ánh của báo chí về vụ tai nạn.")
    # the whole-document mentions (the gazetteer component's), not only each sentence's
    assert "Phó thủ tướng Thường trực Chính phủ Trương Hoà Bình" in [m.text for m in find_mentions(text)]


def test_a_newspaper_before_a_title_is_no_persons_name() -> None:
    assert _issuers("Ngày 5/7, thông tin với báo Người Đưa Tin, Chánh Thanh tra tỉnh Thừa Thiên - Huế yêu cầu "
                    "UBND huyện kiểm tra các sai phạm.") == ["Chánh Thanh tra tỉnh Thừa Thiên - Huế"]


def test_an_advised_body_a_duty_and_an_opinion_are_no_orders() -> None:
    assert _issuers("Năm 2019, BHXH TP tổ chức ký hợp đồng với 178 cơ sở y tế, tham mưu UBND TP giao dự toán "
                    "cho các cơ sở, chỉ đạo tăng cường quản lý chi phí.") == []
    assert _issuers("Theo thỏa thuận, UBND TP. HCM có trách nhiệm chỉ đạo các sở, ngành phối hợp với "
                    "bưu điện cung cấp thông tin.") == []
    assert _issuers("Thanh tra Chính phủ nhận định cần giao cho cơ quan chức năng kiểm tra, làm rõ sai phạm.") == []
    # the same bodies giving the order themselves still do
    assert _issuers("UBND TP. HCM chỉ đạo các sở, ngành phối hợp với bưu điện cung cấp thông tin.") == ["UBND TP. HCM"]


def test_a_target_ends_where_its_noun_phrase_ends() -> None:
    from nlp.rules import Span, trim_target

    text = "xử lý những hành vi vi phạm pháp luật, hạn chế tối đa rủi ro cho người dân"
    start = text.index("những")
    t = trim_target(text, Span(start, len(text), text[start:], "target"))
    assert t.text == "những hành vi vi phạm pháp luật"
    for long, short in (("Công ty cổ phần Cấp nước Đà Nẵng phải bảo đảm nguồn cung", "Công ty cổ phần Cấp nước Đà Nẵng"),
                        ("sai phạm của tổ chức, cá nhân (nếu có)", "sai phạm của tổ chức, cá nhân")):
        assert trim_target(long, Span(0, len(long), long, "target")).text == short
    # parties listed with commas, and a description holding its own verbs, stay whole
    for whole in ("các cá nhân, tổ chức liên quan đến vụ việc",
                  "cán bộ, công chức năng lực yếu, không dám làm, né tránh, làm việc cầm chừng"):
        assert trim_target(whole, Span(0, len(whole), whole, "target")).text == whole


def test_a_tagged_target_stopped_on_a_connective_loses_it_or_is_dropped() -> None:
    from nlp.rules import Span, specific_target, trim_target

    for long, short in (("hộ dân bị ảnh hưởng mà", "hộ dân bị ảnh hưởng"),
                        ("công trình xây dựng không", "công trình xây dựng"),
                        ("tập thể và cá nhân các thời kỳ 2006-2018 đã", "tập thể và cá nhân các thời kỳ 2006-2018")):
        assert specific_target(long)
        assert trim_target(long, Span(0, len(long), long, "target")).text == short
    # what is left is too generic to be a target
    assert not specific_target("vụ việc một cách")
    assert not specific_target("dự án, sau khi")
    assert specific_target("những hộ dân không có giấy phép")  # a connective inside is kept


def test_a_group_of_bodies_then_its_task_continues_the_directive() -> None:
    text = ("UBND TP Hải Phòng yêu cầu các doanh nghiệp bảo đảm quyền lợi người lao động. "
            "Các sở, ngành, đơn vị, địa phương liên hệ, hướng dẫn người lao động trong thời gian tạm nghỉ việc. "
            "Các sở, ngành đã triển khai kế hoạch từ đầu năm.")
    measures, addressees = _measures_and_addressees(text)
    assert "Các sở, ngành, đơn vị, địa phương" in addressees
    assert "liên hệ, hướng dẫn người lao động trong thời gian tạm nghỉ việc" in measures
    # a tense marker makes it a report of what was done, not a task
    assert not any(m.startswith("triển khai kế hoạch") for m in measures)


def test_a_directive_lists_each_deadline_and_addressee_once() -> None:
    text = ("Chủ tịch UBND TP HCM yêu cầu các sở, ngành nạo vét 12 điểm ngập trước ngày 15/6. "
            "Các sở, ngành phải sửa chữa cống thoát nước trước ngày 15/6.")
    from nlp.rules import find_directives, to_schema

    (d,) = [to_schema(x, text) for x in find_directives(text)]
    assert d["deadlines"] == ["trước ngày 15/6"]
    assert d["addressees"] == ["các sở, ngành"]  # "Các sở, ngành" again, told apart by case only
    assert len(d["offsets"]["deadlines"]) == 1


def test_documents_cited_in_any_sentence_of_the_directive_are_references() -> None:
    text = ("UBND tỉnh Bình Dương yêu cầu các sở tăng cường kiểm tra an toàn thực phẩm. "
            "UBND các huyện phải triển khai thực hiện có hiệu quả Thông báo số 151/TB-UBND ngày 05/5/2017 của UBND tỉnh.")
    from nlp.rules import find_directives, to_schema

    (d,) = [to_schema(x, text) for x in find_directives(text)]
    assert [r["number"] for r in d["references"]] == ["151/TB-UBND"]


def test_an_addressee_ends_where_its_order_begins() -> None:
    from nlp.rules import Span, trim_addressee

    def trim(s: str) -> str:
        return trim_addressee(s, Span(0, len(s), s, "addressee")).text

    assert trim("Cty Thoát nước và Xử lý nước thải Đà Nẵng kiểm tra sửa chữa mặt đường") == \
        "Cty Thoát nước và Xử lý nước thải Đà Nẵng"
    assert trim("UBND huyện Long Thành chậm nhất là đến tháng 6/2019") == "UBND huyện Long Thành"
    # bodies named after what they do keep their names
    for name in ("các Ban chỉ đạo 389 địa phương", "đoàn kiểm tra liên ngành", "Ban Quản lý dự án"):
        assert trim(name) == name


def test_a_time_limit_cut_after_its_opening_words_gets_its_date() -> None:
    from nlp.rules import Span, complete_deadline

    text = "UBND huyện Long Thành chậm nhất là đến tháng 6/2019 phải hoàn tất việc thu hồi đất."
    start = text.index("chậm")
    cut = Span(start, start + len("chậm nhất là"), "chậm nhất là", "deadline")
    done = complete_deadline(text, cut)
    assert done is not None and done.text == "chậm nhất là đến tháng 6/2019"
    # without a date after it, the opening words name no time limit
    alone = "Các đơn vị báo cáo chậm nhất là khi có yêu cầu."
    s = alone.index("chậm")
    assert complete_deadline(alone, Span(s, s + 12, alone[s:s + 12], "deadline")) is None
    whole = Span(0, 15, "trước ngày 15/6", "deadline")
    assert complete_deadline("trước ngày 15/6", whole) is whole


def test_an_order_verb_used_as_a_noun_opens_no_measure() -> None:
    from nlp.rules import Span, tidy_measures

    def tidy(s: str) -> list[str]:
        return [m.text for m in tidy_measures(s, [Span(0, len(s), s, "measure")])]

    assert tidy("báo cáo của quận và tường trình của cô hiệu trưởng thì ngày hôm đó chưa có tai nạn") == []
    assert tidy("Báo cáo này phải thực hiện trước ngày 15/12") == []
    assert tidy("Căn cứ nội dung, tính chất, mức độ vi phạm") == []  # grounds, not an order
    assert tidy("báo cáo UBND tỉnh trước ngày 15/12") == ["báo cáo UBND tỉnh trước ngày 15/12"]


def test_a_view_of_what_matters_is_no_measure() -> None:
    from nlp.rules import Span, tidy_measures

    def tidy(s: str) -> list[str]:
        return [m.text for m in tidy_measures(s, [Span(0, len(s), s, "measure")])]

    # seed 003: a sentence of background read as going on with the orders before it
    assert tidy("Xác định trách nhiệm thực thi công vụ của đội ngũ cán bộ có ý nghĩa quan trọng, "
                "thời gian qua, cấp ủy đã ban hành nhiều văn bản chỉ đạo") == []
    assert tidy("xác định rõ trách nhiệm của người đứng đầu") == ["xác định rõ trách nhiệm của người đứng đầu"]
    # a finding and a piece of news are no orders either
    assert tidy("Khảo sát độc giả VnExpress với gần 13.000 lượt tham gia cho thấy, hơn 50% số người cho rằng "
                "loa phường không còn phù hợp") == []
    assert tidy("Thông tin ban đầu, mục đích đối tượng tung văn bản giả này lên mạng") == []
    assert tidy("khảo sát, thông tin đầy đủ cho người dân") == ["khảo sát, thông tin đầy đủ cho người dân"]


def test_a_district_department_and_the_agent_of_a_passive_order_are_issuers() -> None:
    assert _issuers("Phòng Giáo dục quận Cầu Giấy đã chỉ đạo đình chỉ 2 cô giáo.") == \
        ["Phòng Giáo dục quận Cầu Giấy"]
    assert _issuers("Hồ sơ vụ việc đã được UBND huyện Tuy Phong yêu cầu rà soát lại toàn bộ.") == \
        ["UBND huyện Tuy Phong"]
    # "Hải Phòng" names a city, not a department
    assert _issuers("Chủ tịch UBND TP Hải Phòng Nguyễn Văn Tùng yêu cầu các sở kiểm tra an toàn thực phẩm.") == \
        ["Chủ tịch UBND TP Hải Phòng Nguyễn Văn Tùng"]


def test_a_body_opening_a_continuing_sentence_with_an_order_verb_is_no_addressee() -> None:
    text = ("Phó Chủ tịch UBND TP Hà Nội giao Sở Xây dựng kiểm tra an toàn tại các công trường. "
            "Lãnh đạo Hà Nội cũng chỉ đạo Công an thành phố lập tổ công tác liên ngành kiểm tra công tác thi công.")
    _, addressees = _measures_and_addressees(text)
    assert "Lãnh đạo Hà Nội" not in addressees
    assert "Công an thành phố" in addressees


def test_a_first_verb_phrase_may_quote_a_name_before_the_linked_order() -> None:
    text = ('Tại buổi lễ, Phó Chủ tịch UBND tỉnh Đồng Tháp Đoàn Tấn Bửu bày tỏ lòng biết ơn đối với các '
            '"Bà mẹ Việt Nam Anh hùng"; đồng thời chỉ đạo các cấp, ngành thực hiện đầy đủ chính sách đối với người có công.')
    assert _issuers(text) == ["Phó Chủ tịch UBND tỉnh Đồng Tháp Đoàn Tấn Bửu"]


def test_an_addressee_group_or_a_quote_ends_the_name() -> None:
    from nlp.rules import Span, trim_addressee

    for long, short in (("các quận thay thế gạch vỉa hè bằng đá xanh", "các quận"),
                        ('Sở Y tế " mạnh dạn', "Sở Y tế")):
        assert trim_addressee(long, Span(0, len(long), long, "addressee")).text == short


def test_an_order_word_marks_a_sentence_read_further_on() -> None:
    from nlp.rules import order_marker

    assert order_marker("Các địa phương phải hỗ trợ ngư dân lập hồ sơ.")
    assert order_marker("Sở Y tế cần kịp thời báo cáo kết quả.")
    assert not order_marker("Giá cá ngừ giảm mạnh trong tháng qua.")
    # whole words only ("giao thông" is no "giao"), and only inside the window asked for
    assert not order_marker("Tai nạn giao thông tăng so với cùng kỳ.")
    text = "Việc hỗ trợ ngư dân cũng cần có kinh phí."
    assert order_marker(text) and not order_marker(text, 0, text.index("cần"))


def test_a_sentence_further_on_is_read_when_a_measure_verb_follows_its_order_word() -> None:
    from nlp.rules import marked_order

    assert marked_order("Các địa phương phải kiểm tra các tàu.")
    assert not marked_order("Việc này cũng cần có kinh phí.")  # an order word, no order
    assert not marked_order("Kiểm tra cho thấy việc này cần có kinh phí.")  # the verb is before it


def _first_letters(pattern: str) -> set[str] | None:
    """The letters (lower-cased) a match of ``pattern`` can open with, read from the parsed
    regex; None when it could open with more than literals say (a repeat, any character)."""
    try:
        from re import _parser as sre_parse  # Python 3.11+
    except ImportError:  # pragma: no cover - older Pythons
        import sre_parse  # type: ignore[no-redef]

    def first(items: list) -> set[str] | None:
        for op, av in items:
            name = str(op)
            if name in ("AT", "ASSERT", "ASSERT_NOT"):
                continue  # zero-width: the next item opens the match
            if name == "LITERAL":
                return {chr(av).lower()}
            if name == "IN" and all(str(o) == "LITERAL" for o, _ in av):
                return {chr(a).lower() for _, a in av}
            if name == "BRANCH":
                found = [first(list(branch)) for branch in av[1]]
                return None if any(f is None for f in found) else set().union(*found)
            if name == "SUBPATTERN":
                return first(list(av[3]))
            return None
        return None

    return first(list(sre_parse.parse(pattern)))


def test_every_deadline_pattern_opens_with_a_listed_letter() -> None:
    """The deadline regex asks for one of DEADLINE_FIRST_LETTERS before trying its patterns;
    a pattern opening with another letter would silently never match."""
    from nlp import lexicon as lx

    for pattern in lx.DEADLINE_PATTERNS:
        letters = _first_letters(pattern)
        assert letters is not None and letters <= set(lx.DEADLINE_FIRST_LETTERS), pattern
    assert _first_letters(r"(?:x|\d+)") is None  # the check itself sees past literals


def test_mentions_may_open_only_where_the_search_looks() -> None:
    """find_mentions asks for a capital or a listed lower-case first letter before trying its
    alternatives; every lower-case role, body and administrative word must open with one."""
    from nlp import lexicon as lx
    from nlp.mentions import _patterns

    opening = _patterns()["mention"].pattern.split("]", 1)[0]
    for word in lx.ROLES + lx.ORG_HEADS + lx.NAMED_ORG_HEADS + lx.ADMIN_PROVINCE + lx.ADMIN_DISTRICT + lx.ADMIN_COMMUNE:
        assert word[0] in opening or word[0].isupper(), word
    assert find_mentions("theo chỉ đạo của chủ tịch UBND tỉnh Cà Mau")  # a lower-case role opens one


def test_a_building_before_a_title_is_no_persons_name() -> None:
    assert _issuers("Liên quan tới vụ việc trong thang máy chung cư Golden Palm, Phó thủ tướng Trương Hoà Bình "
                    "giao Bộ Công an kiểm tra việc xử lý.") == ["Phó thủ tướng Trương Hoà Bình"]


def test_a_person_named_after_an_event_of_a_body_gives_the_order() -> None:
    # the department hosts the meeting; the man named after it orders
    assert _issuers("Trước đó, tại Hội nghị tổng kết Sở TT&TT TP.Hà Nội, ông Nguyễn Đức Chung đã giao cơ quan "
                    "này đánh giá kết quả việc dùng loa truyền thanh.") == []
    # a body whose own leader is named after it still orders ("UBND tỉnh, ông X ..." is rarer
    # than "Chủ tịch UBND tỉnh, ông X", which keeps its role)
    assert _issuers("Chủ tịch UBND tỉnh Quảng Nam, ông Đinh Văn Thu đã giao Sở Y tế kiểm tra.") != []


def test_a_dated_letter_of_a_body_speaks_for_it() -> None:
    assert _issuers("Văn bản số 5816/UBND-TKBT, ngày 10/11/2016, của UBND Thành phố giao Chủ tịch UBND huyện "
                    "Hoài Đức kiểm tra thông tin, giải quyết sự việc.") == ["UBND Thành phố"]


def test_each_numbered_letter_of_a_body_is_its_own_directive() -> None:
    from nlp.rules import find_directives

    # letters listed one after another, the stops glued to the next letter, as news reprints
    # them; each letter opens a sentence in the middle of the text
    text = ("Qua rà soát, một số đơn vị chưa gửi báo cáo. "
            "Văn bản số 5816/UBND-TKBT, ngày 10/11/2016, của UBND Thành phố giao Chủ tịch UBND huyện "
            "Hoài Đức kiểm tra thông tin, giải quyết sự việc. Hạn báo cáo trước ngày 20/10/2016."
            "Văn bản số 6218/UBND-TKBT, ngày 28/10/2016, của UBND Thành phố giao Chủ tịch UBND huyện "
            "Thanh Oai kiểm tra thông tin, giải quyết sự việc. Hạn báo cáo trước ngày 10/11/2016.")
    found = find_directives(text)
    assert [(d.issuer.text, d.instrument.number if d.instrument else None) for d in found] == [
        ("UBND Thành phố", "5816/UBND-TKBT"), ("UBND Thành phố", "6218/UBND-TKBT")]


@pytest.mark.parametrize("name", ["Sở Quy hoạch - Kiến trúc", "Sở Kế hoạch Đầu tư", "Sở Thông tin Hà Nội",
                                  "Cục Chính trị", "Ban Tiếp công dân Trung ương"])
def test_a_body_whose_name_goes_on_in_small_letters_is_read_whole(name: str) -> None:
    # the capitalised run alone stopped at "Sở Quy", "Sở Kế", "Sở Thông", "Cục Chính"
    assert [m.text for m in find_mentions(f"{name} yêu cầu các đơn vị báo cáo.")] == [name]


def test_a_numbered_district_or_ward_keeps_its_number() -> None:
    found = find_mentions("UBND quận 5, TP HCM vừa yêu cầu các cơ sở kinh doanh hoá chất báo cáo.")
    assert [(m.text, m.level, m.place) for m in found] == [("UBND quận 5", "district", "Quận 5")]
    assert [m.text for m in find_mentions("Chủ tịch UBND phường 7 yêu cầu.")] == ["Chủ tịch UBND phường 7"]
    # a date or a count after the word is no number of the district
    assert [m.text for m in find_mentions("UBND quận 9/2019 đã yêu cầu.")] == ["UBND quận"]
    assert [m.text for m in find_mentions("UBND quận 1.500 hộ dân.")] == ["UBND quận"]


def test_a_stop_glued_to_the_next_sentence_after_a_number_ends_it() -> None:
    text = "Hạn báo cáo trước ngày 30/9/2016.Văn bản số 5816 giao. Có 15.496 lít xăng RON 95.Kinh tế tăng."
    assert [s.text for s in split_sentences(text)] == [
        "Hạn báo cáo trước ngày 30/9/2016.", "Văn bản số 5816 giao.", "Có 15.496 lít xăng RON 95.", "Kinh tế tăng."]
    # a decimal, an abbreviation and an upper-case code stay inside their sentence
    assert len(split_sentences("Giá 1.5 triệu, TP.HCM và mã 12.AB được giữ.")) == 1
    # glued after a word too, but not after an abbreviation in small letters, nor in a web address
    assert [s.text for s in split_sentences("sớm bình phục.Theo Giám đốc, chị ổn.")] == [
        "sớm bình phục.", "Theo Giám đốc, chị ổn."]
    assert len(split_sentences("Tại Tp.Hồ Chí Minh, trang vnexpress.net đưa tin.")) == 1


def test_a_title_with_the_given_name_is_the_person_named_in_full_before() -> None:
    text = ("Chủ tịch UBND TP Hà Nội Nguyễn Đức Chung yêu cầu Sở GD-ĐT báo cáo vụ việc trước ngày 10/2. "
            "Đồng thời Chủ tịch Chung cũng yêu cầu Sở GD-ĐT xem xét xử lý nghiêm 2 cô giáo đánh học sinh.")
    assert _issuers(text) == ["Chủ tịch UBND TP Hà Nội Nguyễn Đức Chung"]
    # another given name is another person
    other = text.replace("Chủ tịch Chung", "Chủ tịch Tuấn")
    assert len(_issuers(other)) == 2
    # the bare title alone, when one person in the article holds it
    bare = text.replace("Chủ tịch Chung", "Chủ tịch")
    assert _issuers(bare) == ["Chủ tịch UBND TP Hà Nội Nguyễn Đức Chung"]
    # a misspelt body read into the name: the full name still ends the same
    typo = text.replace("Chủ tịch Chung", "Chủ tịch UBDN TP Hà Nội Nguyễn Đức Chung")
    assert _issuers(typo) == ["Chủ tịch UBND TP Hà Nội Nguyễn Đức Chung"]


@pytest.mark.parametrize("text", ["Kiểm tra các cơ sở Y tế tư nhân.", "Tập trung tại trụ sở Công an tỉnh.",
                                  "Dự án phố đi bộ Nguyễn Huệ đã hoàn thành.", "Rà soát nội bộ Sở Y tế."])
def test_so_and_bo_closing_a_word_name_no_department_or_ministry(text: str) -> None:
    # "cơ sở" (a facility), "trụ sở" (premises), "đi bộ" (walking), "nội bộ" (internal)
    assert not [m.text for m in find_mentions(text) if m.text.startswith(("sở ", "bộ "))]
    assert [m.level for m in find_mentions("Toàn bộ Công an tỉnh được huy động.")] == ["province"]


def test_a_sub_department_named_by_its_field_keeps_its_whole_name() -> None:
    assert [m.text for m in find_mentions("Chi cục Bảo vệ môi trường yêu cầu UBND huyện kiểm tra.")][0] \
        == "Chi cục Bảo vệ môi trường"


def test_the_head_of_a_company_or_a_university_is_no_authority() -> None:
    assert find_mentions("Ông Nguyễn Văn Chiến - Giám đốc Công ty Cổ phần Chiến Thắng đề nghị tỉnh hỗ trợ.") == []
    assert find_mentions("Ông Phan Thanh Bình - Giám đốc Đại học Quốc gia TP HCM đề nghị thành phố.") == []
    assert [m.text for m in find_mentions("Giám đốc Công an tỉnh yêu cầu.")] == ["Giám đốc Công an tỉnh"]


def test_a_body_s_earlier_order_told_by_its_leader_is_the_body_s_own() -> None:
    text = ("Ông Nguyễn Văn An, Chủ tịch UBND tỉnh Bình Định yêu cầu Sở Y tế kiểm tra các bệnh viện. "
            "Ông cũng cho biết, UBND tỉnh đã giao Công an tỉnh điều tra, xử lý nghiêm các đối tượng vi phạm.")
    assert _issuers(text) == ["Nguyễn Văn An, Chủ tịch UBND tỉnh Bình Định", "UBND tỉnh"]
    # said of the leader's own meeting, without "đã", the body's words stay his directive
    now = text.replace("Ông cũng cho biết, UBND tỉnh đã giao", "UBND tỉnh giao")
    assert _issuers(now) == ["Nguyễn Văn An, Chủ tịch UBND tỉnh Bình Định"]


def test_a_verb_after_bệnh_viện_in_small_letters_is_the_order() -> None:
    # "Viện Vệ sinh dịch tễ" names a body, but "các bệnh viện" ends before "kiểm tra"
    d = _the_directive("Tin trong ngày.\nSở Y tế đã chỉ đạo các bệnh viện kiểm tra các cơ sở.")
    assert d["addressees"] == ["các bệnh viện"]
    assert [m["text"] for m in d["measures"]] == ["kiểm tra các cơ sở"]


def test_a_body_s_order_told_as_done_after_its_leader_s_is_another_directive() -> None:
    text = ("Ông Nguyễn Văn An, Chủ tịch UBND tỉnh Bình Định yêu cầu Sở Y tế kiểm tra các bệnh viện. "
            "Nhiều bệnh nhân đã được chuyển viện trong đêm. "
            "UBND tỉnh Bình Định đã giao Công an tỉnh điều tra, xử lý nghiêm các đối tượng vi phạm.")
    assert _issuers(text) == ["Nguyễn Văn An, Chủ tịch UBND tỉnh Bình Định", "UBND tỉnh Bình Định"]
    # right after the leader's orders, or without "đã", it is read as the same occasion
    assert len(_issuers(text.replace("Nhiều bệnh nhân đã được chuyển viện trong đêm. ", ""))) == 1
    assert len(_issuers(text.replace("Bình Định đã giao", "Bình Định giao"))) == 1


@pytest.mark.parametrize("text", [
    # what a body should do, or has not done
    "Ông Bình cho rằng UBND TP Hà Nội cần phải có văn bản chỉ đạo, có kế hoạch đảm bảo an toàn cho du khách.",
    "Về tái định cư, UBND TP chưa chỉ đạo các cơ quan lập, thẩm định quy hoạch khu tái định cư.",
    "Cá chết nhiều năm liền, vì vậy UBND tỉnh Đồng Nai phải chỉ đạo xây dựng ngay phương án xử lý.",
    "Đối với các tỉnh trọng điểm, Chủ tịch UBND tỉnh cần tập trung chỉ đạo hoàn thành ký cam kết với các cơ sở.",
    # a department asking a body beside it
    "Sở Xây dựng đã có Công văn số 3673/SXD-QLN đề nghị Công an thành phố kiểm tra, xử lý các vi phạm.",
    "Sở Nội vụ có công văn gửi Sở QH - KT đề nghị báo cáo kết quả kiểm điểm lần 2.",
    "Sở Y tế tỉnh Đồng Nai đã có văn bản khẩn gửi công an tỉnh đề nghị xử lý nghiêm đối tượng.",
    # a wish, a grievance, an earlier step
    "Ông Nghĩa cho biết doanh nghiệp rất mong muốn UBND TP. HCM chỉ đạo Sở Tài chính thực hiện các thủ tục miễn tiền.",
    "Bà Biên đã nhiều lần gửi đơn khiếu nại UBND xã Canh Nậu giao đất ở giãn dân không đúng đối tượng.",
    "Ông Hà cho hay sau khi UBND tỉnh chỉ đạo, thành phố đã thành lập đoàn liên ngành làm việc với nhà chùa.",
    # the Government's inspectorate stands above a province
    "UBND tỉnh Yên Bái đã có công văn đề nghị Thanh tra Chính phủ vào cuộc kiểm tra tài sản.",
    # a former official
    "Nguyên Bộ trưởng Đồng Sỹ Nguyên từng quyết định làm đường trên đoạn đê, chỉ có bồi đắp lên.",
    "Ông Trần Văn An, cựu Chủ tịch UBND tỉnh Bình Định yêu cầu các sở kiểm tra các dự án.",
    # a letter that asks a superior lends no directive to the sentences after it
    "UBND huyện Vạn Ninh vừa có công văn đề nghị UBND tỉnh Khánh Hoà cho phép huyện tiếp nhận hồ sơ "
    "chuyển nhượng đất. Lãnh đạo huyện cho hay, cần kiểm soát chặt giá đất.",
])
def test_sentences_that_give_no_order(text: str) -> None:
    assert _issuers("Tin trong ngày.\n" + text) == []


def test_what_a_body_had_to_do_and_did_is_its_order() -> None:
    text = "Tin trong ngày.\nUBND tỉnh Ninh Bình phải ra văn bản yêu cầu công ty hoàn thành việc tháo dỡ."
    assert _issuers(text) == ["UBND tỉnh Ninh Bình"]


def test_a_department_s_letter_to_those_below_it_is_its_order() -> None:
    assert _issuers("Tin trong ngày.\nSở Y tế có công văn gửi các bệnh viện yêu cầu kiểm tra các cơ sở.") == ["Sở Y tế"]


def test_a_province_asking_another_province_gives_no_order() -> None:
    text = ("Tin trong ngày.\nUBND tỉnh Thanh Hoá đề nghị UBND tỉnh Hoà Bình chỉ đạo các cơ quan chức năng "
            "nhanh chóng vào cuộc làm rõ hành vi xả thải.")
    assert _issuers(text) == []
    # its own district is told
    assert _issuers(text.replace("UBND tỉnh Hoà Bình", "UBND huyện Thạch Thành")) == ["UBND tỉnh Thanh Hoá"]


def test_two_districts_are_two_issuers_and_ra_quyết_định_is_an_order() -> None:
    text = ("Tin trong ngày.\nSau khi xảy ra sự việc, UBND quận Hai Bà Trưng đã chỉ đạo ra quyết định đình chỉ "
            "công tác 2 cô giáo. Hiện UBND quận Cầu Giấy đã yêu cầu lực lượng Công an điều tra làm rõ vụ việc.")
    assert _issuers(text) == ["UBND quận Hai Bà Trưng", "UBND quận Cầu Giấy"]
    from nlp.rules import find_directives
    assert [m.text for m in find_directives(text)[0].measures] == ["ra quyết định đình chỉ công tác 2 cô giáo"]


def test_a_body_by_its_kind_alone_is_written_as_its_fullest_mention() -> None:
    text = ("Tin trong ngày.\nNgười dân phản ánh với UBND TP Hà Nội về tiếng ồn. "
            "Trước đó, UBND thành phố đã giao Công an Hà Nội điều tra, khảo sát các hộ gia đình.")
    assert _issuers(text) == ["UBND TP Hà Nội"]
    # two cities named in full: the bare one stays as written
    two = text.replace("Người dân phản ánh với UBND TP Hà Nội", "UBND TP Hà Nội và UBND TP Đà Nẵng họp")
    assert _issuers(two) == ["UBND thành phố"]


def test_ngay_sau_đó_opens_another_occasion_of_the_same_issuer() -> None:
    text = ("Tin trong ngày.\nUBND tỉnh Đồng Nai yêu cầu Sở NN&PTNT kiểm tra việc tỉa cây rừng. "
            "Ngay sau đó UBND tỉnh Đồng Nai đã giao thanh tra tỉnh vào cuộc xác minh làm rõ vụ việc.")
    assert _issuers(text) == ["UBND tỉnh Đồng Nai", "UBND tỉnh Đồng Nai"]


@pytest.mark.parametrize(("order", "measure"), [
    ("giải quyết triệt để nợ chờ xử lý", "giải quyết triệt để nợ chờ xử lý"),
    ("chịu trách nhiệm nếu để tình trạng buôn lậu xảy ra", "chịu trách nhiệm nếu để tình trạng buôn lậu xảy ra"),
    ("kiểm tra các cơ sở để đảm bảo an toàn thực phẩm", "kiểm tra các cơ sở"),  # a purpose ends it
])
def test_để_ends_a_measure_only_where_a_purpose_begins(order: str, measure: str) -> None:
    text = f"Tin trong ngày.\nUBND tỉnh Bình Định yêu cầu Sở Y tế {order}."
    assert [m["text"] for m in _the_directive(text)["measures"]] == [measure]


@pytest.mark.parametrize("tail", [", khi có kết luận sẽ công khai cho nhân dân", ", nếu có sai phạm thì xử lý",
                                  " nhưng đến nay vẫn chưa có kết quả"])
def test_a_clause_that_turns_away_ends_the_measure(tail: str) -> None:
    text = f"Tin trong ngày.\nUBND tỉnh Bình Định yêu cầu Thanh tra tỉnh tổ chức thanh tra toàn diện dự án{tail}."
    assert [m["text"] for m in _the_directive(text)["measures"]][0] == "tổ chức thanh tra toàn diện dự án"


def test_sở_takes_up_the_department_named_just_before_it_in_the_same_sentence() -> None:
    text = ("Tin trong ngày.\nSở Xây dựng đã kiểm tra công trình. Theo báo cáo của Sở VH-TT, Sở đã có công văn "
            "yêu cầu các đơn vị liên quan kiểm tra và tổ chức sửa chữa khắc phục.")
    assert _issuers(text) == ["Sở VH-TT"]


@pytest.mark.parametrize(("text", "place", "person"), [
    ("UBND phường Thụy Khuê yêu cầu", "Thụy Khuê", None),  # a ward the gazetteer lacks is no person
    ("Chủ tịch UBND xã Tân Hộ Cơ Nguyễn Văn An yêu cầu", "Tân Hộ Cơ", "Nguyễn Văn An"),
    ("Chủ tịch UBND xã Nguyễn Văn An yêu cầu", None, "Nguyễn Văn An"),
    ("Chủ tịch UBND tỉnh Nguyễn Ngọc Hai yêu cầu", None, "Nguyễn Ngọc Hai"),
])
def test_an_unlisted_ward_or_district_is_a_place_and_a_name_after_it_a_person(text: str, place: str | None,
                                                                               person: str | None) -> None:
    (m,) = find_mentions(text)
    assert (m.place, m.person) == (place, person)


@pytest.mark.parametrize(("text", "mention", "person"), [
    ("Theo Tuổi Trẻ Online, Phó Bí thư Thành uỷ TP. HCM Tất Thành Cang yêu cầu",
     "Phó Bí thư Thành uỷ TP. HCM Tất Thành Cang", "Tất Thành Cang"),
    ("UBND TP Hà Nội, Chủ tịch Nguyễn Đức Chung yêu cầu", "Chủ tịch Nguyễn Đức Chung", "Nguyễn Đức Chung"),
    # a name before the title: a family name opens it, or "ông"/"bà" does
    ("Nguyễn Văn An, Chủ tịch UBND tỉnh Bình Định yêu cầu", "Nguyễn Văn An, Chủ tịch UBND tỉnh Bình Định",
     "Nguyễn Văn An"),
    ("ông Nay Y Blung, Chủ tịch UBND huyện Sơn Hòa yêu cầu", "Nay Y Blung, Chủ tịch UBND huyện Sơn Hòa",
     "Nay Y Blung"),
])
def test_a_newspaper_or_a_body_before_a_title_is_no_person(text: str, mention: str, person: str) -> None:
    (m,) = find_mentions(text)
    assert (m.text, m.person) == (mention, person)


@pytest.mark.parametrize(("text", "bodies"), [
    ("UBND huyện có văn bản số 865/UBND-KTHT chỉ đạo UBND xã Bắc Sơn", ["UBND huyện", "UBND xã Bắc Sơn"]),
    # the VNDS texts space the number out
    ("UBND huyện có văn bản số 865 / UBND - KTHT chỉ đạo UBND xã Bắc Sơn", ["UBND huyện", "UBND xã Bắc Sơn"]),
    ("UBND tỉnh / UBND huyện", ["UBND tỉnh", "UBND huyện"]),  # two bodies, no number
])
def test_a_body_s_initials_inside_a_document_number_are_no_mention(text: str, bodies: list[str]) -> None:
    assert [m.text for m in find_mentions(text)] == bodies


def test_a_bare_title_is_written_as_its_holder_named_in_full_with_a_longer_title() -> None:
    text = ("Tin trong ngày.\nPhó Thủ tướng Thường trực Chính phủ Trương Hoà Bình đã gửi lời chia buồn tới gia đình "
            "các nạn nhân. Phó Thủ tướng yêu cầu Công an tỉnh Long An điều tra, làm rõ nguyên nhân vụ tai nạn.")
    assert _issuers(text) == ["Phó Thủ tướng Thường trực Chính phủ Trương Hoà Bình"]
