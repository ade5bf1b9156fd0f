"""Word lists the rules are made of, kept as data so they can be read and extended.

Every list is plain Vietnamese as written in the press (NFC). Patterns are compiled once
in the modules that use them.
"""
from __future__ import annotations

UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"

# Roles, longest first so "Phó Chủ tịch Thường trực" wins over "Chủ tịch".
BASE_ROLES = [
    "Phó Chủ tịch Thường trực", "Phó Chủ tịch thường trực", "Phó Chủ tịch", "Chủ tịch",
    "Phó Bí thư Thường trực", "Phó Bí thư thường trực", "Phó Bí thư", "Bí thư",
    "Phó Thủ tướng Thường trực", "Phó Thủ tướng", "Thủ tướng",
    "Bộ trưởng", "Thứ trưởng", "Phó Giám đốc", "Giám đốc", "Phó Trưởng ban", "Trưởng ban",
    "Chánh Văn phòng", "Chánh Thanh tra", "Tổng Thanh tra", "Tổng cục trưởng", "Cục trưởng",
    "Chủ nhiệm", "Tư lệnh", "Chi cục trưởng", "Trưởng phòng",
]
# The press often writes roles in lower case after the first word ("Phó chủ tịch UBND tỉnh").
ROLES = BASE_ROLES + [r[0].lower() + r[1:] for r in BASE_ROLES] + [r.capitalize() for r in BASE_ROLES] + [
    r.lower() for r in BASE_ROLES]
CENTRAL_ROLES = {"Thủ tướng", "Phó Thủ tướng", "Phó Thủ tướng Thường trực", "Bộ trưởng",
                 "Thứ trưởng", "Tổng Thanh tra", "Tổng cục trưởng"}

ADMIN_PROVINCE = ["tỉnh", "Tỉnh", "thành phố", "Thành phố", "TP.", "TP", "Tp.", "Tp", "TP. "]
ADMIN_DISTRICT = ["huyện", "Huyện", "quận", "Quận", "thị xã", "Thị xã", "TX.", "TX"]
ADMIN_COMMUNE = ["xã", "Xã", "phường", "Phường", "thị trấn", "Thị trấn"]

# The common Kinh family names: where a name starts after a ward's or district's own name
# ("UBND xã Tân Hộ Cơ Nguyễn Văn An"), which the gazetteer does not list.
SURNAMES = {
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đào", "Mai", "Trương", "Lương", "Lâm", "Tô", "Hà",
    "Cao", "Đoàn", "Tạ", "Chu", "Lưu", "Phùng", "Kiều", "Thái", "Triệu", "Quách", "Tống",
    "Khuất", "Châu", "Từ", "Đàm", "Nông", "Vương", "La", "Trịnh", "Hứa", "Mạc", "Lại", "Thân",
    "Tăng", "Lò", "Văn", "Diệp", "Giáp", "Hầu", "Kim", "Lục", "Ông", "Phí", "Tất", "Thạch",
}

# Heads of state and party bodies that can issue orders.
ORG_HEADS = [
    "Ủy ban nhân dân", "Uỷ ban nhân dân", "UBND", "UB nhân dân", "Hội đồng nhân dân", "HĐND",
    "Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Thành ủy", "Ban Thường vụ Huyện ủy",
    "Ban Thường vụ Tỉnh uỷ", "Ban Thường vụ Thành uỷ", "Thường trực Tỉnh ủy", "Thường trực Thành ủy",
    "Tỉnh ủy", "Tỉnh uỷ", "Thành ủy", "Thành uỷ", "Huyện ủy", "Huyện uỷ", "Quận ủy", "Thị ủy",
    "tỉnh ủy", "tỉnh uỷ", "thành ủy", "thành uỷ", "huyện ủy", "huyện uỷ", "Chính quyền thành phố",
    "chính quyền thành phố", "Chính quyền tỉnh", "Chi cục Kiểm lâm", "chi cục Kiểm lâm",
    "Đảng ủy", "Công an tỉnh", "Công an thành phố", "Công an TP", "Thanh tra tỉnh",
    "Thanh tra Chính phủ", "Văn phòng Chính phủ", "Chính phủ", "Ban Chỉ đạo", "Ban chỉ đạo",
    "Ủy ban An toàn giao thông Quốc gia", "Ủy ban ATGT Quốc gia", "Bộ Chính trị", "Ban Bí thư",
    "Kiểm toán Nhà nước",
]
# Bodies named "Sở X", "Bộ X", "Cục X": their name is the capitalised run that follows.
NAMED_ORG_HEADS = ["Sở", "Bộ", "Cục", "Tổng cục", "Chi cục", "Ban Quản lý", "Ban quản lý", "sở", "bộ",
                   "Ủy ban", "Uỷ ban", "Ban"]

