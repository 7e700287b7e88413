//! Email addresses a person gives for notifications: a plain check of the form (one `@`, a
//! domain with a dot, no spaces, at most 254 characters), lower-cased domain. Whether the
//! mailbox is theirs is proven by the confirmation link, not here.

use crate::FieldCode;

/// The longest address SMTP carries (RFC 5321 §4.5.3.1.3, path minus the angle brackets).
pub const MAX_LEN: usize = 254;

/// A checked, normalised address.
pub fn parse(raw: &str) -> Result<String, FieldCode> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(FieldCode::Required);
    }
    if s.len() > MAX_LEN {
        return Err(FieldCode::TooLong);
    }
    let (local, domain) = s.rsplit_once('@').ok_or(FieldCode::InvalidEmail)?;
    let ok_local = !local.is_empty()
        && local.len() <= 64
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c))
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let ok_domain = domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    if ok_local && ok_domain {
        Ok(format!("{local}@{}", domain.to_ascii_lowercase()))
    } else {
        Err(FieldCode::InvalidEmail)
    }
}

/// The address as pages show it: the first letter of the mailbox and the domain
/// (`z***@example.cn`).
pub fn mask(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_checked_and_normalised() {
        assert_eq!(
            parse(" Zhang.San@Example.CN ").unwrap(),
            "Zhang.San@example.cn"
        );
        assert_eq!(parse("a+b@mail.gov.cn").unwrap(), "a+b@mail.gov.cn");
        for bad in [
            "",
            "zhang",
            "zhang@",
            "@example.cn",
            "a b@x.cn",
            "a@localhost",
            "a@-x.cn",
            "a..b@x.cn",
            "a@x..cn",
            "张三@x.cn",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse(&format!("a@{}.cn", "x".repeat(260))),
            Err(FieldCode::TooLong)
        );
        assert_eq!(mask("zhang@example.cn"), "z***@example.cn");
    }
}
