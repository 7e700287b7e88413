//! A CSV file as the datastore keeps it: bytes decoded (UTF-8, with or without a byte-order
//! mark, or GBK — what spreadsheet software on Chinese Windows saves), parsed strictly (every
//! row as wide as the header), and each column's type detected from its values. Cells stay
//! text; [`typed`] reads one as its column's type.

use serde_json::Value;
use yiwang_domain::FieldCode;

/// The datastore's column types (CKAN's names).
pub const TYPES: &[&str] = &["int", "numeric", "date", "text"];

/// The most rows one resource may have.
pub const MAX_ROWS: usize = 1_000_000;

/// The largest CSV file taken into the datastore.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// A parsed file: its columns with detected types, and its rows.
#[derive(Debug)]
pub struct Parsed {
    /// The header's names with a type each.
    pub fields: Vec<(String, &'static str)>,
    /// The rows, each as wide as the header.
    pub rows: Vec<Vec<String>>,
    /// The encoding it was read in (`UTF-8` or `GBK`).
    pub encoding: &'static str,
}

/// Why a file was refused, with the 1-based line where it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    /// What is wrong (a field code the pages translate).
    pub code: FieldCode,
    /// Where (0 for the whole file).
    pub line: usize,
}

fn refuse(code: FieldCode, line: usize) -> Refusal {
    Refusal { code, line }
}

/// Decodes a file: UTF-8 if every line is, GBK if no line is; a file with lines of both
/// (a table pasted together from two sources) is refused rather than half garbled.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), Refusal> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_owned(), "UTF-8"));
    }
    // Lines with non-ASCII bytes that are valid UTF-8 next to lines that are not: mixed.
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if !line.is_ascii() && std::str::from_utf8(line).is_ok() {
            return Err(refuse(FieldCode::InvalidCharacters, i + 1));
        }
    }
    let (text, had_errors) = encoding_rs::GBK.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(refuse(FieldCode::InvalidCharacters, 0));
    }
    Ok((text.into_owned(), "GBK"))
}

/// Reads a CSV file's bytes into columns and rows.
pub fn parse(bytes: &[u8]) -> Result<Parsed, Refusal> {
    if bytes.len() > MAX_BYTES {
        return Err(refuse(FieldCode::FileTooLarge, 0));
    }
    let (text, encoding) = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|_| refuse(FieldCode::InvalidLine, 1))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let records = reader.records().map(|record| {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            refuse(FieldCode::InvalidLine, line)
        })?;
        // A quote left open swallows the rest of the file into one cell.
        if record
            .iter()
            .any(|c| c.contains('\n') && c.matches('\n').count() > 50)
        {
            let line = record.position().map_or(0, |p| p.line() as usize);
            return Err(refuse(FieldCode::InvalidLine, line));
        }
        Ok(record.iter().map(|c| c.trim().to_owned()).collect())
    });
    from_rows(header, records, encoding)
}

/// Checks a header and collects the rows (each as wide as the header), detecting the types.
fn from_rows(
    header: Vec<String>,
    records: impl Iterator<Item = Result<Vec<String>, Refusal>>,
    encoding: &'static str,
) -> Result<Parsed, Refusal> {
    if header.is_empty() || header.iter().all(String::is_empty) {
        return Err(refuse(FieldCode::Required, 1));
    }
    for (i, h) in header.iter().enumerate() {
        // CKAN reserves names starting with `_` (`_id`, `_full_text`).
        if h.is_empty() || h.starts_with('_') || h.contains('"') || h.chars().count() > 63 {
            return Err(refuse(FieldCode::InvalidKey, 1));
        }
        if header[..i].contains(h) {
            return Err(refuse(FieldCode::DuplicateKey, 1));
        }
    }
    let mut rows = Vec::new();
    for record in records {
        let record = record?;
        if rows.len() == MAX_ROWS {
            return Err(refuse(FieldCode::TooMany, 0));
        }
        rows.push(record);
    }
    let fields = header
        .into_iter()
        .enumerate()
        .map(|(i, h)| (h, detect(rows.iter().map(|r: &Vec<String>| r[i].as_str()))))
        .collect();
    Ok(Parsed {
        fields,
        rows,
        encoding,
    })
}

/// Reads the first sheet of an XLSX workbook: values only (a formula's cached result, as the
/// spreadsheet last computed it; formulas themselves are never read), the first non-empty row
/// as the header, dates as `YYYY-MM-DD`. A workbook with macros (a `vbaProject` part, as an
/// `.xlsm` has) is refused, and so is anything that is not a workbook.
pub fn parse_xlsx(bytes: &[u8]) -> Result<Parsed, Refusal> {
    use calamine::{Reader, Xlsx};
    if bytes.len() > MAX_BYTES {
        return Err(refuse(FieldCode::FileTooLarge, 0));
    }
    let mut book: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(bytes)).map_err(|_| refuse(FieldCode::FileType, 0))?;
    if book.vba_project().is_some() {
        return Err(refuse(FieldCode::MacrosNotAllowed, 0));
    }
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| refuse(FieldCode::Required, 0))?
        .map_err(|_| refuse(FieldCode::FileType, 0))?;
    let mut lines = range
        .rows()
        .map(|r| r.iter().map(xlsx_cell).collect::<Vec<String>>())
        .skip_while(|r| r.iter().all(String::is_empty));
    let mut header = lines.next().ok_or_else(|| refuse(FieldCode::Required, 1))?;
    // Columns past the last named one that hold nothing (a sheet's formatted margin).
    let mut rows: Vec<Vec<String>> = lines.collect();
    while header.last().is_some_and(String::is_empty)
        && rows.iter().all(|r| r.last().is_none_or(String::is_empty))
    {
        header.pop();
        for r in &mut rows {
            r.pop();
        }
    }
    while rows.last().is_some_and(|r| r.iter().all(String::is_empty)) {
        rows.pop();
    }
    let header = header.into_iter().map(|h| h.trim().to_owned()).collect();
    from_rows(header, rows.into_iter().map(Ok), "XLSX")
}