# Verbs that mark an order being given.
CUES = [
    "yêu cầu", "chỉ đạo", "giao", "đề nghị", "chỉ thị", "quán triệt", "lưu ý", "nhấn mạnh",
    "ban hành", "ký ban hành", "đã ký", "vừa ký", "ký công văn", "có công văn", "có văn bản",
    "gửi công văn", "ra công văn", "ra văn bản", "có ý kiến chỉ đạo", "ra chỉ thị", "phát đi công điện",
    "có công điện", "ra công điện", "kết luận", "giao nhiệm vụ",
    "nghiêm cấm", "cấm", "quyết định", "phê bình", "chấn chỉnh",
]
STRONG_CUES = {"yêu cầu", "chỉ đạo", "giao", "đề nghị", "chỉ thị", "quán triệt", "lưu ý",
               "giao nhiệm vụ", "nghiêm cấm"}
# Cues that introduce the addressee right after them ("yêu cầu Sở Y tế ...").
ADDRESSEE_CUES = {"yêu cầu", "giao", "đề nghị", "chỉ đạo", "giao nhiệm vụ cho", "giao cho",
                  "giao nhiệm vụ", "lưu ý", "chỉ thị"}

# Words that open an addressee noun phrase.
ADDRESSEE_HEADS = [
    "các", "tất cả", "toàn thể", "mọi", "giám đốc", "Giám đốc", "thủ trưởng", "Thủ trưởng",
    "chủ tịch", "Chủ tịch", "UBND", "Ủy ban", "Uỷ ban", "Sở", "sở", "Ban", "ban", "ngành",
    "Công an", "công an", "lực lượng", "cơ quan", "Cơ quan", "đơn vị", "địa phương", "lãnh đạo",
    "Lãnh đạo", "Bộ", "Cục", "Chi cục", "Thanh tra", "Văn phòng", "Trung tâm", "BQL",
    "người đứng đầu", "Người đứng đầu", "cán bộ", "Đài", "Báo", "Tổng công ty", "Công ty",
    "công ty", "huyện", "thị xã", "thành phố", "TP", "xã", "phường", "Đoàn", "Hội", "Tỉnh đoàn",
    "Kho bạc", "Cục Thuế", "Hải quan", "Bộ đội", "Bộ Chỉ huy", "Bộ chỉ huy", "chính quyền",
    "cấp ủy", "cấp uỷ", "ngành chức năng", "Phòng", "phòng", "Trường", "trường", "bệnh viện",
    "Bệnh viện", "Ngân hàng", "ngân hàng", "Viện", "chủ đầu tư", "Chủ đầu tư", "nhà trường",
    "doanh nghiệp", "Đội", "đội", "Tổ", "tổ", "hiệu trưởng", "Hiệu trưởng", "Quận", "quận",
    "Huyện", "Thị xã", "Thành phố", "Chánh", "chánh", "Tổng", "Cảnh sát", "cảnh sát",
    "một số",
]

# Words that mark an order in a sentence without a cue the rules know ("Các đơn vị phải ...",
# "Sở Y tế cần ...", "đồng thời kịp thời ..."): a sentence further on from a directive is
# read for its orders only when it has one, and only after it (nlp/pipeline.py).
ORDER_MARKERS = ["phải", "cần", "yêu cầu", "đề nghị", "giao", "chỉ đạo", "khẩn trương", "kịp thời",
                 "nghiêm túc", "tiếp tục", "chủ động", "chịu trách nhiệm", "có trách nhiệm",
                 "không được", "nghiêm cấm", "tập trung", "đồng thời", "lưu ý", "nhấn mạnh"]
