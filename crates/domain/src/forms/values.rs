//! Checks and normal forms of single answers: what one text, number, date or choice may be.
//! Answers that have parts (addresses, files, groups) are checked in `validate`.

use serde_json::Value;
use time::{Date, Month};

use super::ChoiceOption;
use crate::FieldCode;
use crate::identity::{BankCard, CreditCode, Mobile, ResidentId};

/// Most digits after the decimal point (money needs two, areas and shares up to four).
pub(super) const MAX_DECIMALS: u8 = 4;

/// Characters no answer or label may hold: control characters (a stray NUL or escape breaks
/// exports and printed decisions) and direction overrides (which make text read differently
/// on screen from what is stored).
pub(super) fn is_hidden_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether an answer counts as not given: missing, null, only spaces, an empty list, or an
/// object (an address) whose parts are all not given. `0` and `false` are answers.
pub(super) fn is_blank(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.values().all(|v| is_blank(Some(v))),
        Some(Value::Bool(_) | Value::Number(_)) => false,
    }
}

/// Free text: trimmed, line breaks only in a multi-line box (stored as `\n`), at most
/// `max_len` characters (characters, not bytes: 汉字 count one each).
pub(super) fn text(v: &Value, max_len: u32, multiline: bool) -> Result<Value, FieldCode> {
    let Value::String(s) = v else {
        return Err(FieldCode::InvalidCharacters);
    };
    let s = if multiline {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s.clone()
    };
    let s = s.trim();
    if s.chars()
        .any(|c| is_hidden_char(c) && !(multiline && c == '\n'))
    {
        return Err(FieldCode::InvalidCharacters);
    }
    if s.chars().count() > max_len as usize {
        return Err(FieldCode::TooLong);
    }
    Ok(Value::String(s.to_owned()))
}

/// A decimal number as people type it (`" 012.50 "`, `"+3"`, `"-0.5"`), stored as its plain
/// decimal text with exactly `decimals` digits after the point (`"12.50"`), never as a float:
/// amounts of money must come back exactly as written. Exponents, `NaN`, thousands separators
/// and double signs are refused. Trailing zeros beyond `decimals` are dropped
/// (`"12.500"` is `12.50`), other extra digits are refused rather than rounded.
pub(super) fn number(
    v: &Value,
    min: Option<i64>,
    max: Option<i64>,
    decimals: u8,
) -> Result<Value, FieldCode> {
    let owned;
    let s = match v {
        Value::String(s) => s.trim(),
        // A JSON client may send a number; its shortest text is what it meant.
        Value::Number(n) => {
            owned = n.to_string();
            owned.as_str()
        }
        _ => return Err(FieldCode::InvalidNumber),
    };
    // Checked definitions never exceed this; the clamp keeps the arithmetic below in range
    // whatever the stored definition says.
    let decimals = usize::from(decimals.min(MAX_DECIMALS));
    if s.len() > 64 {
        return Err(FieldCode::InvalidNumber);
    }
    let (negative, unsigned) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return Err(FieldCode::InvalidNumber);
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > decimals {
        return Err(FieldCode::InvalidNumber);
    }
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    if int.len() > 18 {
        return Err(FieldCode::OutOfRange);
    }
    let frac = format!("{frac:0<decimals$}");
    let scale = 10i128.pow(decimals as u32);
    let magnitude = parse_i128(int) * scale + parse_i128(&frac);
    let value = if negative { -magnitude } else { magnitude };
    let below = min.is_some_and(|lo| value < i128::from(lo) * scale);
    let above = max.is_some_and(|hi| value > i128::from(hi) * scale);
    if below || above {
        return Err(FieldCode::OutOfRange);
    }
    let sign = if negative && magnitude != 0 { "-" } else { "" };
    let point = if decimals > 0 { "." } else { "" };
    Ok(Value::String(format!("{sign}{int}{point}{frac}")))
}

/// Digits only, at most 22 of them: checked by the caller.
fn parse_i128(digits: &str) -> i128 {
    digits.bytes().fold(0, |n, b| n * 10 + i128::from(b - b'0'))
}

