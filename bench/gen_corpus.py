#!/usr/bin/env python3
"""Deterministic synthetic corpus for benchmarking `baocao build` and `baocao check`.

    python3 bench/gen_corpus.py --count N --seed S --out DIR

writes DIR/site.yaml, DIR/content/units.yaml and N write-ups under
DIR/content/cum-<cluster>/<year>/, each following the content contract
(src/validate/mod.rs). The same --count and --seed always give byte-identical
files: one random.Random(seed) drives everything, iteration is over sorted or
fixed-order sequences only, and nothing reads the clock or the environment.

Standard library only (Python 3.11).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys

# ---------------------------------------------------------------------------
# Fixed vocabulary
# ---------------------------------------------------------------------------

# The 63 provinces and centrally-run cities (before the 2025 mergers), ordered
# roughly north to south so that neighbouring entries make plausible clusters.
PROVINCES = [
    "Lai Châu", "Điện Biên", "Sơn La", "Lào Cai", "Yên Bái", "Hà Giang",
    "Cao Bằng", "Lạng Sơn", "Tuyên Quang", "Bắc Kạn", "Thái Nguyên", "Phú Thọ",
    "Hòa Bình", "Bắc Giang", "Quảng Ninh", "Vĩnh Phúc", "Bắc Ninh", "Hà Nội",
    "Hưng Yên", "Hải Dương", "Hải Phòng", "Thái Bình", "Hà Nam", "Nam Định",
    "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị",
    "Thừa Thiên Huế", "Đà Nẵng", "Quảng Nam", "Quảng Ngãi", "Kon Tum",
    "Gia Lai", "Bình Định", "Phú Yên", "Đắk Lắk", "Đắk Nông", "Khánh Hòa",
    "Lâm Đồng", "Ninh Thuận", "Bình Thuận", "Bình Phước", "Tây Ninh",
    "Bình Dương", "Đồng Nai", "Bà Rịa - Vũng Tàu", "Thành phố Hồ Chí Minh",
    "Long An", "Tiền Giang", "Bến Tre", "Đồng Tháp", "Vĩnh Long", "Trà Vinh",
    "An Giang", "Cần Thơ", "Hậu Giang", "Sóc Trăng", "Kiên Giang", "Bạc Liêu",
    "Cà Mau",
]

# Other spellings editors use; a few write-ups name the host this way.
ALIASES = {
    "Thừa Thiên Huế": ["TT Huế", "Thừa Thiên - Huế"],
    "Thành phố Hồ Chí Minh": ["TP.HCM", "TP Hồ Chí Minh"],
    "Bà Rịa - Vũng Tàu": ["Bà Rịa Vũng Tàu", "BR-VT"],
}

# Centrally-run cities: their police is "Công an thành phố X", not "Công an tỉnh X".
CITIES = {"Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Thành phố Hồ Chí Minh"}


def police(unit: str) -> str:
    if unit == "Thành phố Hồ Chí Minh":
        return "Công an " + unit
    return ("Công an thành phố " if unit in CITIES else "Công an tỉnh ") + unit


POLICE = {p: police(p) for p in PROVINCES}

def units_yaml() -> str:
    """content/units.yaml: every province declared, so that real names one
    letter apart (Hà Giang / Hậu Giang) are declared distinct units."""
    lines = ["# Canonical unit names and the other spellings editors use for them.", "units:"]
    for p in PROVINCES:
        aliases = ALIASES.get(p)
        extra = f", aliases: [{', '.join(aliases)}]" if aliases else ""
        lines.append(f"  - {{name: {p}{extra}}}")
    return "\n".join(lines) + "\n"


MARKER = ".gen-corpus"  # marks a folder this script may overwrite

CLUSTERS = range(1, 18)
YEARS = range(2015, 2027)
LAST_DATE = (2026, 10, 31)  # nothing is dated later than this
REORG_YEAR = 2025

ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
         "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"]

# kind, weight, file-name slug, title verb phrase, month range (inclusive)
KINDS = [
    ("summary", 70, "tong-ket", "tổng kết phong trào “Vì an ninh Tổ quốc”", (11, 12)),
    ("pledge", 12, "ky-ket", "ký kết giao ước thi đua", (2, 4)),
    ("review", 10, "so-ket", "sơ kết 6 tháng phong trào thi đua", (6, 8)),
    ("launch", 8, "phat-dong", "phát động phong trào thi đua", (1, 3)),
]
SUMMARY_VERB = {"summary": "nhìn lại", "pledge": "ký giao ước thi đua",
                "review": "sơ kết 6 tháng", "launch": "phát động thi đua"}
KIND_VI = {"summary": "tổng kết", "pledge": "ký kết giao ước",
           "review": "sơ kết", "launch": "phát động"}

HONOUR_TITLES = [
    "Cờ thi đua xuất sắc của Chính phủ",
    "Cờ thi đua của Bộ Công an",
    "Bằng khen của Bộ Công an",
    "Bằng khen của Thủ tướng Chính phủ",
    "Huân chương Bảo vệ Tổ quốc hạng Ba",
    "Giấy khen của Cụm thi đua",
]
COUNT_HONOURS = [
    "Bằng khen của Bộ Công an",
    "Giấy khen của Công an tỉnh",
    "Bằng khen của UBND tỉnh",
]
SOURCES = [
    "Báo Công an nhân dân",
    "Báo Công an nhân dân, bài của Hùng và Quý",
    "TTXVN, bài của Việt Hoàng",
    "Cổng thông tin điện tử Bộ Công an",
    "Báo Nhân dân, tin và ảnh của Xuân Thu",
    "Báo địa phương, bài của Cao Thiên và Trung Hiếu",
]
AUTHORS = ["Minh Anh", "Thu Trang", "Đức Thắng", "Ngọc Lan", "Quốc Huy", "Hải Yến"]
TAGS = ["biên giới", "Tây Bắc", "Đề án 06", "ma túy", "cải cách hành chính",
        "giao thông", "phòng cháy", "chuyển đổi số", "an ninh nông thôn", "Tây Nguyên"]
OFFICERS = [
    "Thiếu tướng Bùi Minh Giám", "Đại tá Nguyễn Thị Thúy Thanh",
    "Trung tướng Lê Quốc Hùng", "Thiếu tướng Trần Văn Sơn",
    "Đại tá Phạm Ngọc Tuấn", "Thiếu tướng Hoàng Anh Tuyên",
]

HEADINGS = [
    "Kết quả nổi bật", "Một năm thi đua", "Suy tôn và bàn giao",
    "Nội dung giao ước", "Những việc còn phải làm", "Bình xét thi đua",
    "Vai trò của đơn vị Cụm trưởng", "Chuyển đổi số và Đề án 06",
    "Phòng, chống tội phạm", "Xây dựng lực lượng", "Phương hướng năm tới",
    "Phong trào toàn dân bảo vệ an ninh Tổ quốc",
]

# Sentence templates. Fields: {c} cluster number, {y} {py} {ny} this, previous
# and next year, {p} {q} two different members, {n1} {n2} counts, {pct} a
# percentage, {o} an officer; a trailing P gives the unit's police ("Công an
# tỉnh Sơn La"): {hP} host, {lP} leader, {dP} deputy, {pP} {qP}.
SENTENCES = [
    "Trong năm {y}, {pP} tập trung triệt phá các băng nhóm tội phạm liên tỉnh, giữ vững an ninh chính trị và trật tự an toàn xã hội trên địa bàn.",
    "Tỷ lệ điều tra, khám phá án trật tự xã hội của các đơn vị trong Cụm đạt {pct}%, vượt chỉ tiêu Bộ Công an giao.",
    "Trên mặt trận phòng, chống ma túy, Công an các tỉnh phát hiện {n1} vụ với {n2} đối tượng, thu giữ nhiều tang vật.",
    "Các đơn vị tiếp tục triển khai Đề án 06 của Chính phủ về dữ liệu dân cư, định danh và xác thực điện tử, phục vụ chuyển đổi số quốc gia.",
    "{hP}, đơn vị đăng cai, đã chuẩn bị chu đáo nội dung và cơ sở vật chất cho hội nghị.",
    "{o} dự và phát biểu chỉ đạo, đề nghị các tỉnh giữ nhịp các đợt cao điểm tấn công trấn áp tội phạm.",
    "Nhiều mô hình tự quản về an ninh trật tự ở cơ sở được nhân rộng, thu hút đông đảo quần chúng nhân dân tham gia.",
    "Tai nạn giao thông trên địa bàn giảm cả ba tiêu chí so với cùng kỳ năm {py}, không để xảy ra ùn tắc kéo dài.",
    "Công tác cải cách hành chính được đẩy mạnh, thời gian giải quyết thủ tục cho người dân và doanh nghiệp được rút ngắn đáng kể.",
    "Các đơn vị phối hợp chặt chẽ trong trao đổi thông tin, truy bắt đối tượng truy nã và xác minh các vụ án phức tạp.",
    "{qP} được ghi nhận là điểm sáng trong phong trào toàn dân bảo vệ an ninh Tổ quốc.",
    "Hội nghị thống nhất đánh giá những ưu điểm, hạn chế và rút ra các bài học kinh nghiệm cho năm {ny}.",
    "Lực lượng Công an các tỉnh đã tiếp nhận, xử lý {n1} tố giác, tin báo về tội phạm, đạt tỷ lệ {pct}%.",
    "Công tác xây dựng Đảng, xây dựng lực lượng trong sạch, vững mạnh, chính quy, tinh nhuệ, hiện đại được chú trọng.",
    "Đơn vị Cụm trưởng đã chủ động đề ra tiêu chí hoạt động chung và theo dõi sát việc báo cáo kết quả của các tỉnh bạn.",
    "Các đại biểu thảo luận sôi nổi, thẳng thắn chỉ ra nguyên nhân của những hạn chế và đề xuất giải pháp khắc phục.",
    "Nhân dịp hội nghị, các đơn vị góp {n1} triệu đồng xây nhà tình nghĩa cho cán bộ, chiến sĩ có hoàn cảnh khó khăn.",
    "{pP} và {qP} ký kết quy chế phối hợp bảo đảm an ninh trật tự tuyến giáp ranh.",
    "Phong trào thi đua được gắn với cuộc vận động học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Công tác phòng cháy, chữa cháy và cứu nạn, cứu hộ được tăng cường, kịp thời xử lý {n1} vụ việc, không để thiệt hại lớn về người.",
    "{lP} sẽ giữ vai trò Cụm trưởng, {dP} giữ vai trò Cụm phó trong năm tới.",
    "Các tỉnh đã tổ chức {n1} đợt cao điểm tấn công, trấn áp tội phạm, bắt giữ {n2} đối tượng.",
    "Lực lượng Công an xã chính quy phát huy vai trò nòng cốt, bám địa bàn, nắm chắc tình hình từ cơ sở.",
    "Nhiều tập thể và cá nhân có thành tích xuất sắc được biểu dương, khen thưởng kịp thời ngay tại hội nghị.",
    "Cụm thi đua số {c} đã tổ chức các hoạt động giao lưu văn hóa, văn nghệ, thể thao giữa các đơn vị thành viên.",
    "Trên tuyến biên giới, lực lượng chức năng của {p} phối hợp với Bộ đội Biên phòng kiểm soát chặt chẽ xuất nhập cảnh.",
    "Việc cấp căn cước và tài khoản định danh điện tử cho người dân đạt {pct}% so với kế hoạch đề ra.",
    "Kết quả bình xét cho thấy các đơn vị đều hoàn thành tốt chỉ tiêu, nhiệm vụ được giao trong năm {y}.",
]

BULLETS = [
    "nắm chắc tình hình, bảo vệ an ninh quốc gia, không để bị động, bất ngờ",
    "nhận diện sớm các loại tội phạm để phòng ngừa và trấn áp hiệu quả",
    "tiếp nhận, xử lý đầy đủ tố giác, tin báo về tội phạm, với tỷ lệ giải quyết trên 90%",
    "đẩy mạnh chuyển đổi số, khai thác hiệu quả cơ sở dữ liệu quốc gia về dân cư",
    "xây dựng lực lượng Công an xã chính quy vững mạnh, bám sát địa bàn",
    "tăng cường phối hợp giữa các tỉnh trong truy bắt đối tượng truy nã",
    "giảm tai nạn giao thông trên cả ba tiêu chí so với năm trước",
    "nhân rộng các mô hình tự quản về an ninh trật tự ở khu dân cư",
    "bảo đảm tuyệt đối an toàn các sự kiện chính trị, văn hóa lớn của địa phương",
    "chăm lo đời sống vật chất, tinh thần của cán bộ, chiến sĩ",
]

TABLE_ROWS = [
    "Giải quyết tố giác, tin báo", "Điều tra, khám phá án",
    "Án rất nghiêm trọng, đặc biệt nghiêm trọng", "Bắt, vận động đầu thú đối tượng truy nã",
    "Thu hồi tài sản trong các vụ án kinh tế", "Cấp căn cước công dân",
    "Kích hoạt định danh điện tử mức 2", "Giảm số vụ tai nạn giao thông",
]

SIZE_WORDS = ["Bốn", "Năm", "Sáu", "Bảy", "Tám"]

# Bytes of Markdown body per write-up: with the front matter a file is about
# 8 KB, some 1,150 space-separated syllables (about 700 Vietnamese words).
BODY_TARGET = 6900


# ---------------------------------------------------------------------------
# The clusters' history: members, leaders and deputies per year
# ---------------------------------------------------------------------------

def window(start: int, size: int) -> list[str]:
    """`size` neighbouring provinces from `start`, kept within the list (no
    wrapping from Cà Mau back to Lai Châu)."""
    start = max(0, min(start, len(PROVINCES) - size))
    return PROVINCES[start:start + size]


def cluster_history(rng: random.Random) -> dict[tuple[int, int], dict]:
    """(cluster, year) → {members, leader, deputy}, for every cluster and year.

    Members are a geographic window of neighbours; from year to year a cluster
    keeps them, sometimes swapping one for a neighbour; in 2025 every cluster
    is redrawn from shifted, larger windows (the reorganization)."""
    n = len(PROVINCES)
    history: dict[tuple[int, int], dict] = {}
    for c in CLUSTERS:
        start = round((c - 1) * n / len(CLUSTERS))
        members = window(start, rng.randint(4, 6))
        leader_pos = rng.randrange(len(members))
        for y in YEARS:
            if y == REORG_YEAR:
                members = window(start + rng.randint(2, 4), rng.randint(5, 8))
            elif y > YEARS[0] and rng.random() < 0.3:
                members = list(members)
                if rng.random() < 0.5 and len(members) > 4:
                    members.pop(rng.randrange(len(members)))
                else:
                    outsiders = [p for p in window(start - 3, len(members) + 6)
                                 if p not in members]
                    newcomer = rng.choice(outsiders)
                    if len(members) < 8 and rng.random() < 0.5:
                        members.append(newcomer)
                    else:
                        members[rng.randrange(len(members))] = newcomer
            # The leader role rotates through the members each year.
            leader_pos = (leader_pos + 1) % len(members)
            leader = members[leader_pos]
            deputy = members[(leader_pos + 1) % len(members)]
            history[(c, y)] = {"members": list(members), "leader": leader, "deputy": deputy}
    return history


# ---------------------------------------------------------------------------
# One write-up
# ---------------------------------------------------------------------------

def dotted(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def yaml_count(rng: random.Random, n: int) -> str:
    # Editors write both 2847 and "2.847" (the Vietnamese thousands separator).
    if n >= 1000 and rng.random() < 0.4:
        return f'"{dotted(n)}"'
    return str(n)


def flow_list(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def quoted(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def pick_kind(rng: random.Random):
    r = rng.randrange(100)
    for k in KINDS:
        if r < k[1]:
            return k
        r -= k[1]
    return KINDS[0]


def pick_date(rng: random.Random, year: int, months: tuple[int, int]) -> tuple[int, int, int]:
    lo, hi = months
    if year == LAST_DATE[0]:
        # Keep everything on or before LAST_DATE: late events move to Sep-Oct.
        hi = min(hi, LAST_DATE[1])
        lo = min(lo, hi - 1)
    m = rng.randint(lo, hi)
    d = rng.randint(1, 28)
    return year, m, d


def sentence(rng: random.Random, ctx: dict, template: str | None = None) -> str:
    members = ctx["members"]
    p, q = rng.sample(members, 2)
    return (template or rng.choice(SENTENCES)).format(
        p=p, q=q, pP=POLICE[p], qP=POLICE[q],
        n1=dotted(rng.randint(12, 4800)), n2=dotted(rng.randint(20, 9900)),
        pct=f"{rng.randint(80, 99)},{rng.randint(0, 9)}", **ctx["fixed"],
    )


def paragraph(rng: random.Random, ctx: dict, k: int) -> str:
    # One sentence per line, as editors wrap; no sentence twice in a
    # paragraph; sometimes with emphasis.
    lines = [sentence(rng, ctx, t) for t in rng.sample(SENTENCES, k)]
    r = rng.random()
    if r < 0.25:
        lines[0] = "*" + lines[0][:-1] + "*."
    elif r < 0.5:
        lines[-1] = "**" + lines[-1][:-1] + "**."
    return "\n".join(lines)


def body(rng: random.Random, ctx: dict, awards: tuple[int, int], index: int) -> str:
    f = ctx["fixed"]
    members = ctx["members"]
    parts: list[str] = []
    size = SIZE_WORDS[len(members) - 4] if 4 <= len(members) <= 8 else str(len(members))
    provinces = "các tỉnh, thành phố" if any(m in CITIES for m in members) else "các tỉnh"
    parts.append(
        f"Hội nghị {ctx['kind_vi']} năm {f['y']} của Cụm thi đua số {f['c']} được tổ chức tại "
        f"{f['hP']}, đơn vị đăng cai.\n{size} đơn vị thành viên gồm Công an {provinces} "
        f"{', '.join(members[:-1])} và {members[-1]}.\n{sentence(rng, ctx)}"
    )
    headings = rng.sample(HEADINGS, rng.choice((2, 3)))

    parts.append("## " + headings[0])
    parts.append(paragraph(rng, ctx, rng.randint(4, 6)))
    parts.append(
        f"Kết quả khen thưởng của cả Cụm: *{dotted(awards[0])} lượt tập thể* và "
        f"**{dotted(awards[1])} lượt cá nhân**."
    )
    parts.append("Cụm thống nhất các nhiệm vụ trọng tâm sau:")
    parts.append("\n".join("- " + b + ";" for b in rng.sample(BULLETS, rng.randint(3, 6))))

    parts.append("## " + headings[1])
    parts.append(paragraph(rng, ctx, rng.randint(3, 5)))
    rows = rng.sample(TABLE_ROWS, rng.randint(3, 5))
    table = ["| Chỉ tiêu | Mức phấn đấu | Kết quả |", "|---|---|---|"]
    for r in rows:
        table.append(f"| {r} | trên {rng.randint(70, 95)}% | {rng.randint(80, 99)},{rng.randint(0, 9)}% |")
    parts.append("\n".join(table))

    if len(headings) > 2:
        parts.append("## " + headings[2])
    link = (f"Toàn văn báo cáo được đăng trên [cổng thông tin của Bộ Công an]"
            f"(https://example.gov.vn/tin-tuc/cum-{f['c']}-{f['y']}-{index:06d}).")
    parts.append(paragraph(rng, ctx, 3) + "\n" + link)

    # Pad with further paragraphs up to the target size.
    text = "\n\n".join(parts)
    size_now = len(text.encode())
    extra: list[str] = []
    while size_now < BODY_TARGET:
        p = paragraph(rng, ctx, rng.randint(3, 5))
        extra.append(p)
        size_now += len(p.encode()) + 2
    # Padding goes before the closing section so the link stays last.
    closing = parts[-1]
    return "\n\n".join(parts[:-1] + extra + [closing]) + "\n"


def write_up(rng: random.Random, index: int, c: int, y: int, hist: dict) -> tuple[str, str]:
    """Returns (path relative to DIR, file text)."""
    members = hist["members"]
    kind, _, kslug, verb, months = pick_kind(rng)
    yy, mm, dd = pick_date(rng, y, months)
    host = rng.choice(members)
    leader, deputy = hist["leader"], hist["deputy"]

    # How the cluster is written: mostly a number, sometimes a Roman numeral.
    r = rng.random()
    if r < 0.75:
        cluster_field, cluster_title = str(c), str(c)
    elif r < 0.9:
        cluster_field, cluster_title = quoted(ROMAN[c]), ROMAN[c]
    else:
        cluster_field, cluster_title = quoted(f"số {c}"), str(c)

    date_field = f"{yy:04d}-{mm:02d}-{dd:02d}" if rng.random() < 0.7 else f"{dd:02d}/{mm:02d}/{yy:04d}"
    if rng.random() < 0.6:
        fm_host = host
    else:
        fm_host = rng.choice(ALIASES.get(host, [host]))

    coll = rng.randint(450, 3500)
    ind = rng.randint(coll, coll * 4)
    if kind == "summary":
        # A cluster-year has one set of totals: further summaries of it (the
        # same conference covered again) repeat them, as baocao requires.
        coll, ind = hist.setdefault("summary_awards", (coll, ind))

    fm = ["---"]
    fm.append("title: " + quoted(f"Cụm thi đua số {cluster_title} {verb} năm {y}"))
    fm.append(f"date: {date_field}")
    fm.append(f"cluster: {cluster_field}")
    fm.append("kind: " + (KIND_VI[kind] if rng.random() < 0.1 else kind))
    if rng.random() < 0.5:
        fm.append(f"year: {y}")
    fm.append(f"host: {fm_host}")
    fm.append("members: " + flow_list(members))
    fm.append(f"awards: {{collectives: {yaml_count(rng, coll)}, individuals: {yaml_count(rng, ind)}}}")
    fm.append("honours:")
    for _ in range(rng.randint(1, 3)):
        title = rng.choice(HONOUR_TITLES)
        if rng.random() < 0.75:
            to = sorted(rng.sample(members, rng.randint(1, min(3, len(members)))),
                        key=members.index)
            fm.append(f"  - {{title: {title}, to: {flow_list(to)}}}")
        else:
            # At most 3 honours of at most 40 collectives / 140 individuals:
            # never more than the award totals (collectives >= 450).
            t = rng.choice(COUNT_HONOURS)
            ci = rng.randint(1, 40)
            if rng.random() < 0.5:
                fm.append(f"  - {{title: {t}, collectives: {ci}}}")
            else:
                fm.append(f"  - {{title: {t}, collectives: {ci}, individuals: {rng.randint(ci, 140)}}}")
    fm.append(f"leader: {leader}")
    fm.append(f"deputy: {deputy}")
    fm.append("source: " + rng.choice(SOURCES))
    if rng.random() < 0.3:
        fm.append("author: " + rng.choice(AUTHORS))
    if rng.random() < 0.4:
        fm.append("tags: " + flow_list(sorted(rng.sample(TAGS, rng.randint(1, 3)))))
    fm.append("summary: " + quoted(
        f"{SIZE_WORDS[len(members) - 4]} đơn vị của Cụm thi đua số {c} {SUMMARY_VERB[kind]} "
        f"năm {y} tại {host}; {dotted(coll)} lượt tập thể và {dotted(ind)} lượt cá nhân "
        f"được khen thưởng, {POLICE[leader]} giữ vai trò Cụm trưởng."
    ))
    fm.append("---")

    ctx = {
        "members": members,
        "kind_vi": KIND_VI[kind],
        "fixed": {"c": c, "y": y, "py": y - 1, "ny": y + 1, "h": host,
                  "hP": POLICE[host], "lP": POLICE[leader], "dP": POLICE[deputy],
                  "o": rng.choice(OFFICERS)},
    }
    text = "\n".join(fm) + "\n\n" + body(rng, ctx, (coll, ind), index)
    rel = f"content/cum-{c}/{y}/{y}-cum-{c}-{kslug}-{index:06d}.md"
    return rel, text


# ---------------------------------------------------------------------------

def generate(count: int, seed: int, out: str) -> None:
    rng = random.Random(seed)
    history = cluster_history(rng)
    slots = sorted(history)  # (cluster, year), fixed order
    # Spread the files evenly over the cluster-years, in a seeded order.
    order = list(slots)
    rng.shuffle(order)

    content = os.path.join(out, "content")
    marker = os.path.join(out, MARKER)
    if os.path.exists(content) or os.path.exists(os.path.join(out, "site.yaml")):
        # Only ever replace a corpus this script wrote: never a real site.
        if not os.path.exists(marker):
            raise SystemExit(f"error: {out} already holds a site that this generator did not "
                             "write; choose an empty or new folder")
        shutil.rmtree(content, ignore_errors=True)
    os.makedirs(out, exist_ok=True)
    with open(marker, "w", encoding="utf-8") as f:
        f.write("written by bench/gen_corpus.py; safe to delete\n")
    os.makedirs(content)
    with open(os.path.join(out, "site.yaml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(f"title: Báo cáo thi đua các cụm (bộ dữ liệu thử {count} bài)\n"
                "description: Bộ dữ liệu tổng hợp để đo tốc độ dựng trang\n")
    with open(os.path.join(content, "units.yaml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(units_yaml())
    # A title of the clusters' own, not in the built-in register of honours.
    with open(os.path.join(content, "honours.yaml"), "w", encoding="utf-8", newline="\n") as f:
        f.write("honours:\n  - {name: Giấy khen của Cụm thi đua, level: unit}\n")

    made_dirs: set[str] = set()
    for i in range(count):
        c, y = order[i % len(order)]
        rel, text = write_up(rng, i + 1, c, y, history[(c, y)])
        path = os.path.join(out, rel)
        d = os.path.dirname(path)
        if d not in made_dirs:
            os.makedirs(d, exist_ok=True)
            made_dirs.add(d)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Write a deterministic synthetic baocao site (site.yaml + content/) "
                    "for benchmarking. Same --count and --seed give byte-identical files.")
    ap.add_argument("--count", type=int, required=True, help="number of write-ups")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--out", required=True, help="site folder to write (new, empty, or written by this script before: "
                         "its content/ is then replaced)")
    a = ap.parse_args(argv)
    if a.count < 0:
        ap.error("--count must be 0 or more")
    generate(a.count, a.seed, a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