# "giao" that opens a noun is no order ("giao thông", "giao dịch", "giao lưu" ...).
GIAO_NOUNS = ["thông", "dịch", "lưu", "tiếp", "diện", "hữu", "ban", "thừa", "lộ", "thoa", "cắt", "hàng",
              "nhận", "kết", "hoán", "tranh"]

# Verbs that head a measure (lowercase; matched case-insensitively at word start).
MEASURE_VERBS = [
    "kiểm tra", "giám sát", "thanh tra", "theo dõi", "xử lý", "kiểm điểm", "xem xét", "xử phạt",
    "thay thế", "điều chuyển", "đình chỉ", "cách chức", "buộc thôi việc", "đưa ra khỏi",
    "quán triệt", "thực hiện", "chấp hành", "triển khai", "tuân thủ", "rà soát", "giải quyết",
    "tháo gỡ", "khắc phục", "ban hành", "ra quyết định", "sửa đổi", "bổ sung", "cụ thể hóa", "cụ thể hoá",
    "báo cáo", "tổng hợp", "đề xuất", "tham mưu", "đào tạo", "bồi dưỡng", "tuyển dụng",
    "nâng cao", "biểu dương", "khen thưởng", "bảo vệ", "phối hợp", "lấy ý kiến", "trả lời",
    "điều tra", "làm rõ", "xác minh", "tạm dừng", "dừng", "cưỡng chế", "tháo dỡ", "thu hồi",
    "giải tỏa", "giải toả", "tuyên truyền", "thông tin", "công khai", "vận động", "đầu tư",
    "phát triển", "chuyển đổi", "bố trí", "quy hoạch", "tăng cường", "đẩy mạnh", "chấn chỉnh",
    "đảm bảo", "bảo đảm", "chủ trì", "hướng dẫn", "xây dựng", "tổ chức", "thành lập",
    "cắt giảm", "phát hiện", "ngăn chặn", "ngăn ngừa", "phòng ngừa", "không để", "tuyệt đối không",
    "nghiêm cấm", "không được", "không", "cấm", "chịu trách nhiệm", "quản lý", "rà soát lại",
    "đôn đốc", "yêu cầu", "chỉ đạo", "truy quét", "bắt giữ", "cung cấp", "hoàn thành", "hoàn thiện",
    "nắm", "nắm chắc", "nắm vững", "chuẩn bị", "sẵn sàng", "cứu", "di dời", "sơ tán", "hỗ trợ",
    "khẩn trương", "đánh giá", "thống kê", "ứng dụng", "cải cách", "đề cao", "phát huy", "giữ",
    "duy trì", "siết chặt", "xúc tiến", "thẩm định", "phê duyệt",
    "lắp đặt", "sửa chữa", "nạo vét", "gia cố", "di chuyển", "tiêu hủy", "tiêu huỷ", "phun",
    "khoanh vùng", "cách ly", "kiên quyết", "mạnh tay", "trình", "gửi", "nghiên cứu", "tập huấn",
    "thường xuyên", "kịp thời", "tập trung", "chú trọng", "ưu tiên", "thu gom", "vệ sinh",
    "khôi phục", "tiếp nhận", "công bố", "niêm yết", "thúc đẩy", "phân bổ", "lựa chọn",
    "có giải pháp", "có biện pháp", "có kế hoạch", "có phương án", "quy định", "lãnh đạo",
    "xác định", "lựa chọn", "nghiêm túc", "tạo điều kiện", "giải trình", "làm tốt", "làm việc",
    "chỉ lấy", "lấy", "nhanh chóng", "đẩy nhanh", "quyết liệt", "kiểm soát", "tuần tra", "canh gác",
    "ứng trực", "trực ban", "phân công", "bàn giao", "thông báo", "ra quân", "điều động", "huy động",
    # Heads of ordered actions in the train split that the list above missed.
    "tiến hành", "lập", "vào cuộc", "quan tâm", "có sự", "thống nhất", "rút kinh nghiệm",
    "hạn chế", "tiếp thu", "kỷ luật", "cam kết", "gặp gỡ", "tham gia", "cảnh giác",
    "thường trực", "tạm đình chỉ", "mở cửa", "chấp nhận", "có hình thức", "túc trực", "khởi kiện",
    "giúp đỡ", "chú ý", "chống", "chấm dứt", "nỗ lực", "tránh", "đóng vai trò", "khống chế",
    "lên phương án", "thiết lập", "khuyến cáo", "hoàn chỉnh", "tích cực", "dựa vào", "lắng nghe",
    "phổ biến", "tìm hiểu", "khảo sát", "cử", "tiết giảm", "trưng cầu", "định hướng", "bảo tồn",
    "đóng cửa", "có tâm huyết", "có tác phong", "áp dụng", "sắp xếp", "kiện toàn",
    "điều chỉnh", "cải thiện", "cải tạo", "nâng cấp", "mở rộng", "khởi tố", "truy tố", "niêm phong",
    "tịch thu", "thu giữ", "ngừng", "tạm ngừng", "phong tỏa", "phong toả", "bồi thường", "hoàn trả",
    "lấy mẫu", "xét nghiệm", "tiêm phòng", "khử trùng", "tiêu độc", "cấp cứu", "điều trị",
    "thăm hỏi", "động viên", "cứu trợ", "cứu hộ", "cứu nạn", "tìm kiếm", "ứng phó", "phòng chống",
    "phòng, chống", "ngăn", "loại bỏ", "gỡ bỏ", "kê khai", "phân loại", "kiểm kê", "đo đạc",
    # ... and in the 60 documents added to train later.
    "cấp giấy", "đưa", "tôn trọng", "tạo ra", "tạm chờ", "căn cứ", "nghiêm khắc", "tuyển chọn",
    "làm ngay", "tạm hoãn", "có báo cáo", "thả", "phê bình", "truy thu", "xin phép", "vận hành",
    "trục vớt", "đồng hành", "dứt khoát", "gương mẫu", "gắn trách nhiệm", "bám sát",
    "kỷ luật", "hoãn", "tạm giữ", "tạm đình chỉ công tác",
    # ... and in the 179 documents of the 0.3.0 draws (they also end addressee spans).
    "củng cố", "tạm ngưng", "ngưng", "thẩm tra", "hủy", "huỷ", "hủy bỏ", "huỷ bỏ",
    "cắt", "tước", "thuyên chuyển", "giáng chức", "truy tìm", "cập nhật", "kêu gọi",
    "khuyến khích", "cương quyết", "giãn", "hút",
    # ... and in dev's errors in 0.7.5 and 0.7.6 (rules are chosen on dev).
    "có mặt", "trả lại", "lên kế hoạch", "khái toán", "thay mới", "xử nghiêm", "buộc", "nhắc nhở",
    "liên hệ",
    # ... and in 0.7.7 ("các lực lượng chức năng ứng cứu kịp thời": "ứng" is no body's name)
    "ứng cứu", "giải cứu", "phá dỡ", "giải thể", "sáp nhập", "nắm bắt",
    "kiểm đếm", "cân nhắc", "dời", "cắm biển",
]
# Cues that issue a document: what follows ("công văn về việc ...") is its subject, not
# an order, unless an order verb follows inside the sentence.
ISSUING_CUES = {"ban hành", "ký ban hành", "đã ký", "vừa ký", "ký công văn", "có công văn",
                "có văn bản", "gửi công văn", "ra công văn", "ra văn bản", "ra chỉ thị", "phát đi công điện",
                "có công điện", "ra công điện", "quyết định", "có ý kiến chỉ đạo"}

