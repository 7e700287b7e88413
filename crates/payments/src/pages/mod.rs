//! Pages: the payer's (`pay.rs`), the sandbox provider's cashier (`sandbox.rs`), and the
//! finance officer's console (`console.rs`).

pub mod console;
pub mod pay;
pub mod sandbox;

use yiwang_domain::payments::Fen;
use yiwang_store::payments::BillRow;

/// A bill as pages show it.
pub struct BillView {
    /// Its id.
    pub id: String,
    /// Its code in groups of four.
    pub code: String,
    /// The unit's name.
    pub unit: String,
    /// The title.
    pub title: String,
    /// (item, amount) lines.
    pub items: Vec<(String, String)>,
    /// The amount.
    pub amount: String,
    /// The due date.
    pub due: String,
    /// The late fee if paid today ("" for none).
    pub late_fee: String,
    /// What paying now costs.
    pub total: String,
    /// Paid, cancelled, or to pay — in the reader's words.
    pub state: &'static str,
    /// Whether it may be paid now.
    pub payable: bool,
}

impl BillView {
    /// The view of a bill's standing.
    pub fn new(s: &crate::services::bills::Standing, t: yiwang_kit::i18n::Tr) -> BillView {
        use crate::texts::PayTexts;
        let b: &BillRow = &s.bill;
        let code = yiwang_domain::payments::BillCode::parse(&b.code)
            .map(|c| c.grouped())
            .unwrap_or_else(|_| b.code.clone());
        BillView {
            id: b.id.to_string(),
            code,
            unit: b.unit_name.clone(),
            title: b.title.clone(),
            items: b
                .items
                .iter()
                .map(|i| (i.name.clone(), Fen(i.amount_fen).to_string()))
                .collect(),
            amount: b.amount.to_string(),
            due: b.due_on.to_string(),
            late_fee: if s.late_fee > Fen::ZERO && !s.paid {
                s.late_fee.to_string()
            } else {
                String::new()
            },
            total: s.to_pay().to_string(),
            state: if s.paid {
                t.pay_paid()
            } else if b.state == yiwang_store::payments::BillState::Cancelled {
                t.pay_cancelled()
            } else {
                t.pay_unpaid()
            },
            payable: s.payable(),
        }
    }
}
