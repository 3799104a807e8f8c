//! Unit tests for each pattern, and for the text that only looks like one.

use super::text::{parse_count, split_sentences};
use super::*;
use crate::messages::Language;

fn opts() -> ImportOptions {
    ImportOptions::default()
}

fn ex(text: &str) -> Draft {
    extract(text, &opts())
}

fn facts(text: &str) -> Facts {
    ex(text).facts
}

fn unsure<'a>(d: &'a Draft, field: &str) -> Option<&'a Unsure> {
    d.unsure.iter().find(|u| u.field == field && !u.kept)
}

/// A reason as the draft of a Vietnamese site shows it.
fn vi(u: &Unsure) -> String {
    u.reason.text(Language::Vi)
}

/// The draft as a site in `lang` gets it.
fn draft_md(d: &Draft, lang: Language) -> String {
    render(d, &opts(), lang)
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

// ------------------------------------------------------------------ dates

#[test]
fn date_ngay_with_the_reported_year() {
    let f = facts(
        "Ngày 22/11, tại Công an tỉnh Hà Tĩnh, Cụm Thi đua số 5 đã tổ chức hội nghị tổng kết \
         phong trào thi đua năm 2022.",
    );
    assert_eq!(f.date, date(2022, 11, 22));
}

#[test]
fn date_sang_with_the_reported_year() {
    let f = facts(
        "TTXVN- Sáng 25/11, tại tỉnh Lai Châu, Cụm thi đua số II tổ chức Hội nghị Tổng kết \
         phong trào thi đua năm 2023.",
    );
    assert_eq!(f.date, date(2023, 11, 25));
}

#[test]
fn date_of_a_pledge_in_march() {
    let f = facts(
        "Ngày 18/3 tại Sơn La, Cụm thi đua số 2 tổ chức hội nghị ký kết giao ước thi đua năm 2024.",
    );
    assert_eq!(f.date, date(2024, 3, 18));
}

#[test]
fn date_with_dash_and_a_date_line() {
    let text = " date 2022-01 Phát động phong trào thi đua năm 2022\n\n\
                Sáng 4-1, Công an tỉnh tổ chức hội nghị tổng kết phong trào thi đua năm 2021 \
                và phát động phong trào thi đua năm 2022.";
    let f = facts(text);
    assert_eq!(f.date, date(2022, 1, 4));
    assert_eq!(f.kind, Some(Kind::Summary));
    assert_eq!(f.year, Some(2021));
}

#[test]
fn a_january_summary_without_a_year_is_not_dated() {
    // the conference sums up 2021 but was held in January: 2021 or 2022?
    let d = ex(
        "Sáng 4-1, Công an tỉnh tổ chức hội nghị tổng kết phong trào thi đua năm 2021 và \
         phát động phong trào thi đua năm 2022.",
    );
    assert_eq!(d.facts.date, None);
    let u = unsure(&d, "date").expect("the date is listed");
    assert!(u
        .sentence
        .as_deref()
        .is_some_and(|s| s.starts_with("Sáng 4-1")));
}

#[test]
fn date_from_a_time_stamp() {
    let text = "Cụm thi đua số 2 thực hiện hiệu quả phong trào thi đua\n\n11:06 18/03/2024\n\n\
                Ngày 18/3 tại Sơn La, Cụm thi đua số 2 tổ chức hội nghị ký kết giao ước thi đua.";
    let f = facts(text);
    assert_eq!(f.date, date(2024, 3, 18));
}

#[test]
fn date_stamp_in_january_for_a_december_conference() {
    let text = "Cụm thi đua số 4 tổng kết phong trào thi đua\n\n08:00 03/01/2025\n\n\
                Ngày 30/12, Cụm thi đua số 4 tổ chức hội nghị tổng kết phong trào thi đua.";
    assert_eq!(facts(text).date, date(2024, 12, 30));
}

#[test]
fn date_with_its_own_year() {
    let f = facts("Ngày 22/11/2022, Cụm thi đua số 5 tổ chức hội nghị tổng kết năm 2022.");
    assert_eq!(f.date, date(2022, 11, 22));
    let f = facts("Ngày 4 tháng 1 năm 2022, Công an tỉnh tổ chức hội nghị tổng kết năm 2021.");
    assert_eq!(f.date, date(2022, 1, 4));
}

#[test]
fn date_year_from_the_option() {
    let o = ImportOptions {
        year: Some(2024),
        ..opts()
    };
    let d = extract(
        "Ngày 18/3, Cụm thi đua số 2 tổ chức hội nghị ký kết giao ước thi đua.",
        &o,
    );
    assert_eq!(d.facts.date, date(2024, 3, 18));
    assert_eq!(d.facts.year, Some(2024));
    assert!(d.unsure.iter().any(|u| u.field == "date"
        && u.kept
        && vi(u) == "bài báo không ghi năm của ngày 18/3; năm 2024 được lấy theo --year"));
}

#[test]
fn two_conference_days_disagree() {
    let d = ex(
        "Ngày 22/11, Cụm thi đua số 5 tổ chức hội nghị tổng kết năm 2022. \
                Sáng 23/11, hội nghị tổng kết tiếp tục với phần thảo luận.",
    );
    assert_eq!(d.facts.date, None);
    let u = unsure(&d, "date").expect("listed");
    assert_eq!(u.reason.key, "import-two-values");
    assert!(
        vi(u).contains("22/11") && vi(u).contains("23/11"),
        "{}",
        vi(u)
    );
    assert!(u.sentence.is_some());
}

#[test]
fn an_unrelated_later_date_is_ignored() {
    let text =
        "Ngày 22/11, Cụm thi đua số 5 tổ chức hội nghị tổng kết phong trào thi đua năm 2022.\n\n\
                Cơ quan CSĐT đã khởi tố 6 bị can liên quan đến vụ ẩu đả xảy ra vào đêm 1/9/2024 \
                tại TP Lai Châu.\n\nGiới chức châu Âu hôm 20/3 nhóm họp tại London.";
    assert_eq!(facts(text).date, date(2022, 11, 22));
}

#[test]
fn a_date_range_is_no_date() {
    let d = ex("Từ 19-21/3, Cục Truyền thông tổ chức hội nghị cho các cơ quan báo chí.");
    assert_eq!(d.facts.date, None);
}

#[test]
fn the_footer_and_the_news_after_the_byline_are_ignored() {
    let text = "Cụm thi đua số 2 tổng kết phong trào thi đua\n\n\
                Ngày 18/3, Cụm thi đua số 2 tổ chức hội nghị ký kết giao ước thi đua.\n\n\
                Cao Thiên – Trung Hiếu\n\n\
                Sáng 20/3, Công an tỉnh Thanh Hóa tổ chức hội nghị sơ kết năm 2025.\n\n\
                ©2004. Bản quyền thuộc về Báo Công An Nhân Dân.";
    let d = ex(text);
    assert_eq!(
        d.facts.year, None,
        "no year from the footer or the other news"
    );
    assert_eq!(d.facts.kind, Some(Kind::Pledge));
    assert!(unsure(&d, "date").is_some(), "18/3 has no year");
}

// ---------------------------------------------------------------- cluster

#[test]
fn cluster_forms() {
    let t = |s: &str| {
        facts(&format!(
            "Ngày 22/11, {s} tổ chức hội nghị tổng kết năm 2022."
        ))
        .cluster
    };
    assert_eq!(t("Cụm thi đua số II"), Some(2));
    assert_eq!(t("Cụm Thi đua số 5 - Bộ Công an"), Some(5));
    assert_eq!(t("Cụm thi đua số 2 (Bộ Công an)"), Some(2));
    assert_eq!(t("Cụm thi đua số XII"), Some(12));
    assert_eq!(t("CỤM THI ĐUA SỐ IV"), Some(4));
    assert_eq!(t("Công an tỉnh"), None);
}

#[test]
fn cluster_from_the_title_not_the_related_headlines() {
    let text = "Cụm thi đua số 2 tổng kết một năm thi đua ở vùng cao\n\
                - Cụm thi đua số 9 và 10 tổng kết một năm thi đua\n\
                - Cụm thi đua số 4 tổng kết phong trào năm 2016\n\
                Trong năm 2017, các tỉnh miền núi của Cụm mở nhiều đợt thi đua ngắn ngày.";
    let f = facts(text);
    assert_eq!(f.cluster, Some(2));
    assert_eq!(f.year, Some(2017));
    assert_eq!(f.kind, Some(Kind::Summary));
}

#[test]
fn a_joint_conference_has_no_single_cluster() {
    let d = ex("Ngày 5/12, Cụm thi đua số 11 và 12 tổ chức hội nghị tổng kết năm 2023.");
    assert_eq!(d.facts.cluster, None);
    assert!(unsure(&d, "cluster").is_some_and(|u| u.sentence.is_some()));
}

#[test]
fn cluster_option_fills_and_wins() {
    let text = "Ngày 5/12, Cụm thi đua số 3 tổ chức hội nghị tổng kết năm 2023.";
    let d = extract(
        text,
        &ImportOptions {
            cluster: Some(4),
            ..opts()
        },
    );
    assert_eq!(d.facts.cluster, Some(4));
    assert!(d
        .unsure
        .iter()
        .any(|u| u.field == "cluster" && u.kept && vi(u).contains("Cụm số 3")));
    let d = extract(
        "Ngày 5/12, Công an tỉnh tổ chức hội nghị tổng kết năm 2023.",
        &ImportOptions {
            cluster: Some(4),
            ..opts()
        },
    );
    assert_eq!(d.facts.cluster, Some(4));
    assert!(d.unsure.iter().all(|u| u.field != "cluster"));
}

#[test]
fn year_option_wins_over_the_text() {
    let d = extract(
        "Ngày 5/12, Cụm thi đua số 3 tổ chức hội nghị tổng kết năm 2023.",
        &ImportOptions {
            year: Some(2022),
            ..opts()
        },
    );
    assert_eq!(d.facts.year, Some(2022));
    assert!(d.unsure.iter().any(|u| u.field == "year" && u.kept));
}

// ------------------------------------------------------------------ kinds

#[test]
fn kinds() {
    let k = |s: &str| facts(&format!("Ngày 5/6, Cụm thi đua số 3 tổ chức hội nghị {s}.")).kind;
    assert_eq!(
        k("tổng kết phong trào thi đua năm 2023"),
        Some(Kind::Summary)
    );
    assert_eq!(k("ký kết giao ước thi đua năm 2024"), Some(Kind::Pledge));
    assert_eq!(
        k("phát động phong trào thi đua năm 2024"),
        Some(Kind::Launch)
    );
    assert_eq!(k("sơ kết 6 tháng đầu năm 2024"), Some(Kind::Review));
    assert_eq!(
        k("tổng kết phong trào thi đua năm 2021 và phát động phong trào năm 2022"),
        Some(Kind::Summary)
    );
    let d = ex("Ngày 5/6, Cụm thi đua số 3 tổ chức hội nghị trực tuyến.");
    assert_eq!(d.facts.kind, None);
    assert!(unsure(&d, "kind").is_some());
}

#[test]
fn year_follows_the_kind() {
    let f = facts(
        "Ngày 4/1, Công an tỉnh tổ chức hội nghị tổng kết năm 2021 và phát động phong trào năm 2022.",
    );
    assert_eq!(f.year, Some(2021));
    let f = facts("Ngày 18/3, Cụm thi đua số 2 tổ chức hội nghị ký kết giao ước thi đua năm 2024.");
    assert_eq!(f.year, Some(2024));
}

// ------------------------------------------------------------------- host

#[test]
fn host_forms() {
    let h = |s: &str| {
        facts(&format!(
            "Ngày 5/12, {s}, Cụm thi đua số 3 tổ chức hội nghị tổng kết."
        ))
        .host
    };
    assert_eq!(h("tại tỉnh Lai Châu"), Some("Lai Châu".into()));
    assert_eq!(h("tại Công an tỉnh Hà Tĩnh"), Some("Hà Tĩnh".into()));
    assert_eq!(h("tại Sơn La (đơn vị Cụm trưởng)"), Some("Sơn La".into()));
    assert_eq!(
        h("tại Công an thành phố Hải Phòng"),
        Some("Hải Phòng".into())
    );
    assert_eq!(
        h("tại Hội trường Công an tỉnh Quảng Trị"),
        Some("Quảng Trị".into())
    );
}

#[test]
fn a_venue_is_not_a_host() {
    let d = ex("Ngày 5/12, tại Khách sạn Mường Thanh, Cụm thi đua số 3 tổ chức hội nghị tổng kết.");
    assert_eq!(d.facts.host, None);
    assert!(unsure(&d, "host").is_some_and(|u| u.sentence.is_some()));
    let d = ex(
        "Ngày 5/12, Công an tỉnh tổ chức hội nghị tổng kết. Tại hội nghị, các đại biểu thảo luận.",
    );
    assert_eq!(d.facts.host, None);
}

// ---------------------------------------------------------------- members

#[test]
fn member_forms() {
    let m = |s: &str| facts(s).members;
    let four = names(&["Lai Châu", "Điện Biên", "Sơn La", "Lào Cai"]);
    assert_eq!(
        m("Cụm thi đua số II, gồm các tỉnh: Lai Châu, Điện Biên, Sơn La, Lào Cai."),
        four
    );
    assert_eq!(
        m("Công an các tỉnh trong Cụm gồm: Lai Châu, Điện Biên, Sơn La và Lào Cai."),
        four
    );
    assert_eq!(
        m("Đã có 2.079 lượt tập thể thuộc công an 4 tỉnh: Lai Châu, Điện Biên, Sơn La và Lào Cai \
           được các cấp khen thưởng."),
        four
    );
    assert_eq!(
        m(
            "Cụm thi đua số 2 gồm Công an các tỉnh: Lai Châu, Điện Biên, Sơn La, Lào Cai tổ chức \
           hội nghị."
        ),
        four
    );
    assert_eq!(
        m(
            "Công an 4 tỉnh phía Bắc gồm: Lai Châu, Điện Biên, Sơn La, Lào Cai đã tổ chức nhiều \
           đợt thi đua."
        ),
        four
    );
}

#[test]
fn member_count_must_match() {
    let d = ex("Công an 5 tỉnh phía Bắc gồm: Lai Châu, Điện Biên, Sơn La, Lào Cai đã thi đua.");
    assert!(d.facts.members.is_empty());
    assert!(
        unsure(&d, "members").is_some_and(|u| u.reason.key == "import-members-count"
            && vi(u).starts_with("bài báo nêu 5 đơn vị nhưng liệt kê 4 đơn vị"))
    );
}

#[test]
fn member_lists_that_disagree() {
    let d = ex(
        "Cụm gồm các tỉnh: Lai Châu, Điện Biên. Công an các tỉnh trong Cụm gồm: Lai Châu, \
                Sơn La.",
    );
    assert!(d.facts.members.is_empty());
    assert!(unsure(&d, "members").is_some());
}

#[test]
fn not_member_lists() {
    let f = facts(
        "Năm tới, Cụm đặt ra 5 nhóm giải pháp, đó là: Nắm chắc địa bàn, giữ vững an ninh biên \
         giới.",
    );
    assert!(f.members.is_empty());
    let f = facts(
        "Bộ Công an tặng Bằng khen cho Công an 3 tỉnh: Phú Thọ, Hà Giang, Yên Bái có thành tích \
         tốt.",
    );
    assert!(f.members.is_empty());
    let f = facts("Đoàn công tác gồm: đồng chí Nguyễn Văn A, Giám đốc Công an tỉnh.");
    assert!(f.members.is_empty());
}

// ----------------------------------------------------------------- awards

#[test]
fn award_counts() {
    let f =
        facts("Năm 2023 có 2.847 lượt tập thể và 9.341 lượt cá nhân trong Cụm được khen thưởng.");
    assert_eq!(f.awards_collectives, Some(2847));
    assert_eq!(f.awards_individuals, Some(9341));
}

#[test]
fn award_counts_that_disagree() {
    let d = ex(
        "Có 2.079 lượt tập thể và 6.206 lượt cá nhân được khen thưởng. Tổng cộng 2.097 \
                lượt tập thể được khen.",
    );
    assert_eq!(d.facts.awards_collectives, None);
    assert_eq!(d.facts.awards_individuals, Some(6206));
    let u = unsure(&d, "awards").expect("listed");
    // counts are written the Vietnamese way in a Vietnamese draft
    assert!(vi(u).contains("2.079 và 2.097"), "{}", vi(u));
    assert!(u.reason.text(Language::En).contains("2079 and 2097"));
}

#[test]
fn numbers_that_are_not_counts() {
    assert_eq!(parse_count("2.847"), Some(2847));
    assert_eq!(parse_count("56"), Some(56));
    assert_eq!(parse_count("0912.345.678"), None);
    assert_eq!(parse_count("2.84"), None);
    assert_eq!(parse_count("12.3456"), None);
    let f = facts("Liên hệ đường dây nóng 0912.345.678 lượt tập thể để phản ánh.");
    assert_eq!(f.awards_collectives, None);
    let f = facts("Các đơn vị đã thống nhất đóng góp 150 triệu để xây dựng nhà tình nghĩa.");
    assert_eq!(f, Facts::default());
}

// ---------------------------------------------------------------- honours

fn honour(title: &str, to: &[&str], c: Option<u64>, i: Option<u64>) -> Honour {
    Honour {
        title: title.into(),
        to: names(to),
        collectives: c,
        individuals: i,
        status: None,
    }
}

fn proposed(h: Honour) -> Honour {
    Honour {
        status: Some(HonourStatus::Proposed),
        ..h
    }
}

fn conferred(h: Honour) -> Honour {
    Honour {
        status: Some(HonourStatus::Conferred),
        ..h
    }
}

#[test]
fn per_honour_counts() {
    let f = facts(
        "Dịp này, 3 tập thể tiêu biểu đã vinh dự được nhận Cờ thi đua xuất sắc của UBND tỉnh; \
         14 tập thể được nhận Bằng khen của Bộ Công an; 6 tập thể, 21 cá nhân được nhận Bằng \
         khen của UBND tỉnh; 25 tập thể, 73 cá nhân được Công an tỉnh tặng Giấy khen./.",
    );
    assert_eq!(
        f.honours,
        vec![
            conferred(honour(
                "Cờ thi đua của Ủy ban nhân dân tỉnh",
                &[],
                Some(3),
                None
            )),
            conferred(honour(
                "Bằng khen của Bộ trưởng Bộ Công an",
                &[],
                Some(14),
                None
            )),
            conferred(honour(
                "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
                &[],
                Some(6),
                Some(21)
            )),
            conferred(honour(
                "Giấy khen của Giám đốc Công an tỉnh",
                &[],
                Some(25),
                Some(73)
            )),
        ]
    );
}

#[test]
fn honours_to_named_units() {
    let f = facts(
        "Hội nghị nhất trí suy tôn và đề nghị: Chính phủ tặng Cờ thi đua xuất sắc cho Công an \
         tỉnh Tuyên Quang; Bộ Công an tặng Cờ thi đua cho Công an các tỉnh: Phú Thọ, Yên Bái, \
         Hà Giang và tặng Bằng khen cho Công an 2 tỉnh: Lào Cai, Thái Nguyên có thành tích \
         trong năm.",
    );
    assert_eq!(
        f.honours,
        vec![
            proposed(honour(
                "Cờ thi đua của Chính phủ",
                &["Tuyên Quang"],
                None,
                None
            )),
            proposed(honour(
                "Cờ thi đua của Bộ Công an",
                &["Phú Thọ", "Yên Bái", "Hà Giang"],
                None,
                None
            )),
            proposed(honour(
                "Bằng khen của Bộ trưởng Bộ Công an",
                &["Lào Cai", "Thái Nguyên"],
                None,
                None
            )),
        ]
    );
    // a bare "cờ", a colon after "cho", a semicolon inside the list
    let f = facts(
        "Các đơn vị bình xét, suy tôn đề nghị Thủ tướng Chính phủ tặng cờ cho: Công an tỉnh \
         Ninh Bình; Bộ Công an tặng cờ cho Công an 3 tỉnh: Nam Định; Hà Nam, Thái Bình vì đã \
         dẫn đầu phong trào năm 2019.",
    );
    assert_eq!(
        f.honours,
        vec![
            proposed(honour(
                "Cờ thi đua của Chính phủ",
                &["Ninh Bình"],
                None,
                None
            )),
            proposed(honour(
                "Cờ thi đua của Bộ Công an",
                &["Nam Định", "Hà Nam", "Thái Bình"],
                None,
                None
            )),
        ]
    );
}

#[test]
fn honours_to_unnamed_units_or_without_giver_are_left_out() {
    let f = facts(
        "Thứ trưởng Bộ Công an trao Bằng khen cho các tập thể có nhiều đóng góp cho phong trào \
         thi đua năm 2022.",
    );
    assert!(f.honours.is_empty());
    let d = ex("Hội nghị tặng Bằng khen cho Công an tỉnh Yên Bái.");
    assert!(d.facts.honours.is_empty());
    assert!(unsure(&d, "honours").is_some_and(|u| u.sentence.is_some()));
    let d = ex("Bộ Công an tặng Bằng khen cho Công an 3 tỉnh: Phú Thọ, Hà Giang.");
    assert!(d.facts.honours.is_empty());
    assert!(
        unsure(&d, "honours").is_some_and(|u| u.reason.key == "import-honour-units-count"
            && vi(u).contains("được tặng cho 3 đơn vị nhưng bài báo nêu tên 2 đơn vị"))
    );
}

// --------------------------------------------------------- leader, deputy

/// An article whose conference is a summary of 2023 by cluster 7.
fn at_summary(body: &str) -> Draft {
    ex(&format!(
        "Ngày 6/12, tại Công an tỉnh Phú Thọ, Cụm thi đua số 7 tổ chức hội nghị tổng kết \
         phong trào thi đua năm 2023. {body}"
    ))
}

/// An article whose conference is the pledge of 2024 by cluster 7.
fn at_pledge(body: &str) -> Draft {
    ex(&format!(
        "Ngày 12/3, tại Công an tỉnh Yên Bái, Cụm thi đua số 7 tổ chức hội nghị ký kết giao \
         ước thi đua năm 2024. {body}"
    ))
}

/// (leader, deputy, handover leader, handover deputy)
fn roles(d: &Draft) -> [Option<&str>; 4] {
    let f = &d.facts;
    [
        f.leader.as_deref(),
        f.deputy.as_deref(),
        f.handover_leader.as_deref(),
        f.handover_deputy.as_deref(),
    ]
}

const NONE4: [Option<&str>; 4] = [None, None, None, None];

/// No role found, and no sentence made a role unsure: the text was not
/// read as a role at all.
fn no_roles(d: &Draft) {
    assert_eq!(roles(d), NONE4);
    let doubts: Vec<&Unsure> = d
        .unsure
        .iter()
        .filter(|u| {
            (u.field.contains("leader") || u.field.contains("deputy")) && u.sentence.is_some()
        })
        .collect();
    assert!(doubts.is_empty(), "{doubts:?}");
}

#[test]
fn ban_giao_at_a_summary_is_the_handover_and_the_giver_the_holder() {
    let d = at_summary(
        "Kết thúc hội nghị, Giám đốc Công an tỉnh Phú Thọ đã bàn giao nhiệm vụ đơn vị Cụm \
         trưởng năm 2024 cho Công an tỉnh Tuyên Quang, Phó Cụm trưởng cho Công an tỉnh Hà Giang.",
    );
    assert_eq!(
        roles(&d),
        [Some("Phú Thọ"), None, Some("Tuyên Quang"), Some("Hà Giang")]
    );
    // look-alikes: a handover of something else, a role after "cho"
    let d = at_summary(
        "Công an tỉnh Phú Thọ bàn giao nhà đồng đội cho gia đình một cán bộ. Các tỉnh bàn giao \
         hồ sơ thi đua cho đơn vị Cụm trưởng trước ngày 15/11.",
    );
    no_roles(&d);
    assert!(unsure(&d, "handover.leader").is_some_and(|u| u.sentence.is_none()));
}

#[test]
fn giao_cum_truong_at_a_summary_is_the_handover() {
    let d = at_summary(
        "Lãnh đạo Công an tỉnh Phú Thọ giao Cụm trưởng Cụm thi đua cho Công an tỉnh Thái \
         Nguyên và Cụm phó cho Công an tỉnh Bắc Kạn.",
    );
    assert_eq!(
        roles(&d),
        [Some("Phú Thọ"), None, Some("Thái Nguyên"), Some("Bắc Kạn")]
    );
    // look-alikes: "giao ước", targets "giao" by the Ministry
    let d = at_summary(
        "Các đơn vị ký giao ước thi đua, đơn vị Cụm trưởng cho biết sẽ tổng hợp kết quả. \
         Cụm hoàn thành các chỉ tiêu do Bộ Công an giao cho năm 2023.",
    );
    no_roles(&d);
}

#[test]
fn trao_quyen_pairs_roles_and_units_in_order() {
    let d = at_summary(
        "Thiếu tướng Trần Văn Minh trao quyền Cụm trưởng, Cụm phó Cụm thi đua số 7 năm 2024 \
         cho Công an tỉnh Lào Cai, Công an tỉnh Yên Bái.",
    );
    // a general hands over: no unit held the role by this sentence
    assert_eq!(roles(&d), [None, None, Some("Lào Cai"), Some("Yên Bái")]);
    // look-alikes: "trao đổi", "trao tặng"
    let d = at_summary(
        "Các tỉnh trao đổi kinh nghiệm với đơn vị Cụm trưởng cho cả năm. Bộ Công an trao tặng \
         Cờ thi đua cho Công an tỉnh Lào Cai.",
    );
    no_roles(&d);
}

#[test]
fn bau_at_a_summary_is_the_handover() {
    let d = at_summary("Hội nghị thống nhất bầu Cụm trưởng năm sau là Công an tỉnh Hòa Bình.");
    assert_eq!(roles(&d), [None, None, Some("Hòa Bình"), None]);
    let d = at_summary(
        "Các đơn vị bầu Công an tỉnh Sơn La làm Cụm trưởng và Công an tỉnh Lai Châu làm Cụm phó \
         năm 2024.",
    );
    assert_eq!(roles(&d), [None, None, Some("Sơn La"), Some("Lai Châu")]);
    // look-alikes: "bầu cử", "bầu không khí"
    let d = at_summary(
        "Công an tỉnh bảo đảm an toàn cuộc bầu cử, đơn vị Cụm trưởng đã chủ động phối hợp. \
         Bầu không khí thi đua giữa Cụm trưởng và các thành viên sôi nổi.",
    );
    no_roles(&d);
}

#[test]
fn hoan_thanh_don_vi_cum_truong_names_the_holder() {
    let d = at_summary(
        "Đại diện Bộ Công an ghi nhận Công an tỉnh Phú Thọ đã hoàn thành xuất sắc vai trò đơn \
         vị Cụm trưởng trong năm 2023.",
    );
    assert_eq!(roles(&d), [Some("Phú Thọ"), None, None, None]);
    // look-alike: a task given by the holder
    let d = at_summary("Các đơn vị đã hoàn thành tốt nhiệm vụ do đơn vị Cụm trưởng phân công.");
    no_roles(&d);
}

#[test]
fn don_vi_cum_truong_in_brackets_at_a_pledge_is_the_holder() {
    let d = ex(
        "Sáng 12/3, tại Công an tỉnh Yên Bái (đơn vị Cụm trưởng), Cụm thi đua số 7 tổ chức hội \
         nghị ký kết giao ước thi đua năm 2024.",
    );
    assert_eq!(roles(&d), [Some("Yên Bái"), None, None, None]);
    // no handover is expected at a pledge
    assert!(unsure(&d, "handover.leader").is_none());
    // look-alike: a place, not a unit
    let d = at_pledge("Các đơn vị góp quỹ xây nhà cho một cán bộ tại đơn vị Cụm trưởng.");
    no_roles(&d);
}

#[test]
fn giu_vai_tro_names_the_holder_or_with_the_next_year_the_handover() {
    let d = at_pledge("Năm nay, Công an tỉnh Yên Bái giữ vai trò Cụm trưởng.");
    assert_eq!(roles(&d), [Some("Yên Bái"), None, None, None]);
    let d = at_summary("Công an tỉnh Phú Thọ tiếp tục giữ vai trò Cụm trưởng năm 2024.");
    assert_eq!(roles(&d), [None, None, Some("Phú Thọ"), None]);
    // look-alikes: another role, a person
    let d = at_pledge(
        "Công an tỉnh Yên Bái giữ vai trò nòng cốt. Đồng chí Hoàng Văn Nam giữ vai trò Cụm trưởng.",
    );
    no_roles(&d);
}

#[test]
fn phan_cong_at_a_pledge_reads_in_the_direction_written() {
    let d = at_pledge(
        "Bộ Công an phân công Công an tỉnh Tuyên Quang là đơn vị cụm trưởng, Công an tỉnh Hà \
         Giang cụm phó.",
    );
    assert_eq!(
        roles(&d),
        [Some("Tuyên Quang"), Some("Hà Giang"), None, None]
    );
    let d = at_pledge(
        "Bộ Công an phân công Công an tỉnh Hà Giang là cụm phó, Công an tỉnh Tuyên Quang là \
         đơn vị cụm trưởng.",
    );
    assert_eq!(
        roles(&d),
        [Some("Tuyên Quang"), Some("Hà Giang"), None, None]
    );
    // look-alike: tasks assigned to members
    let d = at_pledge("Đơn vị Cụm trưởng phân công nhiệm vụ cho các thành viên trong Cụm.");
    no_roles(&d);
}

#[test]
fn phan_cong_at_a_summary_without_a_year_is_unsure() {
    let d = at_summary(
        "Bộ Công an phân công Công an tỉnh Tuyên Quang là đơn vị cụm trưởng, Công an tỉnh Hà \
         Giang cụm phó.",
    );
    assert_eq!(roles(&d), NONE4);
    assert!(unsure(&d, "leader").is_some_and(|u| u.sentence.is_some()));
    assert!(unsure(&d, "handover.leader").is_some_and(|u| u.sentence.is_some()));
    let d =
        at_summary("Bộ Công an phân công Công an tỉnh Tuyên Quang là đơn vị cụm trưởng năm 2024.");
    assert_eq!(roles(&d), [None, None, Some("Tuyên Quang"), None]);
}

#[test]
fn don_vi_cum_truong_la_names_the_holder_or_the_next_one_by_its_year() {
    let d = at_summary("Đơn vị Cụm trưởng năm 2023 là Công an tỉnh Phú Thọ.");
    assert_eq!(roles(&d), [Some("Phú Thọ"), None, None, None]);
    let d = at_summary(
        "Đơn vị Cụm trưởng năm 2024 là Công an tỉnh Tuyên Quang, đơn vị Cụm phó năm 2024 là \
         Công an tỉnh Hà Giang.",
    );
    assert_eq!(
        roles(&d),
        [None, None, Some("Tuyên Quang"), Some("Hà Giang")]
    );
    // another year: left out
    let d = at_summary("Đơn vị Cụm trưởng năm 2021 là Công an tỉnh Lào Cai.");
    assert_eq!(roles(&d), NONE4);
    assert!(unsure(&d, "leader").is_some_and(|u| u.sentence.is_some()));
    // look-alike: not a unit after "là"
    let d = at_summary("Đơn vị Cụm trưởng năm sau là niềm tự hào của cả Cụm.");
    no_roles(&d);
}

#[test]
fn vai_tro_don_vi_cum_truong_names_the_holder() {
    let d =
        at_summary("Với vai trò đơn vị Cụm trưởng, Công an tỉnh Phú Thọ đã chủ động điều phối.");
    assert_eq!(roles(&d), [Some("Phú Thọ"), None, None, None]);
}

#[test]
fn handovers_that_disagree_are_left_out() {
    let d = at_summary(
        "Công an tỉnh Phú Thọ bàn giao Cụm trưởng cho Công an tỉnh Lào Cai. Sau đó, Đại tá Lê \
         Văn Bình trao quyền Cụm trưởng cho Công an tỉnh Yên Bái.",
    );
    assert_eq!(d.facts.handover_leader, None);
    assert!(unsure(&d, "handover.leader").is_some_and(|u| u.sentence.is_some()));
    // the holder is still known
    assert_eq!(d.facts.leader.as_deref(), Some("Phú Thọ"));
}

#[test]
fn holders_that_disagree_are_left_out() {
    let d = at_summary(
        "Với vai trò đơn vị Cụm trưởng, Công an tỉnh Phú Thọ đã chủ động điều phối. Công an \
         tỉnh Yên Bái đã hoàn thành xuất sắc đơn vị Cụm trưởng.",
    );
    assert_eq!(d.facts.leader, None);
    assert!(unsure(&d, "leader").is_some_and(|u| u.reason.key == "import-two-values"));
}

#[test]
fn handovers_that_are_weak_evidence_are_left_out() {
    // for the year reported on, at a summary
    let d =
        at_summary("Công an tỉnh Phú Thọ bàn giao Cụm trưởng năm 2023 cho Công an tỉnh Lào Cai.");
    assert_eq!(roles(&d), NONE4);
    assert!(unsure(&d, "handover.leader")
        .is_some_and(|u| u.reason.key == "import-roles-handover-year" && vi(u).contains("2023")));
    // at a review: this year or the next?
    let d = ex(
        "Ngày 20/6, Cụm thi đua số 7 tổ chức hội nghị sơ kết năm 2023. Công an tỉnh Phú Thọ bàn \
         giao Cụm trưởng cho Công an tỉnh Lào Cai.",
    );
    assert_eq!(roles(&d), NONE4);
    assert!(unsure(&d, "leader").is_some_and(|u| u.sentence.is_some()));
    // more roles than units
    let d =
        at_summary("Công an tỉnh Phú Thọ bàn giao Cụm trưởng, Cụm phó cho Công an tỉnh Lào Cai.");
    assert_eq!(d.facts.handover_leader, None);
    assert!(unsure(&d, "handover.deputy")
        .is_some_and(|u| vi(u) == "về việc bàn giao: câu này nêu 2 vai trò nhưng 1 đơn vị"));
}

#[test]
fn at_a_pledge_a_handover_names_the_years_holders() {
    let d = at_pledge(
        "Công an tỉnh Phú Thọ bàn giao Cụm trưởng, Cụm phó cho Công an tỉnh Yên Bái, Công an \
         tỉnh Lào Cai.",
    );
    assert_eq!(roles(&d), [Some("Yên Bái"), Some("Lào Cai"), None, None]);
}

#[test]
fn a_provincial_conference_misses_no_roles() {
    let d = ex(
        "Sáng 5-1, Công an tỉnh tổ chức hội nghị tổng kết phong trào thi đua năm 2023 và phát \
         động phong trào năm 2024.",
    );
    assert!(d.facts.provincial);
    assert!(d
        .unsure
        .iter()
        .all(|u| !u.field.contains("leader") && !u.field.contains("deputy")));
}

// ------------------------------------------------------------ honour status

fn statuses(text: &str) -> Vec<Option<HonourStatus>> {
    facts(text).honours.iter().map(|h| h.status).collect()
}

const P: Option<HonourStatus> = Some(HonourStatus::Proposed);
const C: Option<HonourStatus> = Some(HonourStatus::Conferred);

#[test]
fn suy_ton_de_nghi_de_xuat_propose() {
    assert_eq!(
        statuses(
            "Hội nghị suy tôn Công an tỉnh Yên Bái: Chính phủ tặng Cờ thi đua cho Công an tỉnh \
             Yên Bái."
        ),
        [P]
    );
    assert_eq!(
        statuses(
            "Cụm thống nhất đề nghị Bộ Công an tặng Bằng khen cho Công an các tỉnh: Phú Thọ, \
             Hà Giang và tặng Cờ thi đua cho Công an tỉnh Lào Cai."
        ),
        [P, P]
    );
    assert_eq!(
        statuses("Các đơn vị đề xuất Bộ Công an tặng Cờ thi đua cho Công an tỉnh Tuyên Quang."),
        [P]
    );
}

#[test]
fn duoc_tang_trao_duoc_nhan_tang_thuong_confer() {
    assert_eq!(
        facts("Công an tỉnh Hà Giang vinh dự được tặng Cờ thi đua của Bộ Công an.").honours,
        [conferred(honour(
            "Cờ thi đua của Bộ Công an",
            &["Hà Giang"],
            None,
            None
        ))]
    );
    assert_eq!(
        facts("Năm nay, Công an tỉnh Yên Bái được Bộ Công an tặng Bằng khen.").honours,
        [conferred(honour(
            "Bằng khen của Bộ trưởng Bộ Công an",
            &["Yên Bái"],
            None,
            None
        ))]
    );
    assert_eq!(
        statuses("Thứ trưởng Bộ Công an trao Cờ thi đua của Bộ Công an cho Công an tỉnh Lào Cai."),
        [C]
    );
    assert_eq!(
        statuses("Tại buổi lễ, 4 tập thể, 9 cá nhân được nhận Bằng khen của UBND tỉnh."),
        [C]
    );
    assert_eq!(
        facts("Công an tỉnh Lào Cai đã được nhận Bằng khen của UBND tỉnh.").honours,
        [conferred(honour(
            "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            &["Lào Cai"],
            None,
            None
        ))]
    );
    // look-alikes: "được" that is not receiving, a gift that is not an honour
    assert!(facts(
        "Phong trào của Công an tỉnh Phú Thọ được đánh giá cao, nhiều Bằng khen đã được trao."
    )
    .honours
    .is_empty());
    assert!(
        facts("Công an tỉnh Phú Thọ được lãnh đạo tỉnh tặng lẵng hoa.")
            .honours
            .is_empty()
    );
    assert_eq!(
        statuses("Bộ trưởng Bộ Công an tặng thưởng Bằng khen cho Công an tỉnh Phú Thọ."),
        [C]
    );
    assert_eq!(
        statuses("Chủ tịch nước đã tặng Huân chương Chiến công hạng Nhì cho Công an tỉnh Yên Bái."),
        [C]
    );
    // without its class the order is no title of the register: left out
    let d = ex("Chủ tịch nước đã tặng Huân chương Chiến công cho Công an tỉnh Yên Bái.");
    assert!(d.facts.honours.is_empty());
    assert!(unsure(&d, "honours").is_some_and(|u| u.reason.key == "import-honour-not-in-register"));
}

#[test]
fn a_status_the_article_does_not_give_is_left_out() {
    // look-alike: "đề nghị" as an exhortation in another sentence
    let d = ex(
        "Lãnh đạo tỉnh đề nghị các đơn vị tiếp tục phát huy. Bộ Công an tặng Bằng khen cho \
         Công an tỉnh Phú Thọ.",
    );
    assert_eq!(d.facts.honours.len(), 1);
    assert_eq!(d.facts.honours[0].status, None);
    let u = unsure(&d, "honours").expect("the status is listed");
    assert_eq!(u.reason.key, "import-honour-status-unsaid");
    assert!(
        vi(u).contains("“Bằng khen của Bộ trưởng Bộ Công an”"),
        "{}",
        vi(u)
    );
    let md = draft_md(&d, Language::Vi);
    assert!(!md.contains("status:"), "{md}");
    // proposed and conferred in one breath
    let d = ex("Cụm đề nghị Bộ Công an trao tặng Bằng khen cho Công an tỉnh Phú Thọ.");
    assert_eq!(d.facts.honours[0].status, None);
    assert!(unsure(&d, "honours").is_some_and(|u| u.reason.key == "import-honour-status-both"));
}

#[test]
fn the_draft_carries_the_handover_and_statuses() {
    let d = at_summary(
        "Dịp này, Cụm suy tôn, đề nghị Bộ Công an tặng Cờ thi đua cho Công an tỉnh Phú Thọ. \
         Công an tỉnh Phú Thọ bàn giao Cụm trưởng, Cụm phó cho Công an tỉnh Lào Cai, Công an \
         tỉnh Yên Bái.",
    );
    let md = draft_md(&d, Language::Vi);
    assert!(md.contains("\nleader: \"Phú Thọ\"\n"), "{md}");
    assert!(
        md.contains("\nhandover: {leader: \"Lào Cai\", deputy: \"Yên Bái\"}\n"),
        "{md}"
    );
    assert!(
        md.contains(
            "  - {title: \"Cờ thi đua của Bộ Công an\", to: [\"Phú Thọ\"], status: proposed}\n"
        ),
        "{md}"
    );
}

// ------------------------------------------------------ text and render

#[test]
fn sentences_split_but_not_after_abbreviations() {
    assert_eq!(
        split_sentences("Tại TP. Hồ Chí Minh có 2.079 lượt. Sau đó họp."),
        vec!["Tại TP. Hồ Chí Minh có 2.079 lượt.", "Sau đó họp."]
    );
}

#[test]
fn unit_names_lose_the_prefix_and_are_nfc() {
    // "Hà Tĩnh" written with combining marks
    let decomposed = "Ngày 5/12, tại Công an tỉnh Ha\u{300} Ti\u{303}nh, Cụm thi đua số 5 tổ chức hội nghị tổng kết.";
    assert_eq!(facts(decomposed).host.as_deref(), Some("Hà Tĩnh"));
}

#[test]
fn render_round_trips_awkward_strings() {
    let draft = Draft {
        facts: Facts {
            title: Some("Cụm \"thi đua\": số 2 # \\ năm 2024".into()),
            date: date(2024, 3, 18),
            cluster: Some(2),
            bloc: Some("Khối: \"các\" đơn vị".into()),
            kind: Some(Kind::Pledge),
            year: Some(2024),
            host: Some("Bà Rịa - Vũng Tàu".into()),
            members: names(&["Sơn La", "No", "yes", "null", "2024"]),
            awards_collectives: Some(1),
            awards_individuals: None,
            honours: vec![conferred(honour("Cờ: \"x\"", &["A, B"], Some(3), None))],
            leader: Some("true".into()),
            deputy: Some("- x".into()),
            handover_leader: Some("null".into()),
            handover_deputy: Some("Lạng Sơn: x".into()),
            provincial: false,
        },
        unsure: vec![Unsure {
            field: "date",
            reason: msg!("import-date-no-year", day = "line one\nline two"),
            sentence: Some("a\nb: c".into()),
            kept: false,
        }],
        evidence: vec![Evidence {
            field: "cluster",
            sentence: "Cụm thi đua số 2\n---\ntitle: x".into(),
        }],
    };
    let o = ImportOptions {
        source: Some("https://bao.example.vn/bài: \"x\".html".into()),
        ..opts()
    };
    let md = render(&draft, &o, Language::Vi);
    let end = md[4..].find("\n---\n").expect("end") + 4;
    let v: serde_yaml::Value = serde_yaml::from_str(&md[4..end]).expect("parses");
    assert_eq!(v["title"].as_str(), draft.facts.title.as_deref());
    assert_eq!(v["date"].as_str(), Some("2024-03-18"));
    assert_eq!(v["cluster"].as_u64(), Some(2));
    assert_eq!(v["bloc"].as_str(), Some("Khối: \"các\" đơn vị"));
    assert_eq!(v["host"].as_str(), Some("Bà Rịa - Vũng Tàu"));
    let members: Vec<&str> = v["members"]
        .as_sequence()
        .expect("list")
        .iter()
        .filter_map(|m| m.as_str())
        .collect();
    assert_eq!(members, ["Sơn La", "No", "yes", "null", "2024"]);
    assert_eq!(v["awards"]["collectives"].as_u64(), Some(1));
    assert!(v["awards"].get("individuals").is_none());
    assert_eq!(v["honours"][0]["title"].as_str(), Some("Cờ: \"x\""));
    assert_eq!(v["honours"][0]["to"][0].as_str(), Some("A, B"));
    assert_eq!(v["honours"][0]["collectives"].as_u64(), Some(3));
    assert_eq!(v["leader"].as_str(), Some("true"));
    assert_eq!(v["deputy"].as_str(), Some("- x"));
    assert_eq!(v["handover"]["leader"].as_str(), Some("null"));
    assert_eq!(v["handover"]["deputy"].as_str(), Some("Lạng Sơn: x"));
    assert_eq!(v["honours"][0]["status"].as_str(), Some("conferred"));
    assert_eq!(
        v["source"].as_str(),
        Some("https://bao.example.vn/bài: \"x\".html")
    );
    assert_eq!(v["draft"].as_bool(), Some(true));
    assert!(md.contains("#   date: bài báo ghi ngày line one line two nhưng không ghi năm\n"));
    // evidence stays on one comment line
    assert!(md.contains("#   cluster:\n#     «Cụm thi đua số 2 --- title: x»\n"));
}

#[test]
fn missing_title_leaves_a_todo() {
    let d = ex("Ngày 5/12, Cụm thi đua số 3 tổ chức hội nghị tổng kết năm 2023.");
    assert_eq!(d.facts.title, None);
    let md = draft_md(&d, Language::Vi);
    assert!(md.contains("#   title: cần bổ sung: đầu bài báo không có tiêu đề rõ ràng"));
    assert!(draft_md(&d, Language::En).contains("#   title: TODO: no clear headline"));

    assert!(!md.contains("\ntitle:"));
}

#[test]
fn file_names() {
    let mut d = Draft::default();
    assert_eq!(suggested_file_name(&d), "khac/nam-chua-ro-hoi-nghi.md");
    d.facts.cluster = Some(2);
    d.facts.kind = Some(Kind::Pledge);
    d.facts.year = Some(2024);
    assert_eq!(suggested_file_name(&d), "cum-2/2024-ky-ket.md");
    d.facts.cluster = None;
    d.facts.provincial = true;
    d.facts.kind = Some(Kind::Review);
    assert_eq!(suggested_file_name(&d), "tinh/2024-so-ket.md");
}

#[test]
fn windows_line_ends_and_city_names() {
    let text = "Cụm thi đua số 8 tổng kết phong trào thi đua năm 2023\r\n\r\n\
                Sáng ngày 12/12/2023, tại Công an TP Hồ Chí Minh, Cụm thi đua số 8 tổ chức hội \
                nghị tổng kết phong trào thi đua năm 2023.\r\n\
                Cụm gồm Công an các tỉnh, thành phố: TP Hồ Chí Minh, Bà Rịa - Vũng Tàu, Đồng Nai \
                và Bình Dương.\r\n";
    let f = facts(text);
    assert_eq!(f.date, date(2023, 12, 12));
    assert_eq!(f.cluster, Some(8));
    // the provinces list's name for the city, as `check` knows it
    assert_eq!(f.host.as_deref(), Some("Thành phố Hồ Chí Minh"));
    assert_eq!(
        f.members,
        names(&[
            "Thành phố Hồ Chí Minh",
            "Bà Rịa - Vũng Tàu",
            "Đồng Nai",
            "Bình Dương"
        ])
    );
    assert_eq!(
        f.title.as_deref(),
        Some("Cụm thi đua số 8 tổng kết phong trào thi đua năm 2023")
    );
}

#[test]
fn headline_cluster_wins_over_a_passing_mention() {
    let text = "Cụm thi đua số 2 tổng kết phong trào thi đua\n\n\
                Ngày 20/11, Cụm thi đua số 2 tổ chức hội nghị tổng kết năm 2019.\n\n\
                Đại diện Cụm thi đua số 3 cũng tới dự và chúc mừng.";
    assert_eq!(facts(text).cluster, Some(2));
}

// ------------------------------------------ patterns seen in real articles

#[test]
fn members_go_on_past_a_parenthesis() {
    let f = facts(
        "Ngày 2/12/2022, Cụm thi đua số 9 gồm Công an các tỉnh Trà Vinh (Cụm trưởng), \
         Sóc Trăng (Cụm phó), Vĩnh Long và Bến Tre tổ chức hội nghị tổng kết năm 2022.",
    );
    assert_eq!(
        f.members,
        names(&["Trà Vinh", "Sóc Trăng", "Vĩnh Long", "Bến Tre"])
    );
    assert_eq!(f.leader.as_deref(), Some("Trà Vinh"));
    assert_eq!(f.deputy.as_deref(), Some("Sóc Trăng"));
}

#[test]
fn a_missing_space_after_a_full_stop_does_not_join_a_name_to_the_next_word() {
    let f = facts(
        "Ngày 5/1/2023, tại Công an tỉnh Lạng Sơn, Cụm thi đua số 2 tổ chức hội nghị ký kết \
         giao ước thi đua năm 2023.Theo đó các đơn vị thống nhất nội dung. Cụm gồm Công an các \
         tỉnh: Lạng Sơn, Cao Bằng và Hà Giang.Trong năm, các đơn vị phấn đấu.",
    );
    assert_eq!(f.year, Some(2023));
    assert_eq!(f.members, names(&["Lạng Sơn", "Cao Bằng", "Hà Giang"]));
    // look-alike: an abbreviation with a full stop stays one word
    assert_eq!(super::text::normalize("TP.HCM"), "TP.HCM");
}

#[test]
fn a_combined_or_approximate_count_is_not_the_collectives() {
    for text in [
        "Trong năm, toàn Cụm có 3.120 lượt tập thể, cá nhân được khen thưởng.",
        "Trong năm, toàn Cụm có 3120 lượt tập thể và cá nhân được khen thưởng.",
        "Trong năm, toàn Cụm có gần 6.500 lượt tập thể, cá nhân được khen thưởng.",
        "Trong năm, có hơn 1.200 lượt tập thể và khoảng 3.400 lượt cá nhân được khen thưởng.",
    ] {
        let f = facts(text);
        assert_eq!(f.awards_collectives, None, "{text}");
        assert_eq!(f.awards_individuals, None, "{text}");
    }
    // look-alike that is a fact: the two counts, one "lượt" for both
    let f = facts("Cụm có 1.970 lượt tập thể và 7.126 cá nhân được khen thưởng.");
    assert_eq!(f.awards_collectives, Some(1970));
    assert_eq!(f.awards_individuals, Some(7126));
}

#[test]
fn an_assignment_gives_each_unit_its_own_role() {
    let f = facts(
        "Ngày 10/3/2021, Cụm thi đua số 4 tổ chức hội nghị ký kết giao ước thi đua năm 2021. \
         Bộ Công an phân công Công an tỉnh Quảng Bình là đơn vị Cụm trưởng, Công an tỉnh Hà \
         Tĩnh Cụm phó.",
    );
    assert_eq!(f.leader.as_deref(), Some("Quảng Bình"));
    assert_eq!(f.deputy.as_deref(), Some("Hà Tĩnh"));
}

#[test]
fn a_pledge_mentioned_in_a_review_does_not_make_it_a_pledge() {
    let f = facts(
        "Ngày 20/7/2019, Cụm thi đua số 3 tổ chức hội nghị sơ kết 6 tháng đầu năm 2019. Các \
         đơn vị đã thực hiện tốt nội dung ký kết giao ước thi đua từ đầu năm.",
    );
    assert_eq!(f.kind, Some(Kind::Review));
}

#[test]
fn a_cluster_of_a_provinces_own_police_has_no_number() {
    for text in [
        "Ngày 8/1/2023, Cụm thi đua số 3 - Công an tỉnh Nghệ An tổ chức hội nghị ký kết giao \
         ước năm 2023.",
        "Ngày 8/1/2023, Cụm thi đua số 5 Công an TP Hải Phòng tổ chức hội nghị ký kết giao \
         ước năm 2023.",
        "Ngày 8/1/2023, Cụm thi đua số 4, gồm 7 đơn vị thuộc khối an ninh của CATP tổ chức \
         hội nghị ký kết giao ước năm 2023.",
        "Ngày 8/1/2023, Cụm thi đua số 2 gồm Công an các huyện: Ba Vì, Sơn Tây và Phúc Thọ tổ \
         chức hội nghị ký kết giao ước năm 2023.",
    ] {
        let d = ex(text);
        assert_eq!(d.facts.cluster, None, "{text}");
        assert!(d.facts.provincial, "{text}");
        assert!(unsure(&d, "cluster").is_some(), "{text}");
    }
    // look-alike: a ministry cluster whose host is named after it
    let f = facts(
        "Ngày 8/1/2023, tại Công an tỉnh Nghệ An, Cụm thi đua số 3 tổ chức hội nghị ký kết giao \
         ước năm 2023.",
    );
    assert_eq!(f.cluster, Some(3));
}

#[test]
fn a_leader_named_by_the_head_of_its_department() {
    let f = facts(
        "Chiều 20/11/2022, tại Hà Nội, Cụm thi đua số 3 – Khối các đơn vị trực thuộc Bộ \
         trưởng tổ chức Hội nghị tổng kết phong trào thi đua năm 2022. Thiếu tướng Trần Văn A, \
         Cục trưởng Cục Hồ sơ nghiệp vụ, Cụm trưởng Cụm thi đua số 3, chủ trì Hội nghị. Cụm \
         gồm các đơn vị: Cục Hồ sơ nghiệp vụ, Cục Quản lý hành chính về trật tự xã hội và Bộ \
         Tư lệnh Cảnh sát cơ động.",
    );
    assert_eq!(f.leader.as_deref(), Some("Cục Hồ sơ nghiệp vụ"));
    assert_eq!(
        f.bloc.as_deref(),
        Some("Khối các đơn vị trực thuộc Bộ trưởng")
    );
    assert_eq!(
        f.members,
        names(&[
            "Cục Hồ sơ nghiệp vụ",
            "Cục Quản lý hành chính về trật tự xã hội",
            "Bộ Tư lệnh Cảnh sát cơ động"
        ])
    );
    // look-alike: a person, no unit, called Cụm trưởng
    let f = facts(
        "Ngày 2/12/2022, Cụm thi đua số 3 tổ chức hội nghị tổng kết năm 2022. Đại tá Trần Văn \
         B, Cụm trưởng Cụm thi đua số 3, phát biểu.",
    );
    assert_eq!(f.leader, None);
}

#[test]
fn department_lists_split_at_semicolons_keep_their_commas() {
    let f = facts(
        "Ngày 3/3/2024, các đơn vị trong Cụm thi đua số 5 - Khối các đơn vị trực thuộc Bộ, \
         gồm: Cục Cảnh sát giao thông; Cục Cảnh sát PCTP về kinh tế, tham nhũng, buôn lậu; \
         Viện Khoa học hình sự và Bộ Tư lệnh Cảnh vệ đã tổ chức hội nghị ký kết giao ước thi \
         đua năm 2024.",
    );
    assert_eq!(
        f.members,
        names(&[
            "Cục Cảnh sát giao thông",
            "Cục Cảnh sát PCTP về kinh tế, tham nhũng, buôn lậu",
            "Viện Khoa học hình sự",
            "Bộ Tư lệnh Cảnh vệ"
        ])
    );
}

#[test]
fn member_lists_announced_in_other_ways() {
    for (text, want) in [
        (
            "Cụm thi đua số 1 gồm Công an 3 thành phố: Hải Phòng, Đà Nẵng và Cần Thơ.",
            vec!["Hải Phòng", "Đà Nẵng", "Cần Thơ"],
        ),
        (
            "Cụm thi đua số 2 gồm Công an năm tỉnh: Lạng Sơn, Cao Bằng, Hà Giang, Lào Cai và \
             Lai Châu.",
            vec!["Lạng Sơn", "Cao Bằng", "Hà Giang", "Lào Cai", "Lai Châu"],
        ),
        (
            "Tham dự có lãnh đạo Công an 03 tỉnh trong Cụm thi đua số 4, gồm: Phú Thọ, Bắc Ninh \
             và Hưng Yên.",
            vec!["Phú Thọ", "Bắc Ninh", "Hưng Yên"],
        ),
        (
            "Công an tỉnh Gia Lai cùng Công an các tỉnh Kon Tum, Đắk Lắk và Đắk Nông trong Cụm \
             thi đua số 6 ký kết giao ước thi đua.",
            vec!["Gia Lai", "Kon Tum", "Đắk Lắk", "Đắk Nông"],
        ),
    ] {
        assert_eq!(facts(text).members, names(&want), "{text}");
    }
    // look-alike: an announced count that the list does not match
    let d = ex("Cụm thi đua số 2 gồm Công an năm tỉnh: Lạng Sơn, Cao Bằng và Hà Giang.");
    assert!(d.facts.members.is_empty());
    assert!(unsure(&d, "members").is_some());
}

/// Every title the importer composes from its words ("Bằng khen" by "Bộ
/// Công an") is one the register knows, and it writes the register's name:
/// the draft's honours are the ones `check` finds.
#[test]
fn every_title_the_importer_composes_is_in_the_register() {
    use crate::validate::honours::{Register, Resolved};
    use crate::vi::honours::{with_giver, GIVEN_BY, GIVERS, TITLE_WORDS};
    let register = Register::default();
    let known = |t: &str| match register.resolve(t) {
        Resolved::Known(e) => Some(e.name),
        Resolved::Unknown { .. } => None,
    };
    // the table of what each giver gives is exactly what the register knows
    let mut composed = 0;
    for (_, giver) in GIVERS {
        for (_, title) in TITLE_WORDS {
            let t = with_giver(title, giver);
            let listed = GIVEN_BY
                .iter()
                .any(|(g, titles)| *g == giver && titles.contains(&title));
            assert_eq!(known(&t).is_some(), listed, "{t}");
            composed += usize::from(listed);
        }
    }
    assert!(composed >= 10, "{composed}");
    // and the importer, reading each giver and title as articles write
    // them, writes only the register's names
    let cap = |s: &str| {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    let mut written = 0;
    for (giver, _) in GIVERS {
        for (title, _) in TITLE_WORDS {
            for text in [
                format!("{} tặng {title} cho Công an tỉnh Phú Thọ.", cap(giver)),
                format!("Công an tỉnh Phú Thọ được {giver} tặng {title}."),
                format!("12 tập thể được {giver} tặng {title}."),
            ] {
                let d = ex(&text);
                for h in &d.facts.honours {
                    assert_eq!(known(&h.title).as_deref(), Some(h.title.as_str()), "{text}");
                    written += 1;
                }
                if d.facts.honours.is_empty() {
                    assert!(unsure(&d, "honours").is_some(), "{text}");
                }
            }
        }
    }
    assert!(written >= 30, "{written}");
    // a title the article names in full needs no giver: the State's orders
    let f = facts(
        "Công an tỉnh Phú Thọ vinh dự được tặng Huân chương Bảo vệ Tổ quốc hạng III; Công an \
         tỉnh Lào Cai được Chủ tịch nước tặng Huân chương Chiến công hạng Nhất.",
    );
    let titles: Vec<&str> = f.honours.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Huân chương Bảo vệ Tổ quốc hạng Ba",
            "Huân chương Chiến công hạng Nhất"
        ]
    );
}

