//! Unit tests for each pattern, and for the text that only looks like one.

use super::text::{parse_count, split_sentences};
use super::*;

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
    assert!(d.unsure.iter().any(|u| u.field == "date" && u.kept));
}

#[test]
fn two_conference_days_disagree() {
    let d = ex(
        "Ngày 22/11, Cụm thi đua số 5 tổ chức hội nghị tổng kết năm 2022. \
                Sáng 23/11, hội nghị tổng kết tiếp tục với phần thảo luận.",
    );
    assert_eq!(d.facts.date, None);
    let u = unsure(&d, "date").expect("listed");
    assert!(u.reason.contains("22/11") && u.reason.contains("23/11"));
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
    let text = "Cụm thi đua số 2 tổng kết phong trào thi đua “Vì an ninh Tổ quốc”\n\
                - Cụm thi đua số 11 và 12 tổng kết phong trào thi đua “Vì an ninh Tổ quốc”\n\
                - Cụm thi đua số 3, Bộ Công an tổng kết phong trào thi đua năm 2016\n\
                Trong năm 2017, Công an 7 tỉnh phía Bắc đã tổ chức nhiều đợt thi đua.";
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
        .any(|u| u.field == "cluster" && u.kept && u.reason.contains('3')));
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
    assert!(unsure(&d, "members").is_some_and(|u| u.reason.contains('5')));
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
        "Trong đó đề ra 7 nhiệm vụ trọng tâm, đó là: Chủ động nắm chắc tình hình, bảo vệ an \
         ninh quốc gia.",
    );
    assert!(f.members.is_empty());
    let f = facts(
        "Bộ Công an tặng Bằng khen cho Công an 3 tỉnh: Điện Biên, Lào Cai, Sơn La có thành tích \
         xuất sắc.",
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
    assert!(u.reason.contains("2079") && u.reason.contains("2097"));
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
    }
}

#[test]
fn per_honour_counts() {
    let f = facts(
        "Tại hội nghị, 2 tập thể có thành tích tiêu biểu đã vinh dự được nhận Cờ Thi đua xuất \
         sắc của UBND tỉnh; 10 tập thể được nhận Bằng khen của Bộ Công an; 8 tập thể, 12 cá \
         nhân được nhận Bằng khen của UBND tỉnh; 18 tập thể, 56 cá nhân được Công an tỉnh tặng \
         Giấy khen./.",
    );
    assert_eq!(
        f.honours,
        vec![
            honour("Cờ thi đua xuất sắc của UBND tỉnh", &[], Some(2), None),
            honour("Bằng khen của Bộ Công an", &[], Some(10), None),
            honour("Bằng khen của UBND tỉnh", &[], Some(8), Some(12)),
            honour("Giấy khen của Công an tỉnh", &[], Some(18), Some(56)),
        ]
    );
}

#[test]
fn honours_to_named_units() {
    let f = facts(
        "Dịp này, Cụm thống nhất suy tôn và đề nghị: Chính phủ tặng Cờ thi đua xuất sắc cho \
         Công an tỉnh Lai Châu; Bộ Công an tặng Cờ thi đua cho Công an các tỉnh: Cao Bằng, Lạng \
         Sơn, Hà Giang và tặng Bằng khen cho Công an 3 tỉnh: Điện Biên, Lào Cai, Sơn La có thành \
         tích xuất sắc.",
    );
    assert_eq!(
        f.honours,
        vec![
            honour(
                "Cờ thi đua xuất sắc của Chính phủ",
                &["Lai Châu"],
                None,
                None
            ),
            honour(
                "Cờ thi đua của Bộ Công an",
                &["Cao Bằng", "Lạng Sơn", "Hà Giang"],
                None,
                None
            ),
            honour(
                "Bằng khen của Bộ Công an",
                &["Điện Biên", "Lào Cai", "Sơn La"],
                None,
                None
            ),
        ]
    );
    let f = facts(
        "Các đại biểu bình xét, suy tôn đề nghị Thủ tướng Chính phủ tặng cờ cho: Công an tỉnh \
         Lạng Sơn; Bộ Công an tặng cờ cho Công an 3 tỉnh: Sơn La; Điện Biên, Lào Cai trong thực \
         hiện phong trào thi đua năm 2017.",
    );
    assert_eq!(
        f.honours,
        vec![
            honour("Cờ thi đua của Chính phủ", &["Lạng Sơn"], None, None),
            honour(
                "Cờ thi đua của Bộ Công an",
                &["Sơn La", "Điện Biên", "Lào Cai"],
                None,
                None
            ),
        ]
    );
}

#[test]
fn honours_to_unnamed_units_or_without_giver_are_left_out() {
    let f = facts(
        "Lãnh đạo Bộ Công an trao Bằng khen cho các tập thể có thành tích xuất sắc trong phong \
         trào thi đua năm 2021.",
    );
    assert!(f.honours.is_empty());
    let d = ex("Hội nghị tặng Bằng khen cho Công an tỉnh Lai Châu.");
    assert!(d.facts.honours.is_empty());
    assert!(unsure(&d, "honours").is_some_and(|u| u.sentence.is_some()));
    let d = ex("Bộ Công an tặng Bằng khen cho Công an 3 tỉnh: Điện Biên, Lào Cai.");
    assert!(d.facts.honours.is_empty());
    assert!(unsure(&d, "honours").is_some_and(|u| u.reason.contains('3')));
}

