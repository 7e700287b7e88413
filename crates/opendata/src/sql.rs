//! The read-only SQL of `datastore_search_sql`, parsed here and never handed to the database:
//! one `SELECT` over one resource's table, of this grammar and nothing else —
//!
//! ```text
//! SELECT [DISTINCT] * | COUNT(*) | column [, column …]
//!   FROM "resource-id"
//!   [WHERE condition]          condition: NOT c | c AND c | c OR c | ( c )
//!                                         | column (= | != | <> | < | <= | > | >=) literal
//!                                         | column [NOT] LIKE 'pattern' | column IS [NOT] NULL
//!   [ORDER BY column [ASC | DESC] [, …]]
//!   [LIMIT n] [OFFSET n] [;]
//! ```
//!
//! Comments, a second statement, any other keyword (writes, joins, sub-queries) and every
//! function but `COUNT(*)` are refused, so nothing can read a file, sleep or write.

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `=`
    Eq,
    /// `!=`, `<>`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `LIKE` (`%` and `_`)
    Like,
    /// `NOT LIKE`
    NotLike,
}

/// A literal.
#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    /// A quoted string.
    Text(String),
    /// A number.
    Num(f64),
}

/// A condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    /// `column op literal`
    Cmp(String, Op, Lit),
    /// `column IS [NOT] NULL` (true: IS NULL)
    IsNull(String, bool),
    /// `NOT c`
    Not(Box<Cond>),
    /// `a AND b`
    And(Box<Cond>, Box<Cond>),
    /// `a OR b`
    Or(Box<Cond>, Box<Cond>),
}

/// What is selected.
#[derive(Debug, Clone, PartialEq)]
pub enum Columns {
    /// `*`
    All,
    /// `COUNT(*)`
    Count,
    /// These columns.
    Some(Vec<String>),
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub struct Select {
    /// `DISTINCT`.
    pub distinct: bool,
    /// The columns.
    pub columns: Columns,
    /// The table: a resource id.
    pub table: String,
    /// The condition.
    pub filter: Option<Cond>,
    /// `ORDER BY` (column, descending).
    pub order: Vec<(String, bool)>,
    /// `LIMIT`.
    pub limit: Option<u64>,
    /// `OFFSET`.
    pub offset: u64,
}

/// Why a query was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Not of the grammar (the message says where).
    Syntax(String),
    /// A comment or a second statement.
    NotSingle,
    /// A write, a function or another construct that is not allowed.
    NotAllowed(String),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Syntax(s) => write!(f, "Query syntax error: {s}"),
            Refused::NotSingle => write!(f, "Query is not a single statement."),
            Refused::NotAllowed(s) => write!(f, "Not authorized to use {s}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Quoted(String),
    Str(String),
    Num(f64),
    Sym(&'static str),
}

const SYMS: &[&str] = &[
    "<=", ">=", "<>", "!=", "=", "<", ">", ",", "(", ")", "*", ";",
];

fn lex(sql: &str) -> Result<Vec<Tok>, Refused> {
    if sql.contains("--") || sql.contains("/*") || sql.contains("*/") {
        return Err(Refused::NotSingle);
    }
    let chars: Vec<char> = sql.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '\'' || c == '"' {
            let mut s = String::new();
            i += 1;
            loop {
                match chars.get(i) {
                    None => return Err(Refused::Syntax("unterminated quote".into())),
                    Some(&d) if d == c && chars.get(i + 1) == Some(&c) => {
                        s.push(c);
                        i += 2;
                    }
                    Some(&d) if d == c => {
                        i += 1;
                        break;
                    }
                    Some(&d) => {
                        s.push(d);
                        i += 1;
                    }
                }
            }
            out.push(if c == '\'' {
                Tok::Str(s)
            } else {
                Tok::Quoted(s)
            });
        } else if c.is_ascii_digit()
            || (c == '-' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            let start = i;
            i += 1;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            let n = text
                .parse::<f64>()
                .map_err(|_| Refused::Syntax(format!("bad number {text}")))?;
            out.push(Tok::Num(n));
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Tok::Word(chars[start..i].iter().collect()));
        } else {
            let rest: String = chars[i..chars.len().min(i + 2)].iter().collect();
            let sym = SYMS
                .iter()
                .find(|s| rest.starts_with(**s))
                .ok_or_else(|| Refused::NotAllowed(format!("the character {c:?}")))?;
            out.push(Tok::Sym(sym));
            i += sym.chars().count();
        }
    }
    Ok(out)
}

/// Words that may appear (as keywords); any other keyword-like word is refused when it is
/// used as one.
const KEYWORDS: &[&str] = &[
    "select", "distinct", "from", "where", "and", "or", "not", "like", "is", "null", "order", "by",
    "asc", "desc", "limit", "offset", "count",
];

