//! Conference dates: ISO `2023-11-25` or Vietnamese day-first `25/11/2023`.

use chrono::{Datelike, NaiveDate};

use crate::messages::Msg;

/// Why a date was refused, and how to write it instead.
#[derive(Debug, PartialEq, Eq)]
pub struct DateError {
    pub message: Msg,
    pub help: Msg,
}

pub fn parse(text: &str) -> Result<NaiveDate, DateError> {
    let t = text.trim();
    let err = |message: Msg, help: Msg| DateError { message, help };
    // An ISO date, possibly followed by a time: 2023-11-25 or 2023-11-25T08:00.
    let iso_part = t.get(..10).filter(|p| {
        let b = p.as_bytes();
        b.len() == 10 && b[4] == b'-' && b[7] == b'-'
    });
    if let Some(p) = iso_part {
        let rest = &t[10..];
        if rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ') {
            let (y, m, d) = (num(&p[..4]), num(&p[5..7]), num(&p[8..10]));
            if let (Some(y), Some(m), Some(d)) = (y, m, d) {
                return ymd(t, y as i32, m, d);
            }
        }
    }
    let parts: Vec<&str> = t.split(['/', '-', '.']).map(str::trim).collect();
    let all_digits = parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    match parts.as_slice() {
        [d, m, y] if all_digits && y.len() == 4 && d.len() <= 2 && m.len() <= 2 => {
            match (num(d), num(m), num(y)) {
                (Some(d), Some(m), Some(y)) => ymd(t, y as i32, m, d),
                _ => Err(err(
                    msg!("date-unreadable", date = t),
                    msg!("help-date-forms"),
                )),
            }
        }
        [_, y] | [y, _] if all_digits && y.len() == 4 => {
            Err(err(msg!("date-no-day", date = t), msg!("help-date-no-day")))
        }
        [_, _] | [_, _, _] if all_digits => Err(err(
            msg!("date-short-year", date = t),
            msg!("help-date-short-year"),
        )),
        _ => Err(err(
            msg!("date-unreadable", date = t),
            msg!("help-date-forms"),
        )),
    }
}

fn num(s: &str) -> Option<u32> {
    s.parse().ok()
}

fn ymd(text: &str, y: i32, m: u32, d: u32) -> Result<NaiveDate, DateError> {
    if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
        return Ok(date);
    }
    let help = if !(1..=12).contains(&m) {
        msg!("help-month-range")
    } else {
        let days = days_in_month(y, m);
        msg!("help-month-days", month = m, year = y, days = days)
    };
    Err(DateError {
        message: msg!("date-not-on-calendar", date = text),
        help,
    })
}

fn days_in_month(y: i32, m: u32) -> u32 {
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).map_or(31, |d| d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn reads_iso_and_day_first() {
        assert_eq!(parse("2023-11-25"), Ok(d(2023, 11, 25)));
        assert_eq!(parse("25/11/2023"), Ok(d(2023, 11, 25)));
        assert_eq!(parse("4-1-2022"), Ok(d(2022, 1, 4)));
        assert_eq!(parse(" 18.03.2024 "), Ok(d(2024, 3, 18)));
        assert_eq!(parse("2023-11-25T08:30:00"), Ok(d(2023, 11, 25)));
    }

    use crate::messages::Language;

    #[test]
    fn impossible_dates_are_not_rolled_over() {
        let e = parse("2023-02-30").unwrap_err();
        assert_eq!(e.message.key, "date-not-on-calendar");
        assert_eq!(e.help.text(Language::En), "month 2 of 2023 has 28 days");
        assert_eq!(e.help.text(Language::Vi), "tháng 2 năm 2023 có 28 ngày");
        assert!(parse("29/02/2024").is_ok());
        let april = parse("31/04/2024").unwrap_err().help.text(Language::En);
        assert!(april.contains("30 days"), "{april}");
        assert_eq!(
            parse("2023-13-01").unwrap_err().help.key,
            "help-month-range"
        );
    }

    #[test]
    fn month_and_year_alone_is_refused() {
        let e = parse("11/2023").unwrap_err();
        assert_eq!(e.message.key, "date-no-day", "{e:?}");
        assert_eq!(
            parse("25/11/23").unwrap_err().message.key,
            "date-short-year"
        );
        assert_eq!(parse("hôm qua").unwrap_err().message.key, "date-unreadable");
    }
}
