//! Local life (PRODUCT.md LIFE-1): the categories of places and vetted merchants, where they
//! are (a point in millionths of a degree, WGS-84 as the browser's geolocation and the
//! inquiries' locations give it), how far they are (haversine with a bounding-box prefilter),
//! when they are open, the vetting of merchants, and the life situations that tie the
//! life-event checklists to the places that help.

use crate::FieldCode;
use crate::catalog::life::LifeStage;

crate::stable_names! {
    /// What a place or merchant is.
    pub enum Category {
        /// 政务服务大厅.
        Hall = "hall",
        /// 医院.
        Hospital = "hospital",
        /// 学校.
        School = "school",
        /// 公园.
        Park = "park",
        /// 图书馆.
        Library = "library",
        /// 体育场馆.
        Sports = "sports",
        /// 开锁 (licensed locksmiths, 公安备案).
        Locksmith = "locksmith",
        /// 家政.
        Housekeeping = "housekeeping",
        /// 维修.
        Repair = "repair",
    }
}

impl Category {
    /// Whether this category is a merchant's: vetted by staff, shown only while approved and
    /// licensed.
    pub fn is_merchant(self) -> bool {
        matches!(
            self,
            Category::Locksmith | Category::Housekeeping | Category::Repair
        )
    }
}

crate::stable_names! {
    /// Where a merchant stands with the licensing department.
    pub enum Vetting {
        /// Registered, waiting for a decision.
        Pending = "pending",
        /// Approved: listed while its licence is valid.
        Approved = "approved",
        /// Refused, with a reason.
        Refused = "refused",
        /// Suspended after approval (complaints, a revoked licence), with a reason.
        Suspended = "suspended",
    }
}

crate::stable_names! {
    /// A vetting decision.
    pub enum VetAction {
        /// Approve a pending merchant or reinstate a suspended one.
        Approve = "approve",
        /// Refuse a pending merchant.
        Refuse = "refuse",
        /// Suspend an approved merchant.
        Suspend = "suspend",
    }
}

impl VetAction {
    /// Whether the decision needs a reason the merchant is told.
    pub fn needs_reason(self) -> bool {
        !matches!(self, VetAction::Approve)
    }
}

/// The state a decision leads to, or `None` when it does not apply to the current state.
pub fn vet(state: Vetting, action: VetAction) -> Option<Vetting> {
    match (state, action) {
        (Vetting::Pending | Vetting::Suspended, VetAction::Approve) => Some(Vetting::Approved),
        (Vetting::Pending, VetAction::Refuse) => Some(Vetting::Refused),
        (Vetting::Approved, VetAction::Suspend) => Some(Vetting::Suspended),
        _ => None,
    }
}

/// Whether a merchant is shown to readers on `today` (Beijing date): approved, and its
/// licence valid through today. Places that are not merchants are always shown.
pub fn listed(
    category: Category,
    state: Vetting,
    valid_until: Option<time::Date>,
    today: time::Date,
) -> bool {
    !category.is_merchant()
        || (state == Vetting::Approved && valid_until.is_some_and(|d| d >= today))
}

crate::stable_names! {
    /// A life situation (要结婚, 生小孩 …): what a resident is going through.
    pub enum Situation {
        /// 要结婚.
        Marry = "marry",
        /// 生小孩.
        Baby = "baby",
        /// 上学.
        School = "school",
        /// 找工作.
        Job = "job",
        /// 享晚年.
        Retire = "retire",
    }
}

impl Situation {
    /// The life-event checklists (CAT-3 stages) that belong to the situation. A fixed mapping:
    /// the stages are a fixed list in code, as are the categories, so a table an admin edits
    /// would only let the two drift apart.
    pub fn stages(self) -> &'static [LifeStage] {
        match self {
            Situation::Marry => &[LifeStage::Family, LifeStage::Home],
            Situation::Baby => &[LifeStage::Birth, LifeStage::Family],
            Situation::School => &[LifeStage::School],
            Situation::Job => &[LifeStage::Work],
            Situation::Retire => &[LifeStage::Retirement, LifeStage::OldAge],
        }
    }

    /// The kinds of places that help, most useful first.
    pub fn categories(self) -> &'static [Category] {
        match self {
            Situation::Marry => &[Category::Hall, Category::Park, Category::Housekeeping],
            Situation::Baby => &[Category::Hospital, Category::Hall, Category::Park],
            Situation::School => &[Category::School, Category::Library, Category::Sports],
            Situation::Job => &[Category::Hall, Category::Library],
            Situation::Retire => &[
                Category::Hospital,
                Category::Park,
                Category::Sports,
                Category::Housekeeping,
            ],
        }
    }
}