/// Statements and clauses that are never allowed.
const FORBIDDEN: &[&str] = &[
    "insert",
    "update",
    "delete",
    "drop",
    "create",
    "alter",
    "truncate",
    "grant",
    "revoke",
    "copy",
    "attach",
    "detach",
    "pragma",
    "vacuum",
    "union",
    "join",
    "into",
    "with",
    "returning",
    "call",
    "execute",
    "do",
    "set",
    "begin",
    "commit",
    "rollback",
    "load",
    "replace",
];

struct P {
    toks: Vec<Tok>,
    at: usize,
}

impl P {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at)
    }
    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.at).cloned();
        self.at += 1;
        t
    }
    fn is_kw(&self, kw: &str) -> bool {
        matches!(self.peek(), Some(Tok::Word(w)) if w.eq_ignore_ascii_case(kw))
    }
    fn eat_kw(&mut self, kw: &str) -> bool {
        if self.is_kw(kw) {
            self.at += 1;
            true
        } else {
            false
        }
    }
    fn expect_kw(&mut self, kw: &str) -> Result<(), Refused> {
        if self.eat_kw(kw) {
            Ok(())
        } else {
            Err(Refused::Syntax(format!("expected {}", kw.to_uppercase())))
        }
    }
    fn eat_sym(&mut self, s: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Sym(x)) if *x == s) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn ident(&mut self) -> Result<String, Refused> {
        match self.next() {
            Some(Tok::Quoted(s)) => Ok(s),
            Some(Tok::Word(w)) => {
                if matches!(self.peek(), Some(Tok::Sym("("))) {
                    return Err(Refused::NotAllowed(format!("the function {w}")));
                }
                if KEYWORDS.contains(&w.to_lowercase().as_str()) {
                    return Err(Refused::Syntax(format!("unexpected {}", w.to_uppercase())));
                }
                Ok(w)
            }
            other => Err(Refused::Syntax(format!(
                "expected a column, found {other:?}"
            ))),
        }
    }

    fn number(&mut self) -> Result<u64, Refused> {
        match self.next() {
            Some(Tok::Num(n)) if n >= 0.0 && n.fract() == 0.0 => Ok(n as u64),
            _ => Err(Refused::Syntax("expected a whole number".into())),
        }
    }

    fn cond(&mut self) -> Result<Cond, Refused> {
        let mut left = self.and()?;
        while self.eat_kw("or") {
            left = Cond::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Cond, Refused> {
        let mut left = self.factor()?;
        while self.eat_kw("and") {
            left = Cond::And(Box::new(left), Box::new(self.factor()?));
        }
        Ok(left)
    }

    fn factor(&mut self) -> Result<Cond, Refused> {
        if self.eat_kw("not") {
            return Ok(Cond::Not(Box::new(self.factor()?)));
        }
        if self.eat_sym("(") {
            if self.is_kw("select") {
                return Err(Refused::NotAllowed("a sub-query".into()));
            }
            let c = self.cond()?;
            if !self.eat_sym(")") {
                return Err(Refused::Syntax("expected )".into()));
            }
            return Ok(c);
        }
        let col = self.ident()?;
        if self.eat_kw("is") {
            let not = self.eat_kw("not");
            self.expect_kw("null")?;
            return Ok(Cond::IsNull(col, !not));
        }
        let op = if self.eat_kw("not") {
            self.expect_kw("like")?;
            Op::NotLike
        } else if self.eat_kw("like") || self.eat_kw("ilike") {
            Op::Like
        } else {
            match self.next() {
                Some(Tok::Sym("=")) => Op::Eq,
                Some(Tok::Sym("!=")) | Some(Tok::Sym("<>")) => Op::Ne,
                Some(Tok::Sym("<")) => Op::Lt,
                Some(Tok::Sym("<=")) => Op::Le,
                Some(Tok::Sym(">")) => Op::Gt,
                Some(Tok::Sym(">=")) => Op::Ge,
                other => {
                    return Err(Refused::Syntax(format!(
                        "expected a comparison, found {other:?}"
                    )));
                }
            }
        };
        let lit = match self.next() {
            Some(Tok::Str(s)) => Lit::Text(s),
            Some(Tok::Num(n)) => Lit::Num(n),
            Some(Tok::Word(w)) if matches!(self.peek(), Some(Tok::Sym("("))) => {
                return Err(Refused::NotAllowed(format!("the function {w}")));
            }
            other => {
                return Err(Refused::Syntax(format!(
                    "expected a literal, found {other:?}"
                )));
            }
        };
        Ok(Cond::Cmp(col, op, lit))
    }
}

/// Parses a query of the grammar above, or says why it is refused.
pub fn parse(sql: &str) -> Result<Select, Refused> {
    let toks = lex(sql)?;
    if let Some(Tok::Word(w)) = toks
        .iter()
        .find(|t| matches!(t, Tok::Word(w) if FORBIDDEN.contains(&w.to_lowercase().as_str())))
    {
        return Err(Refused::NotAllowed(w.to_uppercase()));
    }
    let mut p = P { toks, at: 0 };
    if !p.eat_kw("select") {
        return Err(Refused::NotAllowed("anything but SELECT".into()));
    }
    let distinct = p.eat_kw("distinct");
    let columns = if p.eat_sym("*") {
        Columns::All
    } else if p.is_kw("count") {
        p.next();
        if !(p.eat_sym("(") && p.eat_sym("*") && p.eat_sym(")")) {
            return Err(Refused::NotAllowed("COUNT of anything but *".into()));
        }
        Columns::Count
    } else {
        let mut cols = vec![p.ident()?];
        while p.eat_sym(",") {
            cols.push(p.ident()?);
        }
        Columns::Some(cols)
    };
    p.expect_kw("from")?;
    let table = match p.next() {
        Some(Tok::Quoted(s)) | Some(Tok::Word(s)) => s,
        _ => return Err(Refused::Syntax("expected a resource id after FROM".into())),
    };
    if p.eat_sym(",") {
        return Err(Refused::NotAllowed("more than one table".into()));
    }
    let filter = if p.eat_kw("where") {
        Some(p.cond()?)
    } else {
        None
    };
    let mut order = Vec::new();
    if p.eat_kw("order") {
        p.expect_kw("by")?;
        loop {
            let col = p.ident()?;
            let desc = if p.eat_kw("desc") {
                true
            } else {
                p.eat_kw("asc");
                false
            };
            order.push((col, desc));
            if !p.eat_sym(",") {
                break;
            }
        }
    }
    let limit = if p.eat_kw("limit") {
        Some(p.number()?)
    } else {
        None
    };
    let offset = if p.eat_kw("offset") { p.number()? } else { 0 };
    p.eat_sym(";");
    if p.peek().is_some() {
        return Err(if p.toks[..p.at].contains(&Tok::Sym(";")) {
            Refused::NotSingle
        } else {
            Refused::Syntax(format!("unexpected {:?}", p.peek()))
        });
    }
    Ok(Select {
        distinct,
        columns,
        table,
        filter,
        order,
        limit,
        offset,
    })
}

/// Whether `text` matches a `LIKE` pattern (`%` any run, `_` one character), ignoring case.
pub fn like(text: &str, pattern: &str) -> bool {
    let t: Vec<char> = text.to_lowercase().chars().collect();
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    let (mut ti, mut pi) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '_' || p[pi] == t[ti]) {
            ti += 1;
            pi += 1;
        } else if pi < p.len() && p[pi] == '%' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '%' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_select_parses() {
        let s = parse(
            r#"SELECT "区县", count FROM "abc" WHERE "人口" > 10 AND name LIKE '广%' ORDER BY "人口" DESC LIMIT 5"#,
        );
        // `count` as a bare column name is a keyword: quoted it is fine.
        assert!(s.is_err());
        let s = parse(r#"SELECT "区县" FROM "abc" WHERE "人口" > 10 AND "区县" LIKE '广%' ORDER BY "人口" DESC LIMIT 5;"#).unwrap();
        assert_eq!(s.table, "abc");
        assert_eq!(s.limit, Some(5));
        assert_eq!(s.order, vec![("人口".to_owned(), true)]);
    }

    #[test]
    fn writes_functions_comments_and_second_statements_are_refused() {
        for q in [
            r#"DELETE FROM "abc""#,
            r#"SELECT * FROM "abc"; DROP TABLE users"#,
            r#"SELECT * FROM "abc" -- comment"#,
            r#"SELECT pg_read_file('/etc/passwd') FROM "abc""#,
            r#"SELECT * FROM "abc" WHERE a = pg_sleep(10)"#,
            r#"SELECT * FROM "abc" /* x */"#,
            r#"SELECT * FROM "abc", "def""#,
            r#"SELECT * FROM "abc" WHERE a IN (SELECT 1)"#,
        ] {
            assert!(parse(q).is_err(), "{q} was accepted");
        }
    }

    #[test]
    fn like_matches_percent_and_underscore() {
        assert!(like("广安区", "广%"));
        assert!(like("广安区", "_安_"));
        assert!(!like("岳池县", "广%"));
    }
}