# Words stripped from the start of a measure (ANNOTATION.md: without phải/cần/khẩn trương).
MEASURE_PREFIXES = [
    "cần phải", "phải", "cần", "khẩn trương", "tập trung", "tiếp tục", "đồng thời", "ngoài ra",
    "bên cạnh đó", "đặc biệt", "sớm", "trước hết", "hơn nữa", "nghiêm túc", "chủ động", "và", "cũng",
    "có trách nhiệm", "phải có trách nhiệm", "thì", "chỉ đạo", "yêu cầu",
]
# Adverbs that do not make an object ("xử lý nghiêm", "kiểm tra thường xuyên").
ADVERBS = ["nghiêm", "nghiêm túc", "kịp thời", "thường xuyên", "chặt chẽ", "hiệu quả", "quyết liệt",
           "triệt để", "dứt điểm", "ngay", "nghiêm minh", "đầy đủ", "lại", "tốt", "sát sao"]
PURPOSE = [" để ", " nhằm ", " với mục đích ", " với mục tiêu "]

# Heads of targets: persons, groups, behaviours, violations.
TARGET_HEADS = [
    "những người", "người", "các trường hợp", "trường hợp", "hành vi", "những hành vi",
    "các hành vi", "tình trạng", "đối tượng", "các đối tượng", "cán bộ", "các cán bộ",
    "tập thể, cá nhân", "tổ chức, cá nhân", "cá nhân", "tập thể", "các tổ chức",
    "doanh nghiệp", "các doanh nghiệp", "cơ sở", "các cơ sở", "chủ đầu tư", "công ty", "Công ty",
    "vi phạm", "các vi phạm", "sai phạm", "các sai phạm", "đội ngũ", "các dự án", "dự án",
    "các công trình", "công trình", "các phương tiện", "phương tiện", "lãnh đạo", "hộ",
    "các hộ", "học sinh", "người dân",
]
# Heads of a target only after a verb that acts on a case ("làm rõ việc giả mạo văn bản ...").
CASE_TARGET_HEADS = ["việc", "vụ việc", "vụ"]

