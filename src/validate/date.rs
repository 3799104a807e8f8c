//! Conference dates: ISO `2023-11-25` or Vietnamese day-first `25/11/2023`.

use chrono::{Datelike, NaiveDate};

/// Why a date was refused, and how to write it instead.
#[derive(Debug, PartialEq, Eq)]
pub struct DateError {
    pub message: String,
    pub help: String,
}

const FORMS: &str = "write 2023-11-25 or 25/11/2023";

pub fn parse(text: &str) -> Result<NaiveDate, DateError> {
    let t = text.trim();
    let err = |message: String, help: &str| DateError {
        message,
        help: help.to_string(),
    };
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
                _ => Err(err(format!("cannot read the date \"{t}\""), FORMS)),
            }
        }
        [_, y] | [y, _] if all_digits && y.len() == 4 => Err(err(
            format!("\"{t}\" gives a month but no day"),
            "a conference has a day: write it in full, e.g. 25/11/2023 or 2023-11-25",
        )),
        [_, _] | [_, _, _] if all_digits => Err(err(
            format!("\"{t}\" is ambiguous: the year is not written in full"),
            "write the year with four digits, e.g. 25/11/2023 or 2023-11-25",
        )),
        _ => Err(err(format!("cannot read the date \"{t}\""), FORMS)),
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
        "the month must be 1 to 12; day-first dates are written 25/11/2023".to_string()
    } else {
        let days = days_in_month(y, m);
        format!("month {m} of {y} has {days} days")
    };
    Err(DateError {
        message: format!("\"{text}\" is not a date on the calendar"),
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

    #[test]
    fn impossible_dates_are_not_rolled_over() {
        let e = parse("2023-02-30").unwrap_err();
        assert!(e.message.contains("not a date"));
        assert_eq!(e.help, "month 2 of 2023 has 28 days");
        assert!(parse("29/02/2024").is_ok());
        assert!(parse("31/04/2024").unwrap_err().help.contains("30 days"));
        assert!(parse("2023-13-01").unwrap_err().help.contains("1 to 12"));
    }

    #[test]
    fn month_and_year_alone_is_refused() {
        let e = parse("11/2023").unwrap_err();
        assert!(e.message.contains("no day"), "{e:?}");
        assert!(parse("25/11/23").unwrap_err().message.contains("ambiguous"));
        assert!(parse("hôm qua")
            .unwrap_err()
            .message
            .contains("cannot read"));
    }
}