#[test]
fn a_passive_honour_gets_the_registers_name() {
    let f = facts(
        "Dịp này, Công an tỉnh Bình Dương được tặng Cờ thi đua xuất sắc của Chính phủ; Công an \
         Thành phố Hà Nội được nhận Giấy khen của Giám đốc Công an thành phố.",
    );
    assert_eq!(
        f.honours,
        [
            conferred(honour(
                "Cờ thi đua của Chính phủ",
                &["Bình Dương"],
                None,
                None
            )),
            conferred(honour(
                "Giấy khen của Giám đốc Công an tỉnh",
                &["Hà Nội"],
                None,
                None
            )),
        ]
    );
}

#[test]
fn honours_in_the_passive_and_to_district_police() {
    let f = facts(
        "Tại hội nghị, Công an tỉnh Bình Dương được tặng Cờ thi đua xuất sắc của Chính phủ. \
         Công an huyện Dầu Tiếng vinh dự được nhận Bằng khen của Bộ Công an.",
    );
    let to: Vec<Vec<String>> = f.honours.iter().map(|h| h.to.clone()).collect();
    assert_eq!(to, vec![names(&["Bình Dương"]), names(&["Dầu Tiếng"])]);
    assert!(f
        .honours
        .iter()
        .all(|h| h.status == Some(HonourStatus::Conferred)));
}

