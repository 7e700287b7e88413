//! The demo's appointment places (SVC-2), so a new user can book at once: 广安区政务服务中心
//! run by 区行政审批局 with four windows, and 广安区人民医院 run by 区卫健局 with two
//! departments of two doctors each; slots published for the booking horizon. Created once;
//! the hourly job keeps the horizon moving.

use yiwang_domain::booking::rules::BookingRules;
use yiwang_domain::booking::{DeskKind, PlaceKind};
use yiwang_domain::paging::Page;
use yiwang_domain::region::RegionCode;
use yiwang_store::bookings::{NewDesk, NewPlace};
use yiwang_store::{Result, Store};

use crate::services::capacity::publish_with;

/// Mornings and afternoons of every working day, half-hour slots.
fn weekdays(places: u32, afternoon: bool) -> String {
    let mut lines = Vec::new();
    for day in 1..=5 {
        for (h, m) in [(9, 0), (9, 30), (10, 0), (10, 30), (11, 0), (11, 30)] {
            let (h2, m2) = if m == 30 { (h + 1, 0) } else { (h, 30) };
            lines.push(format!("{day} {h:02}:{m:02}-{h2:02}:{m2:02} {places}"));
        }
        if afternoon {
            for (h, m) in [(14, 0), (14, 30), (15, 0), (15, 30), (16, 0), (16, 30)] {
                let (h2, m2) = if m == 30 { (h + 1, 0) } else { (h, 30) };
                lines.push(format!("{day} {h:02}:{m:02}-{h2:02}:{m2:02} {places}"));
            }
        }
    }
    lines.join("\n")
}

/// Creates the demo's places once (nothing when any place exists).
pub async fn ensure(store: &Store) -> Result<()> {
    if !store.booking_places().await?.is_empty() {
        return Ok(());
    }
    let Ok(district) = RegionCode::parse("511602") else {
        return Ok(());
    };
    let (departments, _) = store
        .list_departments(&district, "", Page::new(Some(1), Some(100), 100)?)
        .await?;
    let find = |name: &str| departments.iter().find(|d| d.name == name).map(|d| d.id);
    let (Some(hall_dep), Some(health)) = (find("区行政审批局"), find("区卫健局")) else {
        return Ok(());
    };
    let mut tx = store.begin().await?;
    let hall = store
        .create_booking_place(
            &mut tx,
            &NewPlace {
                kind: PlaceKind::Hall,
                name: "广安区政务服务中心",
                department_id: hall_dep,
                region_code: district.as_str(),
                address: "广安区金安大道二段（区政务服务中心一楼）",
            },
        )
        .await?;
    let hospital = store
        .create_booking_place(
            &mut tx,
            &NewPlace {
                kind: PlaceKind::Hospital,
                name: "广安区人民医院",
                department_id: health,
                region_code: district.as_str(),
                address: "广安区建设路（门诊楼）",
            },
        )
        .await?;
    let windows = [
        ("1号窗口", "社保医保", 6),
        ("2号窗口", "户籍证照", 6),
        ("3号窗口", "不动产登记", 4),
        ("4号窗口", "企业开办", 4),
    ];
    let mut desks = Vec::new();
    for (i, (name, unit, places)) in windows.iter().enumerate() {
        desks.push(
            store
                .create_booking_desk(
                    &mut tx,
                    &NewDesk {
                        place_id: hall,
                        kind: DeskKind::Window,
                        name,
                        unit,
                        items: &[],
                        template: &weekdays(*places, true),
                        sort: i as i64 + 1,
                    },
                )
                .await?,
        );
    }
    let doctors = [
        ("王医生（主任医师）", "儿科", 5, false),
        ("李医生", "儿科", 8, true),
        ("张医生（副主任医师）", "内科", 5, true),
        ("陈医生", "内科", 8, true),
    ];
    for (i, (name, unit, places, afternoon)) in doctors.iter().enumerate() {
        desks.push(
            store
                .create_booking_desk(
                    &mut tx,
                    &NewDesk {
                        place_id: hospital,
                        kind: DeskKind::Doctor,
                        name,
                        unit,
                        items: &[],
                        template: &weekdays(*places, *afternoon),
                        sort: i as i64 + 1,
                    },
                )
                .await?,
        );
    }
    let rules = BookingRules::default();
    for id in desks {
        let desk = store.booking_desk_in(&mut tx, id).await?;
        publish_with(store, &mut tx, &desk, &rules).await?;
    }
    yiwang_store::commit(tx).await
}
