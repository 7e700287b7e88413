//! Departments (部门): the units of a region's government that own service items, answer
//! inquiries and employ staff. A department belongs to one region; its level is that region's
//! level (a 区级 department belongs to a district), so the level is derived, never entered twice.

use serde::{Deserialize, Serialize};

use crate::account::{check_optional_text, check_plain_text};
use crate::identity::phone::check_telephone;
use crate::region::{RegionCode, RegionLevel};
use crate::{Error, FieldCode, FieldErrors};

/// A department's details as entered in the console or imported (a missing field is empty,
/// which the checks refuse where a value is required).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DepartmentInput {
    /// The department's name, e.g. 区民政局.
    pub name: String,
    /// Its organisation code (the unified social credit code, or the older GB 11714
    /// organisation code such as `00877868-5`), unique when given.
    pub code: String,
    /// The region it belongs to.
    pub region: String,
    /// The public contact telephone.
    pub phone: String,
    /// The office address.
    pub address: String,
    /// Opening hours, as free text (e.g. 工作日 9:00–12:00, 13:30–17:00).
    pub hours: String,
}

/// A checked department.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidDepartment {
    /// Name, 2–60 characters.
    pub name: String,
    /// Code, 1–40 characters of A–Z, 0–9 and dashes, if given.
    pub code: Option<String>,
    /// Region.
    pub region: RegionCode,
    /// Level, derived from the region.
    pub level: RegionLevel,
    /// Telephone, if given.
    pub phone: Option<String>,
    /// Address, if given.
    pub address: Option<String>,
    /// Opening hours, if given.
    pub hours: Option<String>,
}

impl DepartmentInput {
    /// Checks every field and reports all problems at once. Whether the region exists and the
    /// code is unique are checked by the store, which knows the data.
    pub fn validate(&self) -> Result<ValidDepartment, Error> {
        let mut e = FieldErrors::new();
        let name = e.check("name", check_plain_text(&self.name, 2, 60));
        let code = e.check("code", check_department_code(&self.code));
        let region = e.check("region", RegionCode::parse(&self.region));
        let phone = if self.phone.trim().is_empty() {
            Some(None)
        } else {
            e.check("phone", check_telephone(&self.phone).map(Some))
        };
        let address = e.check("address", check_optional_text(&self.address, 200));
        let hours = e.check("hours", check_optional_text(&self.hours, 200));
        e.finish(|| {
            let region = region?;
            Some(ValidDepartment {
                name: name?,
                code: code?,
                level: region.level(),
                region,
                phone: phone?,
                address: address?,
                hours: hours?,
            })
        })
    }
}

fn check_department_code(input: &str) -> Result<Option<String>, FieldCode> {
    let s = input.trim().to_ascii_uppercase();
    if s.is_empty() {
        return Ok(None);
    }
    // Unified social credit codes (18 characters) and the older organisation codes that many
    // departments still use (GB 11714: eight characters, a dash, a check character).
    if s.len() > 40
        || !s
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(FieldCode::InvalidCharacters);
    }
    Ok(Some(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_complete_department_is_valid_and_takes_its_regions_level() {
        let d = DepartmentInput {
            name: "区民政局".into(),
            code: "11511301008778183n".into(),
            region: "511602000000".into(),
            phone: "0826-2222222".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(d.level, RegionLevel::County);
        assert_eq!(d.code.as_deref(), Some("11511301008778183N"));
        assert_eq!(d.address, None);
    }

    #[test]
    fn old_style_organisation_codes_are_accepted() {
        let d = DepartmentInput {
            name: "区司法局".into(),
            code: "00877868-5".into(),
            region: "511602".into(),
            ..Default::default()
        };
        assert_eq!(d.validate().unwrap().code.as_deref(), Some("00877868-5"));
        let bad = DepartmentInput {
            code: "0087 7868".into(),
            ..d
        };
        assert_eq!(
            bad.validate().unwrap_err().fields.get("code"),
            Some(FieldCode::InvalidCharacters)
        );
    }

    #[test]
    fn all_problems_are_reported_together() {
        let err = DepartmentInput {
            name: " ".into(),
            region: "99x".into(),
            phone: "abc".into(),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(err.fields.get("name"), Some(FieldCode::Required));
        assert_eq!(err.fields.get("region"), Some(FieldCode::UnknownRegion));
        assert_eq!(err.fields.get("phone"), Some(FieldCode::InvalidTelephone));
    }
}
