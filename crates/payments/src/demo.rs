//! The demo deployment's fee payment (called once from `yiwang/src/demo.rs`): three collecting
//! units and three bills for the demo citizen 张三 — a traffic fine printed on a paper notice
//! (its code, [`paper_fine_code`] — `5116 0220 2612 0700 0013`-style, printed in the start log — is typed at `/pay` with the name 张三), and a fine and an exam
//! fee already in their account's 我的缴费. The third unit receives the fee of the demo's
//! passport form (普通护照签发, ¥120), billed when its case is accepted.

use yiwang_domain::ids::AccountId;
use yiwang_domain::payments::{BillCode, Fen};
use yiwang_store::Store;
use yiwang_store::payments::{BillItem, NewBill};

/// The body of the paper notice's bill code (the demo prints it; the check digit follows).
const PAPER_FINE_BODY: [u8; 19] = [5, 1, 1, 6, 0, 2, 2, 0, 2, 6, 1, 2, 0, 7, 0, 0, 0, 0, 1];

/// The paper notice's bill code, 20 digits.
pub fn paper_fine_code() -> BillCode {
    BillCode::from_body(PAPER_FINE_BODY)
}

/// Adds the demo's units and bills once (by the units' own references).
pub async fn ensure(
    store: &Store,
    citizen: Option<AccountId>,
    region: &str,
) -> Result<(), yiwang_store::Error> {
    let mut tx = store.begin().await?;
    store
        .put_pay_unit(
            &mut tx,
            "511602101",
            "广安区公安局交通警察大队",
            region,
            None,
        )
        .await?;
    store
        .put_pay_unit(&mut tx, "511602201", "广安区教育考试院", region, None)
        .await?;
    // The unit the demo's passport form bills its fee to (普通护照签发费 ¥120).
    store
        .put_pay_unit(
            &mut tx,
            "511602301",
            "广安区公安分局出入境管理大队",
            region,
            None,
        )
        .await?;
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let bills = [
        (
            "511602101",
            "JJ-2026-000001",
            None,
            paper_fine_code(),
            "交通违法罚款（纸质通知书）",
            vec![("机动车违反禁令标志指示", 20000)],
            today + time::Duration::days(15),
            30,
        ),
        (
            "511602101",
            "JJ-2026-000002",
            citizen,
            BillCode::from_body([5, 1, 1, 6, 0, 2, 2, 0, 2, 6, 1, 1, 2, 0, 0, 0, 0, 0, 2]),
            "交通违法罚款",
            vec![("驾驶机动车违反道路交通信号灯通行", 20000)],
            today - time::Duration::days(10),
            30,
        ),
        (
            "511602201",
            "KS-2026-000001",
            citizen,
            BillCode::from_body([5, 1, 1, 6, 0, 2, 2, 0, 2, 6, 1, 2, 0, 1, 0, 0, 0, 0, 3]),
            "2026年下半年中小学教师资格考试报名费",
            vec![("笔试科目一", 7000), ("笔试科目二", 7000)],
            today + time::Duration::days(30),
            0,
        ),
    ];
    for (unit, reference, account, code, title, items, due, bp) in bills {
        let items: Vec<BillItem> = items
            .into_iter()
            .map(|(name, fen)| BillItem {
                name: name.into(),
                amount_fen: fen,
            })
            .collect();
        let amount = Fen(items.iter().map(|i| i.amount_fen).sum());
        let new = NewBill {
            code,
            unit: unit.into(),
            external_ref: Some(reference.into()),
            payer_account: account,
            payer_name: "张三".into(),
            title: title.into(),
            items,
            amount,
            due_on: due,
            late_fee_bp: bp,
            case_id: None,
            created_by: None,
        };
        // A code already taken (a demo re-created over old rows) is skipped.
        match store.insert_bill(&mut tx, &new).await {
            Ok(_) | Err(yiwang_store::Error::Domain(_)) => {}
            Err(e) => return Err(e),
        }
    }
    yiwang_store::commit(tx).await
}