// --------------------------------------------------------- leader, deputy

#[test]
fn handover_to_leader_and_deputy() {
    let f = facts(
        "Tại Hội nghị, lãnh đạo Công an tỉnh Lai Châu bàn giao đơn vị Cụm trưởng Cụm thi đua số \
         II cho Công an tỉnh Lạng Sơn, Phó Cụm trưởng Cụm thi đua cho Công an tỉnh Cao Bằng./.",
    );
    assert_eq!(f.leader.as_deref(), Some("Lạng Sơn"));
    assert_eq!(f.deputy.as_deref(), Some("Cao Bằng"));
    let f = facts(
        "Đại tá Nguyễn Thị Thúy Thanh trao quyền Cụm trưởng, Cụm phó Cụm Thi đua số 5 cho Công an \
         tỉnh Quảng Bình, Công an tỉnh Quảng Trị.",
    );
    assert_eq!(f.leader.as_deref(), Some("Quảng Bình"));
    assert_eq!(f.deputy.as_deref(), Some("Quảng Trị"));
}

#[test]
fn handover_beats_the_outgoing_leader() {
    let f = facts(
        "Phó Cục trưởng ghi nhận Công an tỉnh Hà Tĩnh đã hoàn thành xuất sắc đơn vị Cụm trưởng \
         Cụm Thi đua số 5. Giám đốc Công an tỉnh Hà Tĩnh đã bàn giao trách nhiệm đơn vị Cụm \
         trưởng Cụm Thi đua năm 2023 cho Công an tỉnh Quảng Bình.",
    );
    assert_eq!(f.leader.as_deref(), Some("Quảng Bình"));
    assert_eq!(f.deputy, None);
}

#[test]
fn current_leader_forms() {
    let l = |s: &str| facts(s).leader;
    assert_eq!(
        l("Ngày 18/3 tại Sơn La (đơn vị Cụm trưởng), Cụm thi đua số 2 tổ chức hội nghị."),
        Some("Sơn La".into())
    );
    assert_eq!(
        l("Với vai trò đơn vị Cụm trưởng, Công an tỉnh Lạng Sơn đã phát huy tính chủ động."),
        Some("Lạng Sơn".into())
    );
    assert_eq!(
        l("Xây nhà tình nghĩa cho cán bộ có hoàn cảnh khó khăn tại đơn vị Cụm trưởng."),
        None
    );
}

#[test]
fn handovers_that_disagree() {
    let d = ex(
        "Công an tỉnh A bàn giao Cụm trưởng cho Công an tỉnh Lạng Sơn. Sau đó, Đại tá B \
                trao quyền Cụm trưởng cho Công an tỉnh Cao Bằng.",
    );
    assert_eq!(d.facts.leader, None);
    assert!(unsure(&d, "leader").is_some_and(|u| u.sentence.is_some()));
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
            kind: Some(Kind::Pledge),
            year: Some(2024),
            host: Some("Bà Rịa - Vũng Tàu".into()),
            members: names(&["Sơn La", "No", "yes", "null", "2024"]),
            awards_collectives: Some(1),
            awards_individuals: None,
            honours: vec![honour("Cờ: \"x\"", &["A, B"], Some(3), None)],
            leader: Some("true".into()),
            deputy: Some("- x".into()),
            provincial: false,
        },
        unsure: vec![Unsure {
            field: "date",
            reason: "line one\nline two".into(),
            sentence: Some("a\nb: c".into()),
            kept: false,
        }],
    };
    let o = ImportOptions {
        source_name: "bài: \"x\".txt".into(),
        ..opts()
    };
    let md = render(&draft, &o);
    let end = md[4..].find("\n---\n").expect("end") + 4;
    let v: serde_yaml::Value = serde_yaml::from_str(&md[4..end]).expect("parses");
    assert_eq!(v["title"].as_str(), draft.facts.title.as_deref());
    assert_eq!(v["date"].as_str(), Some("2024-03-18"));
    assert_eq!(v["cluster"].as_u64(), Some(2));
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
    assert_eq!(v["source"].as_str(), Some("bài: \"x\".txt"));
    assert_eq!(v["draft"].as_bool(), Some(true));
    assert!(md.contains("#   date: line one line two\n"));
}

#[test]
fn missing_title_leaves_a_todo() {
    let d = ex("Ngày 5/12, Cụm thi đua số 3 tổ chức hội nghị tổng kết năm 2023.");
    assert_eq!(d.facts.title, None);
    let md = render(&d, &opts());
    assert!(md.contains("#   title: TODO"));
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
    assert_eq!(f.host.as_deref(), Some("Hồ Chí Minh"));
    assert_eq!(
        f.members,
        names(&["Hồ Chí Minh", "Bà Rịa - Vũng Tàu", "Đồng Nai", "Bình Dương"])
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
