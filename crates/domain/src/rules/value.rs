//! Comparing answers with rule values without floats: decimal strings compare as exact
//! decimals, `YYYY-MM-DD` strings as dates, anything else as text. Also how an answer is shown
//! in a trace.

use std::cmp::Ordering;

use serde::{Deserialize, Deserializer};
use serde_json::Value;
use time::{Date, Month};

use crate::identity::id_number::mask_id_number;

/// An exact decimal number: a sign, the integer digits without leading zeros and the fraction
/// digits without trailing zeros. Comparing digit strings is comparing the numbers scaled to a
/// common number of decimals, with no limit on size and no rounding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decimal {
    negative: bool,
    int: String,
    frac: String,
}

impl Decimal {
    /// Reads `-?[0-9]+(\.[0-9]+)?`, surrounding spaces ignored. `-0` is zero.
    pub(crate) fn parse(input: &str) -> Option<Decimal> {
        let s = input.trim();
        let (negative, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
        if !digits(int) || (body.contains('.') && !digits(frac)) {
            return None;
        }
        let int = int.trim_start_matches('0');
        let frac = frac.trim_end_matches('0');
        let zero = int.is_empty() && frac.is_empty();
        Some(Decimal {
            negative: negative && !zero,
            int: int.to_owned(),
            frac: frac.to_owned(),
        })
    }

    /// Compares absolute values.
    fn cmp_magnitude(&self, other: &Decimal) -> Ordering {
        self.int
            .len()
            .cmp(&other.int.len())
            .then_with(|| self.int.cmp(&other.int))
            // Without trailing zeros, fraction digits compare as text: "5" < "51" < "6".
            .then_with(|| self.frac.cmp(&other.frac))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.cmp_magnitude(other),
            (true, true) => other.cmp_magnitude(self),
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Reads a strict `YYYY-MM-DD` calendar date (the form's date format).
pub(crate) fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let year = i32::try_from(num(0..4)?).ok()?;
    let month = Month::try_from(u8::try_from(num(5..7)?).ok()?).ok()?;
    let day = u8::try_from(num(8..10)?).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// Formats a date as `YYYY-MM-DD`.
pub(crate) fn show_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Orders two values when both are decimals or both are dates; text has no order here.
pub(crate) fn compare(a: &str, b: &str) -> Option<Ordering> {
    if let (Some(x), Some(y)) = (Decimal::parse(a), Decimal::parse(b)) {
        return Some(x.cmp(&y));
    }
    if let (Some(x), Some(y)) = (parse_date(a), parse_date(b)) {
        return Some(x.cmp(&y));
    }
    None
}

/// Equality: numeric or by date when both sides read so, else exact text.
pub(crate) fn equal(a: &str, b: &str) -> bool {
    compare(a, b).map_or(a == b, Ordering::is_eq)
}

/// Text that has the shape of a resident ID number (17 digits and a digit or X), masked
/// wherever it appears in a trace, whatever field it was typed into.
fn looks_like_id_number(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 18
        && b[..17].iter().all(u8::is_ascii_digit)
        && (b[17].is_ascii_digit() || b[17] == b'X' || b[17] == b'x')
}

/// Text as a trace shows it: ID numbers masked.
pub(crate) fn show_text(s: &str) -> String {
    if looks_like_id_number(s.trim()) {
        mask_id_number(s.trim())
    } else {
        s.to_owned()
    }
}

/// A form answer as a rule sees it.
#[derive(Debug)]
pub(crate) enum Answer<'a> {
    /// Not answered: no key, null, blank text, an empty list or object.
    Missing,
    /// One text, number or yes/no, as text.
    One(String),
    /// A list of texts (a multiple choice, file ids).
    Many(Vec<&'a str>),
    /// Answered, but not comparable (an address, group entries).
    Other(&'a Value),
}

impl<'a> Answer<'a> {
    /// Reads the answer of a top-level field.
    pub(crate) fn of(value: Option<&'a Value>) -> Answer<'a> {
        match value {
            None | Some(Value::Null) => Answer::Missing,
            Some(Value::String(s)) if s.trim().is_empty() => Answer::Missing,
            Some(Value::String(s)) => Answer::One(s.clone()),
            Some(Value::Number(n)) => Answer::One(n.to_string()),
            Some(Value::Bool(b)) => Answer::One(b.to_string()),
            Some(Value::Array(a)) if a.is_empty() => Answer::Missing,
            Some(Value::Object(o)) if o.is_empty() => Answer::Missing,
            Some(v @ Value::Array(a)) => {
                let texts: Option<Vec<&str>> = a.iter().map(Value::as_str).collect();
                texts.map_or(Answer::Other(v), Answer::Many)
            }
            Some(v) => Answer::Other(v),
        }
    }

    /// The answer as the trace shows it.
    pub(crate) fn shown(&self) -> String {
        match self {
            Answer::Missing => String::new(),
            Answer::One(s) => show_text(s),
            Answer::Many(list) => list
                .iter()
                .map(|s| show_text(s))
                .collect::<Vec<_>>()
                .join(","),
            // An address shows its region only (the street detail is personal); group
            // entries show how many there are.
            Answer::Other(Value::Object(o)) => o
                .get("region")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            Answer::Other(Value::Array(a)) => format!("[{}]", a.len()),
            Answer::Other(_) => String::new(),
        }
    }
}

/// Text or a JSON integer, kept as text.
#[derive(Deserialize)]
#[serde(untagged)]
enum TextOrInteger {
    Text(String),
    Signed(i64),
    Unsigned(u64),
}

impl From<TextOrInteger> for String {
    fn from(v: TextOrInteger) -> String {
        match v {
            TextOrInteger::Text(s) => s,
            TextOrInteger::Signed(n) => n.to_string(),
            TextOrInteger::Unsigned(n) => n.to_string(),
        }
    }
}

/// Deserialises an optional value written as text or as a JSON integer (`"value": 16`).
/// JSON fractions are refused: a float would not keep `12.50` exact.
pub(crate) fn text_or_integer_opt<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    Ok(Option::<TextOrInteger>::deserialize(d)?.map(String::from))
}

/// Deserialises a list of values written as texts or JSON integers.
pub(crate) fn texts_or_integers<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(Vec::<TextOrInteger>::deserialize(d)?
        .into_iter()
        .map(String::from)
        .collect())
}