# Every pattern below starts with one of these letters, in either case ("trước", "chậm
# nhất", "muộn nhất", "hạn chót", "xong", "không muộn hơn", "ngay"): the regex asks for one
# first, which lets it pass most positions without trying each pattern (a unit test checks
# the list against the patterns).
DEADLINE_FIRST_LETTERS = "chkmntvxđ"
DEADLINE_PATTERNS = [
    # "đến hết ngày 8-7", "đến ngày 26-3": the day an order runs to (not a date that opens a
    # clause, "Đến ngày 12/8, Bộ ...", nor a forecast, "dự kiến đến ngày 20/8 sẽ xong")
    r"(?<!dự kiến )(?:đến|tới)\s+(?:hết\s+)?ngày\s+\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?(?![\d/-])(?!\s*,)",
    r"trong tuần (?:tới|sau|này)",
    # "ngay trong hôm nay", "trễ nhất là đến sáng 2-6", "vào tuần tới"
    r"ngay(?:\s+trong)?(?:\s+ngày)?\s+hôm nay",
    r"(?:chậm|trễ|muộn) nhất(?:\s+là)?(?:\s+đến)?\s+(?:(?:sáng|trưa|chiều|tối)\s+)?(?:ngày\s+)?(?:mai|\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?)",
    r"(?:vào|ngay trong)\s+(?:đầu\s+)?tuần tới",
    # "đến năm 2021", "đến hết tháng 6/2019": the year or month an order runs to (lower-case
    # only: "Đến năm 2016, ..." opens a sentence on a date, it sets no limit)
    r"(?<!dự kiến )(?-i:đến|tới)\s+(?:hết\s+)?(?:cuối\s+)?(?:tháng|năm)\s+(?:\d{1,2}[/.-]\d{4}|\d{4})(?![\d/.-])(?!\s*,)",
    r"(?:trước|chậm nhất|muộn nhất|hạn chót|xong trước|hoàn thành trước|trong)\s+(?:ngày\s+)?\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?",
    r"(?:trước|chậm nhất là|chậm nhất|trong)\s+ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?",
    r"(?:trước|trong|chậm nhất)\s+(?:cuối\s+)?(?:tháng|quý|năm)\s+(?:\d{1,2}(?:/\d{4})?(?!\d)|[IV]+(?:/\d{4})?|này|\d{4})",
    r"trong\s+(?:thời hạn|vòng|thời gian)\s+(?:không quá\s+|tối đa\s+)?\d+\s+(?:ngày|giờ|tháng|tuần)(?:\s+làm việc)?",
    r"trong\s+\d+\s+(?:ngày|giờ|tháng|tuần)(?:\s+làm việc)?",
    r"trong ngày(?:\s+\d{1,2}/\d{1,2})?",
    r"ngay trong ngày",
    r"(?:không muộn hơn|chậm nhất là|muộn nhất là)\s+(?:ngày\s+)?\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?",
    # "chậm nhất đến ngày 20/1/2019", "từ nay đến 15/12", "từ nay đến hết tháng 8/2017"
    r"(?:chậm nhất|muộn nhất)\s+(?:là\s+)?đến\s+(?:hết\s+)?(?:ngày\s+)?\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?",
    # ("từ nay đến hết quý 3-2019", "Từ nay cho đến tết")
    r"từ nay (?:cho\s+)?(?:đến|tới)\s+(?:hết\s+)?(?:(?:ngày\s+)?\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?"
    r"|(?:cuối\s+)?(?:tháng|năm)\s+(?:\d{1,2}(?:/\d{4})?(?!\d)|\d{4}|này)|quý\s+(?:[1-4]|I{1,3}|IV)(?:\s*[/-]\s*\d{4})?|tết)",
    r"[Nn]gay trong (?:tuần|tháng)(?:\s+(?:này|\d{1,2}(?:/\d{4})?))?",
    r"ngay lập tức",
    r"trong qu[ýí] (?:I{1,3}|IV|[1-4])(?:/\d{4})?",
    r"trong năm nay",
    r"tru[ớơ]c ngày\s+\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?",
    # "trước ngày 4.7", "trước ngày 30.5.2017": dotted dates, only after "ngày" (not decimals)
    r"(?:trước|chậm nhất|không muộn hơn)\s+ngày\s+\d{1,2}\.\d{1,2}(?:\.\d{4})?(?!\d)",
    r"trong thời gian (?:ngắn nhất|sớm nhất)",
    r"trước khi (?:bão|lũ|áp thấp nhiệt đới)(?: số \d+)? (?:đổ bộ|vào|ảnh hưởng)",
    r"trước\s+\d{1,2}\s*(?:giờ|h)(?:\s*\d{0,2})?\s*(?:ngày\s+\d{1,2}/\d{1,2}(?:/\d{2,4})?)?",
    # "Chậm nhất đến cuối tháng 3", "chậm nhất là hết quý II"; "trước Tết Nguyên đán"
    r"(?:chậm nhất|muộn nhất)\s+(?:là\s+)?(?:đến\s+)?(?:hết\s+)?(?:cuối\s+)?(?:tháng|quý|năm)\s+(?:\d{1,2}(?:/\d{4})?(?!\d)|[IV]+(?:/\d{4})?|này|\d{4})",
    r"trước Tết(?:\s+(?:Nguyên đán|âm lịch|cổ truyền))?(?:\s+(?:Kỷ Hợi|Canh Tý|Mậu Tuất|Đinh Dậu|Bính Thân|Ất Mùi|Giáp Ngọ|\d{4}))?",
]

