//! The data table every chart carries, and its cells.

use std::collections::BTreeSet;

use super::common::*;
use super::ChartText;

/// Year cell of a table, noting a reorganization in that year.
pub(super) fn year_cell(year: i32, reorgs: &BTreeSet<i32>, text: &ChartText) -> String {
    let label = clean(&text.reorganized);
    if reorgs.contains(&year) && !label.is_empty() {
        format!("{year} ({label})")
    } else {
        year.to_string()
    }
}

/// A cell of the data table.
pub(super) enum Cell {
    /// Row header (`<th scope="row">`).
    Head(String),
    /// A number, formatted with the thousands separator.
    Num(u64),
    /// Plain text.
    Text(String),
    /// An absent value, shown as `text.missing`.
    Missing,
}

/// `<details><summary>…</summary><table>…</table></details>`.
pub(super) fn table_html(text: &ChartText, headers: &[&str], rows: &[Vec<Cell>]) -> String {
    let title = clean(&text.title);
    let summary = clean(&text.table_summary);
    let summary = if summary.is_empty() {
        title.clone()
    } else {
        summary
    };
    let mut out = String::from("<details class=\"chart-data\">");
    out.push_str(&format!(
        "<summary>{}</summary>\n<table>\n",
        escape(&summary)
    ));
    if !title.is_empty() {
        out.push_str(&format!("<caption>{}</caption>\n", escape(&title)));
    }
    out.push_str("<thead><tr>");
    for header in headers {
        out.push_str(&format!(
            "<th scope=\"col\">{}</th>",
            escape(&clean(header))
        ));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let missing = escape(&clean(&text.missing));
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            match cell {
                Cell::Head(s) => out.push_str(&format!("<th scope=\"row\">{}</th>", escape(s))),
                Cell::Num(n) => out.push_str(&format!(
                    "<td class=\"num\">{}</td>",
                    escape(&format_count(*n, text.thousands_sep))
                )),
                Cell::Text(s) => out.push_str(&format!("<td>{}</td>", escape(s))),
                Cell::Missing => out.push_str(&format!("<td class=\"missing\">{missing}</td>")),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</details>");
    out
}

/// A cell for an optional count.
pub(super) fn opt_cell(value: Option<u64>) -> Cell {
    value.map_or(Cell::Missing, Cell::Num)
}

/// Text for an optional count in a description.
pub(super) fn opt_text(value: Option<u64>, text: &ChartText) -> String {
    value.map_or_else(
        || clean(&text.missing),
        |v| format_count(v, text.thousands_sep),
    )
}