#[test]
fn a_handover_to_the_leaders_of_a_province_police() {
    let f = facts(
        "Ngày 12/12/2023, Cụm thi đua số 2 tổ chức hội nghị tổng kết năm 2023. Kết thúc hội \
         nghị, Công an tỉnh Điện Biên bàn giao đơn vị Cụm trưởng năm 2024 cho lãnh đạo Công an \
         tỉnh Lào Cai.",
    );
    assert_eq!(f.handover_leader.as_deref(), Some("Lào Cai"));
    assert_eq!(f.leader.as_deref(), Some("Điện Biên"));
}

#[test]
fn a_host_from_held_in_and_from_the_organiser() {
    let f = facts(
        "Hội nghị tổng kết phong trào thi đua năm 2021 của Cụm thi đua số 4 được tổ chức tại \
         Quảng Trị.",
    );
    assert_eq!(f.host.as_deref(), Some("Quảng Trị"));
    let f =
        facts("Ngày 07/01/2022, Công an tỉnh Bến Tre tổ chức hội nghị tổng kết công tác năm 2021.");
    assert_eq!(f.host.as_deref(), Some("Bến Tre"));
    // look-alike: a unit that speaks is no host
    let f = facts(
        "Ngày 07/01/2022, Cụm thi đua số 8 tổ chức hội nghị tổng kết năm 2021; Công an tỉnh \
         Bến Tre phát biểu.",
    );
    assert_eq!(f.host, None);
}

