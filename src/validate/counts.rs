//! Award counts: whole numbers, written 2847 or "2.847" (Vietnamese thousands separator).

use serde_yaml::Value;

#[derive(Debug, PartialEq, Eq)]
pub struct CountError {
    pub message: String,
    pub help: String,
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
                    message: format!("the count {n} is negative"),
                    help: "a count of awards is zero or more".into(),
                })
            } else {
                let f = n.as_f64().unwrap_or_default();
                let suggestion = if f > 0.0 && f < 1000.0 {
                    format!("{}", (f * 1000.0).round() as u64)
                } else {
                    "a whole number".to_string()
                };
                Err(CountError {
                    message: format!("the count {n} is a decimal number"),
                    help: format!(
                        "YAML reads 2.847 as a decimal; write {suggestion} or quote it as \"{n}\" if the dot separates thousands"
                    ),
                })
            }
        }
        Value::String(s) => parse_text(s).map(Some),
        other => Err(CountError {
            message: format!("expected a count, found {}", describe(other)),
            help: "write a whole number such as 2847 or \"2.847\"".into(),
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
        "a count of awards is zero or more".to_string()
    } else if t.contains(',') {
        "a comma marks decimals in Vietnamese; separate thousands with a dot: \"2.847\"".to_string()
    } else {
        "write a whole number such as 2847 or \"2.847\"".to_string()
    };
    Err(CountError {
        message: format!("\"{t}\" is not a count"),
        help,
    })
}

pub fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
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

    #[test]
    fn float_count_suggests_the_whole_number() {
        let e = parse(&yaml("2.847")).unwrap_err();
        assert!(e.message.contains("decimal"));
        assert!(e.help.contains("write 2847"), "{}", e.help);
    }

    #[test]
    fn negative_and_text_counts_are_refused() {
        assert!(parse(&yaml("-5")).unwrap_err().message.contains("negative"));
        assert!(parse(&yaml("\"nhiều\""))
            .unwrap_err()
            .message
            .contains("not a count"));
        assert!(parse(&yaml("\"2.84\"")).is_err());
        assert!(parse(&yaml("\"2,847\"")).unwrap_err().help.contains("dot"));
        assert!(parse(&yaml("[1]")).unwrap_err().message.contains("a list"));
    }
}
