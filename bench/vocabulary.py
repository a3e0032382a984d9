"""Vietnamese words the national benchmark file is made of: provinces, places, people, trades.

The 34 provinces are those in force since 1 July 2025 (Resolution 202/2025/QH15), each with the
short code used in generated project codes. Communes and districts are plausible names built
from common Vietnamese place-name words, not a register: the file is for measuring, not reading.
"""
from __future__ import annotations

PROVINCES: tuple[tuple[str, str], ...] = (
    ("Hà Nội", "HN"), ("Huế", "HUE"), ("Hải Phòng", "HP"), ("Đà Nẵng", "DNG"), ("Thành phố Hồ Chí Minh", "HCM"),
    ("Cần Thơ", "CT"), ("Lai Châu", "LCH"), ("Điện Biên", "DB"), ("Sơn La", "SL"), ("Lạng Sơn", "LS"),
    ("Quảng Ninh", "QN"), ("Thanh Hóa", "TH"), ("Nghệ An", "NA"), ("Hà Tĩnh", "HT"), ("Cao Bằng", "CB"),
    ("Tuyên Quang", "TQ"), ("Lào Cai", "LCA"), ("Thái Nguyên", "TN"), ("Phú Thọ", "PT"), ("Bắc Ninh", "BN"),
    ("Hưng Yên", "HY"), ("Ninh Bình", "NB"), ("Quảng Trị", "QT"), ("Quảng Ngãi", "QNG"), ("Gia Lai", "GL"),
    ("Khánh Hòa", "KH"), ("Lâm Đồng", "LD"), ("Đắk Lắk", "DL"), ("Đồng Nai", "DNA"), ("Tây Ninh", "TNI"),
    ("Vĩnh Long", "VL"), ("Đồng Tháp", "DT"), ("Cà Mau", "CM"), ("An Giang", "AG"),
)

PLACE_WORDS = (
    "Tân Lập", "Hòa Bình", "Quang Trung", "Đồng Tâm", "Tân Tiến", "Thống Nhất", "Hợp Thành", "Yên Bình",
    "Phú Lộc", "An Thịnh", "Minh Khai", "Hưng Đạo", "Tiên Phong", "Việt Hưng", "Đông Sơn", "Thanh Xuân",
    "Kim Sơn", "Bình Minh", "Phúc Thịnh", "Nghĩa Đàn", "Tân Phú", "Long Hải", "Mường Tè", "Bản Giốc",
    "Chiềng Sinh", "Nà Phặc", "Ea Kar", "Krông Bông", "Cái Nước", "Tịnh Biên", "Lộc Hà", "Đức Thọ",
    "Diễn Châu", "Quỳnh Lưu", "Cẩm Xuyên", "Hữu Lũng", "Văn Quan", "Trùng Khánh", "Hàm Yên", "Sa Pa",
)
COMMUNE_KINDS = ("xã", "xã", "xã", "phường", "thị trấn")
VILLAGE_KINDS = ("thôn", "bản", "ấp", "tổ dân phố", "khu")

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ", "Phan", "Trương", "Bùi", "Đặng",
            "Đỗ", "Ngô", "Hồ", "Dương", "Đinh", "Lương", "Nông", "Hà", "Lò", "Triệu", "Vi", "Lường")
MIDDLE_NAMES = ("Văn", "Thị", "Đức", "Minh", "Hữu", "Thanh", "Ngọc", "Quang", "Thu", "Xuân", "Kim", "Công")
GIVEN_NAMES = ("An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hải", "Hằng", "Hoa", "Hùng", "Khánh", "Lan",
               "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Thắng",
               "Thủy", "Trang", "Tuấn", "Vân", "Việt", "Yến", "Ánh", "Hưng")
COMPANY_WORDS = ("Phát Đạt", "Thành Công", "Hưng Thịnh", "An Phú", "Minh Anh", "Việt Tiến", "Đại Dương",
                 "Hoàng Long", "Tân Tiến", "Phú Gia", "Sao Mai", "Trường Sơn", "Bảo Ngọc", "Đông Á", "Thái Bình")

TRADES = ("chế biến gỗ", "cơ khí", "chế biến nông sản", "sản xuất vật liệu xây dựng", "chế biến lâm sản",
          "mây tre đan", "dệt thổ cẩm", "gốm sứ", "chế biến thủy sản", "sản xuất chè", "nước mắm",
          "may mặc", "sơn mài", "chế biến dược liệu", "in ấn bao bì", "sản xuất đồ gỗ mỹ nghệ")

MACHINES = ("máy cắt kim loại CNC", "dây chuyền sấy", "máy ép viên nén", "lò sấy tiết kiệm năng lượng",
            "dây chuyền đóng gói", "máy dệt", "máy nghiền", "máy chế biến", "hệ thống lạnh", "máy bào, xẻ")

PROJECT_TEMPLATES = {
    "DT": "Đào tạo nghề {trade} tại {commune}",
    "QL": "Nâng cao năng lực quản lý cho cơ sở CNNT ngành {trade}",
    "MH": "Xây dựng mô hình trình diễn kỹ thuật {trade} tại {beneficiary}",
    "MM": "Hỗ trợ ứng dụng {machine} trong {trade} cho {beneficiary}",
    "SXSH": "Tư vấn áp dụng sản xuất sạch hơn cho {beneficiary}",
    "MT": "Hỗ trợ xây dựng hệ thống xử lý ô nhiễm môi trường tại {beneficiary}",
    "SP": "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh năm {year}",
    "HC": "Hỗ trợ cơ sở CNNT tham gia hội chợ, triển lãm năm {year}",
    "TH": "Hỗ trợ đăng ký nhãn hiệu, thiết kế bao bì sản phẩm {trade} cho {beneficiary}",
    "LK": "Hỗ trợ liên kết chuỗi giá trị sản phẩm {trade} tại {commune}",
    "CCN": "Lập quy hoạch chi tiết cụm công nghiệp {commune}",
    "TV": "Tư vấn lập dự án đầu tư cho {beneficiary}",
    "TT": "Thông tin tuyên truyền về hoạt động khuyến công năm {year}",
    "NL": "Nâng cao năng lực cho cán bộ làm công tác khuyến công năm {year}",
    "KN": "Hỗ trợ khởi nghiệp sản xuất {trade} cho {beneficiary}",
    "KHAC": "Hoạt động khuyến công khác về {trade} năm {year}",
}
"""A project name per activity code: every activity of the default catalogue has one."""

TARGET_UNITS = {"DT": "lượt học viên", "MH": "mô hình", "MM": "cơ sở", "HC": "lượt cơ sở", "TH": "cơ sở",
                "SXSH": "cơ sở", "MT": "hệ thống", "CCN": "cụm", "TT": "chương trình", "SP": "sản phẩm"}