/// A point on the map in millionths of a degree (WGS-84, like the inquiries' `lat_e6`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    /// Latitude × 10⁶.
    pub lat_e6: i64,
    /// Longitude × 10⁶.
    pub lng_e6: i64,
}

/// Mainland China, Hainan and Taiwan, roughly, in millionths of a degree (south, west, north,
/// east): a place of the platform lies inside.
pub const CHINA: [i64; 4] = [3_800_000, 73_500_000, 53_600_000, 135_100_000];

fn degrees(input: &str, limit: f64) -> Result<i64, FieldCode> {
    let s = input.trim();
    if s.len() > 20 {
        return Err(FieldCode::InvalidNumber);
    }
    let v: f64 = s.parse().map_err(|_| FieldCode::InvalidNumber)?;
    if !v.is_finite() {
        return Err(FieldCode::InvalidNumber);
    }
    if v.abs() > limit {
        return Err(FieldCode::OutOfRange);
    }
    Ok((v * 1e6).round() as i64)
}

/// Reads a reader's position from two form fields: both empty is no position; one alone is
/// `required` on the other; text is `invalid_number`; beyond ±90 / ±180 is `out_of_range`.
/// Errors come back per field (`lat`, `lng`).
pub fn parse_point(lat: &str, lng: &str) -> Result<Option<Point>, Vec<(&'static str, FieldCode)>> {
    let (a, b) = (lat.trim(), lng.trim());
    if a.is_empty() && b.is_empty() {
        return Ok(None);
    }
    let mut errors = Vec::new();
    let la = if a.is_empty() {
        errors.push(("lat", FieldCode::Required));
        None
    } else {
        degrees(a, 90.0).map_err(|e| errors.push(("lat", e))).ok()
    };
    let ln = if b.is_empty() {
        errors.push(("lng", FieldCode::Required));
        None
    } else {
        degrees(b, 180.0).map_err(|e| errors.push(("lng", e))).ok()
    };
    match (la, ln) {
        (Some(lat_e6), Some(lng_e6)) if errors.is_empty() => Ok(Some(Point { lat_e6, lng_e6 })),
        _ => Err(errors),
    }
}

impl Point {
    /// Whether the point lies inside China (where a place of the platform must be).
    pub fn in_china(self) -> bool {
        let [s, w, n, e] = CHINA;
        (s..=n).contains(&self.lat_e6) && (w..=e).contains(&self.lng_e6)
    }

    /// Great-circle distance in metres (haversine, the inquiries' `metres_between`).
    pub fn metres_to(self, other: Point) -> u32 {
        crate::inquiry::resemble::metres_between(
            (self.lat_e6, self.lng_e6),
            (other.lat_e6, other.lng_e6),
        )
    }

    /// The box (south, west, north, east in millionths of a degree) holding every point within
    /// `metres`: what the indexed columns are filtered on before the exact distance.
    pub fn bounding_box(self, metres: u32) -> [i64; 4] {
        // On the haversine's sphere (R = 6371 km) a degree of latitude is 111.195 km; of
        // longitude, that times cos(latitude) at the box's edge farthest from the equator
        // (where degrees of longitude are shortest). Rounded down, so the box errs larger. A
        // generated-input test found 111.32 km (the WGS-84 equatorial figure) too long.
        let dlat = f64::from(metres) / 111_190.0;
        let lat = (self.lat_e6 as f64 / 1e6).abs() + dlat;
        let cos = lat.min(89.99).to_radians().cos().max(0.01);
        let dlng = (dlat / cos).min(180.0);
        let (dlat, dlng) = (
            (dlat * 1e6).ceil() as i64 + 1,
            (dlng * 1e6).ceil() as i64 + 1,
        );
        [
            self.lat_e6 - dlat,
            self.lng_e6 - dlng,
            self.lat_e6 + dlat,
            self.lng_e6 + dlng,
        ]
    }
}