/// A calendar date written `YYYY-MM-DD` (what a date input sends), within the field's bounds
/// relative to `today`.
pub(super) fn date(
    v: &Value,
    past_only: bool,
    future_only: bool,
    today: Date,
) -> Result<Value, FieldCode> {
    let Value::String(s) = v else {
        return Err(FieldCode::InvalidDate);
    };
    let s = s.trim();
    let d = parse_date(s).ok_or(FieldCode::InvalidDate)?;
    if past_only && d > today {
        return Err(FieldCode::DateInFuture);
    }
    if future_only && d < today {
        return Err(FieldCode::DateInPast);
    }
    Ok(Value::String(s.to_owned()))
}

fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    let year: i32 = s[..4].parse().ok()?;
    let month: u8 = s[5..7].parse().ok()?;
    let day: u8 = s[8..].parse().ok()?;
    if year < 1000 {
        return None;
    }
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

/// A resident ID number (GB 11643-1999), stored in its canonical upper-case form. Its own
/// reasons (length, check character, birth date) are kept so the page can say which.
pub(super) fn id_number(v: &Value, today: Date) -> Result<Value, FieldCode> {
    let Value::String(s) = v else {
        return Err(FieldCode::InvalidCharacters);
    };
    let id = ResidentId::parse(s, today)?;
    Ok(Value::String(id.expose().to_owned()))
}

/// A unified social credit code (GB 32100-2015), stored upper-case.
pub(super) fn credit_code(v: &Value) -> Result<Value, FieldCode> {
    let Value::String(s) = v else {
        return Err(FieldCode::InvalidCreditCode);
    };
    let c = CreditCode::parse(s)?;
    Ok(Value::String(c.as_str().to_owned()))
}

/// A bank card number, stored as its digits (spaces and dashes between groups dropped).
pub(super) fn bank_card(v: &Value) -> Result<Value, FieldCode> {
    let Value::String(s) = v else {
        return Err(FieldCode::InvalidBankCard);
    };
    let c = BankCard::parse(s)?;
    Ok(Value::String(c.as_str().to_owned()))
}

/// A mainland mobile number, stored as its 11 digits.
pub(super) fn phone(v: &Value) -> Result<Value, FieldCode> {
    let Value::String(s) = v else {
        return Err(FieldCode::InvalidPhone);
    };
    let m = Mobile::parse(s)?;
    Ok(Value::String(m.expose().to_owned()))
}

/// One option's value.
pub(super) fn choice(v: &Value, options: &[ChoiceOption]) -> Result<Value, FieldCode> {
    let Value::String(s) = v else {
        return Err(FieldCode::InvalidChoice);
    };
    let s = s.trim();
    options
        .iter()
        .find(|o| o.value == s)
        .map(|o| Value::String(o.value.clone()))
        .ok_or(FieldCode::InvalidChoice)
}

/// Distinct option values, stored in the options' order (so two answers with the same picks
/// are equal), at least `min` and, when `max > 0`, at most `max` of them.
pub(super) fn multi_choice(
    v: &Value,
    options: &[ChoiceOption],
    min: u32,
    max: u32,
) -> Result<Value, FieldCode> {
    let Value::Array(items) = v else {
        return Err(FieldCode::InvalidChoice);
    };
    let mut picked = vec![false; options.len()];
    for item in items {
        let Value::String(s) = item else {
            return Err(FieldCode::InvalidChoice);
        };
        let i = options
            .iter()
            .position(|o| o.value == s.trim())
            .ok_or(FieldCode::InvalidChoice)?;
        if std::mem::replace(&mut picked[i], true) {
            return Err(FieldCode::InvalidChoice);
        }
    }
    let count = items.len();
    if count < min as usize {
        return Err(FieldCode::TooFew);
    }
    if max > 0 && count > max as usize {
        return Err(FieldCode::TooMany);
    }
    let values = options
        .iter()
        .zip(picked)
        .filter(|(_, p)| *p)
        .map(|(o, _)| Value::String(o.value.clone()))
        .collect();
    Ok(Value::Array(values))
}