DOC_TYPES = {
    "công văn": "công văn", "chỉ thị": "chỉ thị", "công điện": "công điện",
    "quyết định": "quyết định", "kế hoạch": "kế hoạch", "thông báo": "thông báo",
    "văn bản": "văn bản", "thông báo kết luận": "thông báo", "nghị quyết": "quyết định",
    # cited, never the vehicle of a directive in the news: references only
    "nghị định": "nghị định", "thông tư": "thông tư",
    # an inspectorate's conclusions ("Kết luận 2889", "Kết luận thanh tra số 16/KL-TTTP"),
    # only with a number: the bare word is a verb, and a cue
    "kết luận": "kết luận", "kết luận thanh tra": "kết luận",
}
NUMBERED_ONLY_TYPES = {"kết luận"}
INSTRUMENT_TYPES = {"công văn", "chỉ thị", "công điện", "quyết định", "kế hoạch", "thông báo", "văn bản"}
MEETING_WORDS = ["cuộc họp", "buổi làm việc", "hội nghị", "phiên họp", "buổi họp", "làm việc với",
                 "kiểm tra thực tế", "thị sát", "khảo sát"]

# Names of departments and ministries ("Sở Y tế", "Bộ Tài nguyên và Môi trường").
DEPARTMENTS = [
    "Y tế", "Nội vụ", "Tài chính", "Tư pháp", "Công an", "Xây dựng", "Công Thương", "Công thương",
    "Ngoại giao", "Quốc phòng", "Giáo dục và Đào tạo", "Giáo dục - Đào tạo", "GD&ĐT", "GD-ĐT",
    "GDĐT", "Giao thông vận tải", "Giao thông Vận tải", "Giao thông", "GTVT", "Tài nguyên và Môi trường",
    "Tài nguyên - Môi trường", "TN&MT", "TN-MT", "TNMT", "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và PTNT", "NN&PTNT", "NN-PTNT", "Lao động - Thương binh và Xã hội",
    "Lao động, Thương binh và Xã hội", "LĐ-TB&XH", "LĐTB&XH", "LĐ-TBXH", "LĐTBXH",
    "Kế hoạch và Đầu tư", "KH&ĐT", "KH-ĐT", "Văn hóa, Thể thao và Du lịch", "Văn hoá, Thể thao và Du lịch",
    "Văn hóa - Thể thao và Du lịch", "VH-TT&DL", "VHTT&DL", "VHTTDL", "Thông tin và Truyền thông",
    "TT&TT", "TT-TT", "Khoa học và Công nghệ", "KH&CN", "Ngoại vụ", "Nông nghiệp và Môi trường",
    "Dân tộc và Tôn giáo", "Quản lý thị trường", "Thuế", "Hải quan", "Cảnh sát giao thông",
    "Cảnh sát Giao thông", "Du lịch", "Văn hóa và Thể thao", "Thanh tra", "Chăn nuôi", "Thú y",
    "Bảo vệ thực vật", "Bảo vệ môi trường", "Bảo vệ Môi trường", "Thủy lợi", "Thủy sản", "Kiểm lâm", "An toàn thực phẩm", "Quản lý đất đai",
    "TN - MT", "GD - ĐT", "GD & ĐT", "LĐ - TB & XH", "LĐ-TB & XH", "Tài nguyên - môi trường",
    "Tài nguyên - Môi trường", "GD-ĐT", "NN & PTNT", "NN - PTNT", "GTVT", "VH - TT & DL", "LĐ - TB&XH",
    "Chỉ huy Quân sự", "Chỉ huy Bộ đội Biên phòng", "Chỉ huy Biên phòng",
    "Tư lệnh",
    "An toàn giao thông Quốc gia", "An toàn giao thông",
    "Đường bộ Việt Nam", "Đường bộ", "Hàng không Việt Nam", "Hàng hải Việt Nam", "Đăng kiểm Việt Nam",
    "Quản lý xây dựng đô thị", "Quản lý dự án", "Quản lý thị trường tỉnh", "Khoa học và Công nghệ",
    # names whose second word is written small, which the capitalised run alone cut short
    # ("Sở Quy" of "Sở Quy hoạch - Kiến trúc", "Sở Kế" of "Sở Kế hoạch Đầu tư")
    "Quy hoạch - Kiến trúc", "Quy hoạch - kiến trúc", "Quy hoạch và Kiến trúc", "Quy hoạch và kiến trúc",
    "Quy hoạch kiến trúc", "Kế hoạch - Đầu tư", "Thông tin - Truyền thông", "Thông tin truyền thông",
    "Thông tin", "Chính trị", "Chính sách", "Tiếp công dân Trung ương", "Tiếp công dân",
]