/// A distance as readers see it: `850 米` below a kilometre, else `1.2 公里` (one decimal).
pub fn distance_text(metres: u32, zh: bool) -> String {
    match (metres < 1000, zh) {
        (true, true) => format!("{metres} 米"),
        (true, false) => format!("{metres} m"),
        (false, true) => format!("{:.1} 公里", f64::from(metres) / 1000.0),
        (false, false) => format!("{:.1} km", f64::from(metres) / 1000.0),
    }
}

/// One line of opening hours: days of the week (1 = Monday … 7 = Sunday) and minutes from
/// midnight; `end` after 24:00 is not allowed, an `end` before `start` runs past midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First day (1–7).
    pub from_day: u8,
    /// Last day (1–7, not before `from_day`).
    pub to_day: u8,
    /// Opening minute.
    pub start: u16,
    /// Closing minute (1440 = midnight).
    pub end: u16,
}

/// Opening hours: lines like `1-5 08:30-17:30`, `6-7 09:00-12:00`, `1-7 00:00-24:00` (open
/// round the clock), separated by `;` or new lines. Empty means unknown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Hours(pub Vec<Span>);

fn minute(s: &str) -> Option<u16> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 24 && m < 60 && h * 60 + m <= 1440).then_some(h * 60 + m)
}