/// A cell's value as the datastore keeps it (text).
fn xlsx_cell(c: &calamine::Data) -> String {
    use calamine::Data;
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        // Whole numbers as integers (spreadsheets keep every number as a float).
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(d) => excel_date(d.as_f64()).unwrap_or_else(|| d.as_f64().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// An Excel serial date (days since 1899-12-30, the 1900 date system) as `YYYY-MM-DD`, or
/// `YYYY-MM-DD HH:MM:SS` when it has a time of day.
fn excel_date(serial: f64) -> Option<String> {
    if !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let epoch = time::Date::from_calendar_date(1899, time::Month::December, 30).ok()?;
    let days = serial.floor();
    let date = epoch.checked_add(time::Duration::days(days as i64))?;
    let secs = ((serial - days) * 86_400.0).round() as i64;
    if secs == 0 || secs == 86_400 {
        return Some(date.to_string());
    }
    Some(format!(
        "{date} {:02}:{:02}:{:02}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    ))
}

fn is_int(s: &str) -> bool {
    s.parse::<i64>().is_ok() && !(s.len() > 1 && s.starts_with('0'))
}

fn is_numeric(s: &str) -> bool {
    let t = s.strip_prefix('-').unwrap_or(s);
    // A leading zero before other digits is a code (a phone, a region), not a number.
    let coded = t.len() > 1 && t.starts_with('0') && !t.starts_with("0.");
    !t.is_empty()
        && !coded
        && t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && t.matches('.').count() <= 1
        && !t.starts_with('.')
        && !t.ends_with('.')
        && s.parse::<f64>().is_ok()
}

/// Reads a calendar date `YYYY-MM-DD` (exactly that spelling).
pub fn date(s: &str) -> Option<time::Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let month = time::Month::try_from(u8::try_from(num(5..7)?).ok()?).ok()?;
    time::Date::from_calendar_date(num(0..4)?, month, u8::try_from(num(8..10)?).ok()?).ok()
}

/// Whether a text is a calendar date `YYYY-MM-DD`.
pub fn is_date(s: &str) -> bool {
    date(s).is_some()
}

/// The narrowest type every non-empty value fits: codes with leading zeros (region codes,
/// phone numbers) stay text.
pub fn detect<'a>(values: impl Iterator<Item = &'a str>) -> &'static str {
    let (mut int, mut num, mut date, mut any) = (true, true, true, false);
    for v in values.filter(|v| !v.is_empty()) {
        any = true;
        int &= is_int(v);
        num &= is_int(v) || is_numeric(v);
        date &= is_date(v);
        if !int && !num && !date {
            return "text";
        }
    }
    match (any, int, num, date) {
        (false, ..) => "text",
        (_, true, ..) => "int",
        (_, _, true, _) => "numeric",
        (_, _, _, true) => "date",
        _ => "text",
    }
}

/// Whether every value of a column can be read as `field_type` (a steward's change of type
/// is refused otherwise).
pub fn fits<'a>(field_type: &str, mut values: impl Iterator<Item = &'a str>) -> bool {
    values.all(|v| {
        v.is_empty()
            || match field_type {
                "int" => v.parse::<i64>().is_ok(),
                "numeric" => v.parse::<f64>().is_ok_and(f64::is_finite),
                "date" => is_date(v),
                _ => true,
            }
    })
}

/// A cell read as its column's type: empty → null, numbers as JSON numbers.
pub fn typed(field_type: &str, cell: &str) -> Value {
    if cell.is_empty() {
        return Value::Null;
    }
    match field_type {
        "int" => cell
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::from(cell)),
        "numeric" => cell
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .unwrap_or_else(|| Value::from(cell)),
        _ => Value::from(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gbk_file_is_read_and_its_types_detected() {
        let (bytes, _, _) = encoding_rs::GBK
            .encode("区县,人口,面积,日期\n广安区,123,10.5,2025-01-01\n岳池县,0456,7,2025-02-01\n");
        let p = parse(&bytes).unwrap();
        assert_eq!(p.encoding, "GBK");
        assert_eq!(p.rows[1][0], "岳池县");
        let types: Vec<_> = p.fields.iter().map(|(_, t)| *t).collect();
        assert_eq!(types, ["text", "text", "numeric", "date"]);
    }

    #[test]
    fn a_file_of_utf8_and_gbk_lines_is_refused() {
        let (gbk, _, _) = encoding_rs::GBK.encode("岳池县,2\n");
        let mut bytes = "区县,人口\n广安区,1\n".as_bytes().to_vec();
        bytes.extend_from_slice(&gbk);
        assert_eq!(
            parse(&bytes).unwrap_err().code,
            FieldCode::InvalidCharacters
        );
    }

    #[test]
    fn excel_serial_dates_read_as_calendar_dates() {
        assert_eq!(excel_date(45658.0).as_deref(), Some("2025-01-01"));
        assert_eq!(excel_date(45658.5).as_deref(), Some("2025-01-01 12:00:00"));
        assert_eq!(excel_date(-1.0), None);
    }

    #[test]
    fn a_row_wider_than_the_header_is_refused_with_its_line() {
        let e = parse(b"a,b\n1,2\n3,4,5\n").unwrap_err();
        assert_eq!((e.code, e.line), (FieldCode::InvalidLine, 3));
    }
}