#[test]
fn a_cluster_and_bloc_after_thuoc() {
    let f = facts(
        "Ngày 9/1/2024, các đơn vị thuộc Cụm thi đua số 1 – khối các đơn vị trực thuộc Bộ tổ \
         chức hội nghị ký kết giao ước thi đua năm 2024.",
    );
    assert_eq!(f.cluster, Some(1));
    assert_eq!(f.bloc.as_deref(), Some("khối các đơn vị trực thuộc Bộ"));
}

#[test]
fn a_spring_conference_reports_on_the_year_just_past() {
    let f = facts(
        "Ngày 15/1/2022, Cụm thi đua số 6 tổ chức hội nghị tổng kết công tác năm 2021 vừa qua \
         và triển khai nhiệm vụ năm 2022.",
    );
    assert_eq!(f.year, Some(2021));
    assert_eq!(f.date, date(2022, 1, 15));
}

#[test]
fn every_value_kept_names_the_sentence_it_was_read_from() {
    let d = ex(
        "Ngày 6/12/2023, tại Công an tỉnh Phú Thọ, Cụm thi đua số 7 tổ chức hội nghị tổng kết \
         năm 2023. Cụm gồm Công an các tỉnh: Phú Thọ, Yên Bái và Lào Cai. Công an tỉnh Hà \
         Giang phát biểu.",
    );
    let fields: Vec<&str> = d.evidence.iter().map(|e| e.field).collect();
    for want in ["cluster", "kind", "year", "date", "host", "members"] {
        assert!(fields.contains(&want), "{want}: {fields:?}");
    }
    let members = d
        .evidence
        .iter()
        .find(|e| e.field == "members")
        .expect("members");
    assert!(
        members.sentence.starts_with("Cụm gồm"),
        "{}",
        members.sentence
    );
    // a field left out has no evidence, only its reason
    assert!(!fields.contains(&"leader"));
    assert!(unsure(&d, "leader").is_some());
}

