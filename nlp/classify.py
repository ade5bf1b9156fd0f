"""Measure category from its wording: the cue nearest the measure's head wins.

The lexicon follows the table in ANNOTATION.md; a trained classifier can replace it
through the pipeline config (`measure_classifier.backend`).
"""
from __future__ import annotations

import re
from functools import lru_cache

CATEGORY_CUES: dict[str, list[str]] = {
    "inspect": ["kiểm tra", "giám sát", "thanh tra", "theo dõi", "kiểm soát", "tuần tra", "rà soát, kiểm tra",
                "thành lập đoàn kiểm tra", "thành lập Đoàn kiểm tra", "truy quét", "kiểm định"],
    "sanction": ["xử lý nghiêm", "xử lý kỷ luật", "xử lý", "kiểm điểm", "xem xét trách nhiệm", "xử phạt",
                 "chịu trách nhiệm", "kỷ luật", "phê bình", "truy cứu", "xem xét kỷ luật"],
    "remove_or_transfer": ["thay thế", "điều chuyển", "đình chỉ công tác", "cách chức", "buộc thôi việc",
                           "đưa ra khỏi", "cho thôi", "luân chuyển", "tạm đình chỉ công tác", "miễn nhiệm"],
    "comply": ["quán triệt", "thực hiện nghiêm", "chấp hành", "triển khai thực hiện", "tuân thủ",
               "thực hiện đúng", "thực hiện tốt", "triển khai", "thực hiện"],
    "resolve_tasks": ["rà soát", "giải quyết", "không để chậm trễ", "tháo gỡ", "khắc phục", "chấn chỉnh",
                      "xử lý dứt điểm", "hoàn thành", "đẩy nhanh", "bảo đảm", "đảm bảo", "khẩn trương"],
    "regulate": ["ban hành", "sửa đổi", "bổ sung quy chế", "quy định rõ", "cụ thể hóa", "cụ thể hoá",
                 "xây dựng kế hoạch", "xây dựng quy chế", "xây dựng phương án", "lập kế hoạch",
                 "phân cấp", "quy định", "xây dựng chương trình", "hướng dẫn"],
    "report": ["báo cáo", "tổng hợp", "đề xuất", "tham mưu", "trình", "thống kê"],
    "train_staff": ["đào tạo", "bồi dưỡng", "tuyển dụng", "nâng cao năng lực", "nâng cao trình độ",
                    "nâng cao nhận thức", "tập huấn", "nâng cao ý thức", "nâng cao kỹ năng"],
    "reward_protect": ["biểu dương", "khen thưởng", "bảo vệ cán bộ", "động viên", "khích lệ"],
    "coordinate": ["phối hợp", "lấy ý kiến", "trả lời", "chủ trì, phối hợp", "hỗ trợ", "cung cấp"],
    "conduct": ["không uống rượu", "đeo thẻ", "văn hóa công sở", "thời gian làm việc", "đạo đức công vụ",
                "kỷ luật, kỷ cương", "kỷ cương", "không được", "nghiêm cấm", "tuyệt đối không",
                "quy tắc ứng xử", "gương mẫu", "đề cao trách nhiệm", "tác phong", "không sử dụng",
                "không tổ chức", "không có các hành vi", "không có hành vi", "chức trách", "thực hiện đúng chức trách",
                "thực hiện nghiêm quy tắc", "thực hiện nghiêm đạo đức"],
    "investigate": ["điều tra", "làm rõ", "xác minh", "truy tìm", "khám nghiệm", "xác định nguyên nhân",
                    "tìm hiểu", "lấy mẫu", "giám định", "truy xét"],
    "enforce_halt": ["tạm dừng", "dừng", "đình chỉ hoạt động", "đình chỉ", "cưỡng chế", "tháo dỡ",
                     "thu hồi", "giải tỏa", "giải toả", "đóng cửa", "tiêu hủy", "tiêu huỷ", "ngừng",
                     "cấm", "di dời", "dời", "sơ tán", "phá dỡ", "niêm phong", "tạm giữ", "ngăn chặn",
                     "triệt phá", "chấm dứt", "không tổ chức nghi thức", "xóa bỏ", "tịch thu"],
    "communicate": ["tuyên truyền", "thông tin", "công khai", "vận động", "phổ biến", "cảnh báo",
                    "thông báo", "khuyến cáo", "công bố"],
    "invest_develop": ["đầu tư", "phát triển", "chuyển đổi số", "bố trí nguồn lực", "quy hoạch",
                       "phân bổ nguồn lực", "bố trí vốn", "xây dựng", "nâng cấp", "cải tạo", "sửa chữa",
                       "ứng dụng công nghệ", "thu hút", "phân bổ"],
}
# Generic verbs: they decide only when nothing more specific appears in the measure.
_WEAK = {"thực hiện", "triển khai", "xây dựng", "bảo đảm", "đảm bảo", "khẩn trương", "trình",
         "hỗ trợ", "quy định", "xử lý", "hoàn thành", "thông tin", "dừng", "cấm", "phối hợp",
         "chủ trì, phối hợp", "chấn chỉnh", "triển khai thực hiện"}


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[str, str, str, re.Pattern[str]]]:
    out = []
    for cat, cues in CATEGORY_CUES.items():
        for cue in cues:
            low = cue.lower()
            out.append((cat, cue, low, re.compile(r"(?<!\w)" + re.escape(low) + r"(?!\w)")))
    return out


# The same measure is classified when the rules find it, again as a feature of the trained
# model: a small cache halves the cost (about 150 patterns a call).
@lru_cache(maxsize=4096)
def classify(measure: str) -> tuple[str, float]:
    """``classify("xử lý nghiêm những hành vi nhũng nhiễu")`` → ``("sanction", 0.9)``."""
    low = measure.lower()
    best: tuple[int, int, int, str] | None = None
    for cat, cue, cue_low, pat in _compiled():
        # most cues are absent: a substring test rules them out before the word-bounded search
        m = pat.search(low) if cue_low in low else None
        if not m:
            continue
        weak = 1 if cue in _WEAK else 0
        # Earlier is better, a specific cue beats a weak one, a longer cue beats a shorter.
        rank = (weak, m.start() // 12, -len(cue), cat)
        if best is None or rank < best:
            best = rank
    if best is None:
        return "other", 0.3
    return best[3], 0.85 if best[0] == 0 else 0.6
