//! Award counts: whole numbers, written 2847 or "2.847" (Vietnamese thousands separator).

use serde_yaml::Value;

use crate::messages::{Arg, Msg};

/// Why a count was refused; the message takes the field's name as `{field}`.
#[derive(Debug, PartialEq, Eq)]
pub struct CountError {
    pub message: Msg,
    pub help: Msg,
}

/// Reads a count; `Ok(None)` for an empty value (left to fill in).
pub fn parse(value: &Value) -> Result<Option<u64>, CountError> {
    match value {
        Value::Null => Ok(None),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                Ok(Some(u))
            } else if n.as_i64().is_some() {
                Err(CountError {
                    message: msg!("count-negative", value = n.to_string()),
                    help: msg!("help-count-negative"),
                })
            } else {
                let f = n.as_f64().unwrap_or_default();
                let suggestion = if f > 0.0 && f < 1000.0 {
                    Arg::from((f * 1000.0).round() as u64)
                } else {
                    Arg::Key("word-whole-number")
                };
                Err(CountError {
                    message: msg!("count-decimal", value = n.to_string()),
                    help: msg!(
                        "help-count-decimal",
                        value = n.to_string(),
                        suggestion = suggestion
                    ),
                })
            }
        }
        Value::String(s) => parse_text(s).map(Some),
        other => Err(CountError {
            message: msg!("count-not-a-count", found = Arg::Key(describe(other))),
            help: msg!("help-count-whole"),
        }),
    }
}

/// Reads "2847", "2.847" or "1.234.567"; spaces around are ignored.
pub fn parse_text(s: &str) -> Result<u64, CountError> {
    let t = s.trim();
    if let Some(n) = crate::vi::counts::parse(t) {
        return Ok(n);
    }
    let help = if t.starts_with('-') {
        msg!("help-count-negative")
    } else if t.contains(',') {
        msg!("help-count-comma")
    } else {
        msg!("help-count-whole")
    };
    Err(CountError {
        message: msg!("count-not-a-number", value = t),
        help,
    })
}

/// The catalog key of the kind of a value ("a list"), for messages.
pub fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null => "word-nothing",
        Value::Bool(_) => "word-true-false",
        Value::Number(_) => "word-number",
        Value::String(_) => "word-text",
        Value::Sequence(_) => "word-list",
        Value::Mapping(_) => "word-mapping",
        Value::Tagged(_) => "word-tagged",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(s: &str) -> Value {
        serde_yaml::from_str(s).unwrap()
    }

    #[test]
    fn reads_plain_and_grouped_counts() {
        assert_eq!(parse(&yaml("2847")), Ok(Some(2847)));
        assert_eq!(parse(&yaml("\"2.847\"")), Ok(Some(2847)));
        assert_eq!(parse(&yaml("\"250.000\"")), Ok(Some(250_000)));
        assert_eq!(parse(&yaml("\" 9341 \"")), Ok(Some(9341)));
        assert_eq!(parse(&yaml("~")), Ok(None));
    }

    use crate::messages::Language;

    #[test]
    fn float_count_suggests_the_whole_number() {
        let e = parse(&yaml("2.847")).unwrap_err();
        assert_eq!(e.message.key, "count-decimal");
        let help = e.help.text(Language::En);
        assert!(help.contains("write 2847"), "{help}");
    }

    /// The help quotes the value as written, not always "2.847".
    #[test]
    fn decimal_help_quotes_the_value_written() {
        let e = parse(&yaml("1.5")).unwrap_err();
        let en = e.help.text(Language::En);
        assert!(en.starts_with("YAML reads 1.5 as a decimal"), "{en}");
        assert!(en.contains("write 1500 or quote it as \"1.5\""), "{en}");
        assert!(!en.contains("2.847"), "{en}");
        let vi = e.help.text(Language::Vi);
        assert!(vi.contains("1.5") && vi.contains("1500"), "{vi}");
        assert!(!vi.contains("2.847"), "{vi}");
    }

    #[test]
    fn negative_and_text_counts_are_refused() {
        let key = |s: &str| parse(&yaml(s)).unwrap_err().message.key;
        assert_eq!(key("-5"), "count-negative");
        assert_eq!(key("\"nhiều\""), "count-not-a-number");
        assert!(parse(&yaml("\"2.84\"")).is_err());
        assert_eq!(
            parse(&yaml("\"2,847\"")).unwrap_err().help.key,
            "help-count-comma"
        );
        let list = parse(&yaml("[1]")).unwrap_err().message;
        assert_eq!(list.key, "count-not-a-count");
        assert!(list.text(Language::En).contains("a list"));
        assert!(list.text(Language::Vi).contains("danh sách"));
    }
}