#[test]
fn the_year_after_ky_ket_giao_uoc_and_not_the_year_reported_before() {
    let f = facts(
        "Năm 2020, các đơn vị trong Cụm đạt nhiều thành tích. Tại hội nghị, các đơn vị đã thông \
         qua quy chế và ký kết giao ước thi đua Cụm năm 2021.",
    );
    assert_eq!(f.kind, Some(Kind::Pledge));
    assert_eq!(f.year, Some(2021));
}

#[test]
fn the_holder_who_organises_an_election_stays_the_holder() {
    let d = ex(
        "Chiều ngày 12/12/2023, Công an tỉnh Cao Bằng - đơn vị Cụm trưởng Cụm thi đua số 2 tổ \
         chức Hội nghị tổng kết năm 2023 và bầu chọn Công an tỉnh Lào Cai là đơn vị Cụm trưởng, \
         Công an tỉnh Hà Giang là đơn vị Cụm phó năm 2024.",
    );
    let f = &d.facts;
    assert_eq!(f.leader.as_deref(), Some("Cao Bằng"));
    assert_eq!(f.host.as_deref(), Some("Cao Bằng"));
    assert_eq!(f.handover_leader.as_deref(), Some("Lào Cai"));
    assert_eq!(f.handover_deputy.as_deref(), Some("Hà Giang"));
    // look-alike: the units elected are not this year's holders
    assert_eq!(f.deputy, None);
}