impl Hours {
    /// Reads the opening hours; `invalid_line` for a line that is not `D-D HH:MM-HH:MM`.
    pub fn parse(text: &str) -> Result<Hours, FieldCode> {
        let mut spans = Vec::new();
        for line in text
            .split([';', '\n', '；'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            let (days, times) = line.split_once(' ').ok_or(FieldCode::InvalidLine)?;
            let (a, b) = days.split_once('-').unwrap_or((days, days));
            let (from_day, to_day): (u8, u8) = (
                a.trim().parse().map_err(|_| FieldCode::InvalidLine)?,
                b.trim().parse().map_err(|_| FieldCode::InvalidLine)?,
            );
            let (s, e) = times.trim().split_once('-').ok_or(FieldCode::InvalidLine)?;
            let (start, end) = (
                minute(s).ok_or(FieldCode::InvalidLine)?,
                minute(e).ok_or(FieldCode::InvalidLine)?,
            );
            if !(1..=7).contains(&from_day)
                || !(from_day..=7).contains(&to_day)
                || start == end
                || start == 1440
            {
                return Err(FieldCode::InvalidLine);
            }
            spans.push(Span {
                from_day,
                to_day,
                start,
                end,
            });
        }
        if spans.len() > 14 {
            return Err(FieldCode::TooMany);
        }
        Ok(Hours(spans))
    }

    /// Whether open on `day` (1 = Monday) at `minute` past midnight.
    pub fn open_at(&self, day: u8, minute: u16) -> bool {
        let yesterday = if day == 1 { 7 } else { day - 1 };
        self.0.iter().any(|s| {
            let on = |d: u8| (s.from_day..=s.to_day).contains(&d);
            if s.start < s.end {
                on(day) && (s.start..s.end).contains(&minute)
            } else {
                // Past midnight: the evening part today, the early part from yesterday's line.
                (on(day) && minute >= s.start) || (on(yesterday) && minute < s.end)
            }
        })
    }

    /// Whether open every minute of every day.
    pub fn round_the_clock(&self) -> bool {
        (1..=7).all(|d| {
            self.0
                .iter()
                .any(|s| (s.from_day..=s.to_day).contains(&d) && s.start == 0 && s.end == 1440)
        })
    }

    /// Whether any hours are known.
    pub fn known(&self) -> bool {
        !self.0.is_empty()
    }

    /// The text the hours were read from, normalised.
    pub fn spec(&self) -> String {
        self.0
            .iter()
            .map(|s| {
                format!(
                    "{}-{} {}-{}",
                    s.from_day,
                    s.to_day,
                    hhmm(s.start),
                    hhmm(s.end)
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// `08:30` from minutes past midnight.
pub fn hhmm(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_position_is_two_numbers_in_range_or_nothing() {
        assert_eq!(parse_point("", " "), Ok(None));
        assert_eq!(
            parse_point("30.456", "106.633"),
            Ok(Some(Point {
                lat_e6: 30_456_000,
                lng_e6: 106_633_000
            }))
        );
        assert_eq!(
            parse_point("999", "106"),
            Err(vec![("lat", FieldCode::OutOfRange)])
        );
        assert_eq!(
            parse_point("30", "east"),
            Err(vec![("lng", FieldCode::InvalidNumber)])
        );
        assert_eq!(
            parse_point("30", ""),
            Err(vec![("lng", FieldCode::Required)])
        );
        assert_eq!(
            parse_point("NaN", "inf"),
            Err(vec![
                ("lat", FieldCode::InvalidNumber),
                ("lng", FieldCode::InvalidNumber)
            ])
        );
    }

    #[test]
    fn distances_and_boxes_agree() {
        let a = Point {
            lat_e6: 30_456_000,
            lng_e6: 106_633_000,
        };
        let b = Point {
            lat_e6: 30_465_000,
            lng_e6: 106_633_000,
        };
        let d = a.metres_to(b);
        assert!((995..=1006).contains(&d), "{d}");
        assert_eq!(distance_text(d, true), "1.0 公里");
        assert_eq!(distance_text(850, true), "850 米");
        let [s, w, n, e] = a.bounding_box(1000);
        assert!(s < a.lat_e6 && n > b.lat_e6 - 1000 && w < a.lng_e6 && e > a.lng_e6);
    }

    #[test]
    fn every_point_within_the_radius_is_inside_its_box() {
        // A property over a grid of centres and bearings: the prefilter never drops a point
        // the exact distance keeps.
        for lat in [-60_000_000i64, 0, 30_456_000, 53_000_000] {
            let c = Point {
                lat_e6: lat,
                lng_e6: 106_000_000,
            };
            for r in [100u32, 1_000, 25_000] {
                let [s, w, n, e] = c.bounding_box(r);
                for k in 0..72 {
                    let th = f64::from(k) * 5.0_f64.to_radians();
                    let dlat = f64::from(r) * 0.999 / 111_320.0 * th.cos();
                    let dlng = f64::from(r) * 0.999
                        / (111_320.0 * (lat as f64 / 1e6).to_radians().cos())
                        * th.sin();
                    let p = Point {
                        lat_e6: lat + (dlat * 1e6) as i64,
                        lng_e6: c.lng_e6 + (dlng * 1e6) as i64,
                    };
                    if c.metres_to(p) <= r {
                        assert!(
                            (s..=n).contains(&p.lat_e6) && (w..=e).contains(&p.lng_e6),
                            "{p:?} r={r}"
                        );
                    }
                }
            }
        }
    }

    /// SplitMix64: the workspace has no property-testing crate (see `payments/prop.rs`); every
    /// run checks the same generated cases.
    struct Gen(u64);

    impl Gen {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        fn between(&mut self, lo: i64, hi: i64) -> i64 {
            lo + (self.next() % (hi - lo + 1) as u64) as i64
        }
    }

    #[test]
    fn property_positions_read_back_exactly_and_junk_never_passes() {
        let mut g = Gen(2026_1207);
        for case in 0..20_000 {
            let (lat, lng) = (
                g.between(-90_000_000, 90_000_000),
                g.between(-180_000_000, 180_000_000),
            );
            let text = |v: i64| {
                format!(
                    "{}{}.{:06}",
                    if v < 0 { "-" } else { "" },
                    v.abs() / 1_000_000,
                    v.abs() % 1_000_000
                )
            };
            assert_eq!(
                parse_point(&text(lat), &text(lng)),
                Ok(Some(Point {
                    lat_e6: lat,
                    lng_e6: lng
                })),
                "case {case}"
            );
            // Out of range by any amount, or not a number: refused, never a point.
            let over = g.between(1, 1_000_000_000);
            assert!(
                parse_point(&text(90_000_000 + over), &text(lng)).is_err(),
                "case {case}"
            );
            assert!(
                parse_point(&text(lat), &text(-180_000_000 - over)).is_err(),
                "case {case}"
            );
            let junk: String = (0..g.between(1, 12))
                .map(|_| {
                    ['a', '1', '.', '-', 'e', ' ', '北', '9', 'x', '+'][g.between(0, 9) as usize]
                })
                .collect();
            if let Ok(Some(p)) = parse_point(&junk, "106") {
                assert!(p.lat_e6.abs() <= 90_000_000, "{junk:?}");
            }
        }
    }

    #[test]
    fn property_distances_are_metric_and_boxes_hold_every_point_within_their_radius() {
        let mut g = Gen(5116);
        for case in 0..20_000 {
            let p = |g: &mut Gen| Point {
                lat_e6: g.between(-80_000_000, 80_000_000),
                lng_e6: g.between(-179_000_000, 179_000_000),
            };
            let (a, b, c) = (p(&mut g), p(&mut g), p(&mut g));
            assert_eq!(a.metres_to(a), 0);
            assert_eq!(a.metres_to(b), b.metres_to(a), "case {case}");
            assert!(
                a.metres_to(c) <= a.metres_to(b) + b.metres_to(c) + 1,
                "case {case}"
            );
            // A point near `a`: inside the box of any radius at least its distance.
            let near = Point {
                lat_e6: (a.lat_e6 + g.between(-200_000, 200_000)).clamp(-90_000_000, 90_000_000),
                lng_e6: a.lng_e6 + g.between(-200_000, 200_000),
            };
            let d = a.metres_to(near);
            let [s, w, n, e] = a.bounding_box(d + g.between(0, 1000) as u32);
            assert!(
                (s..=n).contains(&near.lat_e6) && (w..=e).contains(&near.lng_e6),
                "case {case}: {a:?} {near:?} {d}"
            );
        }
    }

    #[test]
    fn opening_hours_past_midnight_and_round_the_clock() {
        let h = Hours::parse("1-5 08:30-17:30; 6-7 09:00-12:00").unwrap();
        assert!(h.open_at(1, 9 * 60));
        assert!(!h.open_at(1, 23 * 60));
        assert!(!h.open_at(6, 13 * 60));
        let late = Hours::parse("1-7 18:00-02:00").unwrap();
        assert!(late.open_at(3, 23 * 60));
        assert!(late.open_at(1, 60), "Sunday's evening runs into Monday");
        assert!(!late.open_at(3, 12 * 60));
        let all = Hours::parse("1-7 00:00-24:00").unwrap();
        assert!(all.round_the_clock() && all.open_at(4, 23 * 60));
        assert!(!h.round_the_clock());
        assert_eq!(Hours::parse("every day"), Err(FieldCode::InvalidLine));
        assert_eq!(Hours::parse("5-1 08:00-09:00"), Err(FieldCode::InvalidLine));
        assert_eq!(Hours::parse("1-5 25:00-26:00"), Err(FieldCode::InvalidLine));
        assert!(!Hours::parse("").unwrap().known());
    }

    #[test]
    fn vetting_moves_only_where_allowed() {
        assert_eq!(
            vet(Vetting::Pending, VetAction::Approve),
            Some(Vetting::Approved)
        );
        assert_eq!(
            vet(Vetting::Pending, VetAction::Refuse),
            Some(Vetting::Refused)
        );
        assert_eq!(
            vet(Vetting::Approved, VetAction::Suspend),
            Some(Vetting::Suspended)
        );
        assert_eq!(
            vet(Vetting::Suspended, VetAction::Approve),
            Some(Vetting::Approved)
        );
        assert_eq!(vet(Vetting::Refused, VetAction::Approve), None);
        assert_eq!(vet(Vetting::Approved, VetAction::Refuse), None);
    }

    #[test]
    fn a_lapsed_licence_hides_a_merchant_but_never_a_place() {
        let today = time::macros::date!(2026 - 12 - 07);
        let yesterday = time::macros::date!(2026 - 12 - 06);
        assert!(listed(
            Category::Locksmith,
            Vetting::Approved,
            Some(today),
            today
        ));
        assert!(!listed(
            Category::Locksmith,
            Vetting::Approved,
            Some(yesterday),
            today
        ));
        assert!(!listed(
            Category::Locksmith,
            Vetting::Pending,
            Some(today),
            today
        ));
        assert!(listed(Category::Park, Vetting::Pending, None, today));
    }
}
