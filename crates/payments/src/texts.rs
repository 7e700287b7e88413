//! Texts of fee payment: the payer's pages, the sandbox cashier, receipts, the console.

yiwang_kit::texts! {
    /// The texts of this capability's pages.
    pub trait PayTexts {
        pay_title: "缴费", "繳費", "Pay a fee";
        pay_intro: "输入缴款通知书上的20位缴款码和缴款人姓名，查到缴款单后在线缴纳。交通罚款、考试费、行政事业性收费都可以在这里缴。", "輸入繳款通知書上的20位繳款碼和繳款人姓名，查到繳款單後線上繳納。交通罰款、考試費、行政事業性收費都可以在這裡繳。", "Enter the 20-digit bill code from the payment notice and the payer's name, find the bill and pay it online: traffic fines, exam fees and administrative charges.";
        pay_code: "缴款码", "繳款碼", "Bill code";
        pay_code_hint: "20位数字，可以带空格，例如 1234 5678 9012 3456 7890", "20位數字，可以帶空格，例如 1234 5678 9012 3456 7890", "20 digits; spaces are fine, e.g. 1234 5678 9012 3456 7890";
        pay_payer: "缴款人姓名", "繳款人姓名", "Payer's name";
        pay_payer_hint: "与缴款通知书上的姓名一致", "與繳款通知書上的姓名一致", "As on the notice";
        pay_find: "查询缴款单", "查詢繳款單", "Find the bill";
        pay_bill: "缴款单", "繳款單", "Bill";
        pay_unit: "执收单位", "執收單位", "Collecting unit";
        pay_item: "项目", "項目", "Item";
        pay_amount: "金额", "金額", "Amount";
        pay_due: "缴款期限", "繳款期限", "Pay by";
        pay_late_fee: "滞纳金", "滯納金", "Late fee";
        pay_total: "应缴合计", "應繳合計", "Total to pay";
        pay_now: "去支付", "去支付", "Pay now";
        pay_paid: "已缴清", "已繳清", "Paid";
        pay_cancelled: "已作废", "已作廢", "Cancelled";
        pay_unpaid: "待缴费", "待繳費", "To pay";
        pay_pending: "正在确认支付结果", "正在確認支付結果", "Confirming the payment";
        pay_pending_note: "支付平台还没有告诉我们结果。如果您已经付款，请稍等一会儿再刷新本页；结果确认后票据会自动放进“我的缴费”和电子证照夹。", "支付平台還沒有告訴我們結果。如果您已經付款，請稍等一會兒再重新整理本頁；結果確認後票據會自動放進「我的繳費」和電子證照夾。", "The payment service has not told us the result yet. If you have paid, wait a moment and reload this page; once confirmed the receipt goes into My payments and your wallet by itself.";
        pay_done: "缴费成功", "繳費成功", "Payment received";
        pay_closed: "这次支付没有完成", "這次支付沒有完成", "This payment was not completed";
        pay_closed_note: "没有扣款。可以回到缴款单重新支付。", "沒有扣款。可以回到繳款單重新支付。", "Nothing was charged. You can go back to the bill and pay again.";
        pay_receipt: "电子票据", "電子票據", "Electronic receipt";
        pay_receipt_no: "票据号码", "票據號碼", "Receipt number";
        pay_paid_at: "缴费时间", "繳費時間", "Paid at";
        pay_trade_no: "支付流水号", "支付流水號", "Payment reference";
        pay_verify: "扫码验真", "掃碼驗真", "Scan to check";
        pay_verify_title: "票据验真", "票據驗真", "Check a receipt";
        pay_verify_ok: "这张票据由本平台签发，内容未被改动。", "這張票據由本平台簽發，內容未被改動。", "This receipt was issued by the platform and has not been altered.";
        pay_verify_bad: "无法验证：这不是本平台签发的票据，或者内容被改动过。", "無法驗證：這不是本平台簽發的票據，或者內容被改動過。", "Cannot be verified: this receipt was not issued by the platform, or it has been altered.";
        pay_mine: "我的缴费", "我的繳費", "My payments";
        pay_mine_none: "还没有缴款单。", "還沒有繳款單。", "No bills yet.";
        pay_receipts: "我的票据", "我的票據", "My receipts";
        pay_back_to_bill: "回到缴款单", "回到繳款單", "Back to the bill";
        pay_already_paid: "这张缴款单已经缴清，不需要再缴。", "這張繳款單已經繳清，不需要再繳。", "This bill is paid; there is nothing more to pay.";
        pay_open_elsewhere: "这张缴款单有一笔支付正在进行，请在原来的支付页面完成，或等它超时后再试。", "這張繳款單有一筆支付正在進行，請在原來的支付頁面完成，或等它逾時後再試。", "A payment of this bill is under way: finish it on its payment page, or wait for it to time out and try again.";
        sandbox_title: "沙箱收银台", "沙箱收銀台", "Sandbox checkout";
        sandbox_note: "这是测试用的模拟支付平台，不会真的扣款。", "這是測試用的模擬支付平台，不會真的扣款。", "This is a simulated payment service for testing; no real money moves.";
        sandbox_scan: "用手机扫码支付，或点下面的按钮", "用手機掃碼支付，或點下面的按鈕", "Scan with a phone to pay, or use the buttons below";
        sandbox_pay: "确认支付", "確認支付", "Pay";
        sandbox_cancel: "取消支付", "取消支付", "Cancel";
        sandbox_gone: "这笔订单已经支付、取消或超时。", "這筆訂單已經支付、取消或逾時。", "This order is already paid, cancelled or timed out.";
        sandbox_order: "订单号", "訂單號", "Order number";
        pay_console: "缴费管理", "繳費管理", "Payments";
        pay_new_bill: "开具缴款单", "開具繳款單", "New bill";
        pay_title_field: "缴款事项", "繳款事項", "What it is for";
        pay_amount_yuan: "金额（元）", "金額（元）", "Amount (yuan)";
        pay_phone: "缴款人手机号（可选，用于放入其账户）", "繳款人手機號（可選，用於放入其帳戶）", "Payer's mobile (optional, puts the bill in their account)";
        pay_late_fee_bp: "滞纳金（每日万分之几，0为不收）", "滯納金（每日萬分之幾，0為不收）", "Late fee (basis points a day, 0 for none)";
        pay_create: "开具", "開具", "Create";
        pay_recent: "最近的缴款单", "最近的繳款單", "Recent bills";
        pay_flagged: "需要处理的支付", "需要處理的支付", "Payments to look at";
        pay_flag_duplicate: "重复缴费，应退款", "重複繳費，應退款", "Paid twice: refund due";
        pay_flag_amount: "实付金额与应缴不符", "實付金額與應繳不符", "Amount paid differs from the bill";
        pay_attempts: "支付记录", "支付記錄", "Payment attempts";
        pay_ledger: "账本记录", "帳本記錄", "Ledger postings";
        pay_refund: "退款", "退款", "Refund";
        pay_refund_amount: "退款金额（元）", "退款金額（元）", "Refund amount (yuan)";
        pay_refund_reason: "退款原因", "退款原因", "Reason";
        pay_refunds: "退款记录", "退款記錄", "Refunds";
        pay_cancel_bill: "作废缴款单", "作廢繳款單", "Cancel the bill";
        pay_state: "状态", "狀態", "Status";
        pay_reconcile: "对账", "對帳", "Reconciliation";
        pay_reconcile_intro: "把支付平台当天的对账单和本平台账本逐笔核对。", "把支付平台當天的對帳單和本平台帳本逐筆核對。", "Compare the payment service's statement of a day with the platform's ledger, line by line.";
        pay_day: "日期", "日期", "Day";
        pay_run: "对账", "對帳", "Reconcile";
        pay_resolve: "按支付平台记录补记", "按支付平台記錄補記", "Record what the provider has";
        pay_balanced: "当天账目平衡。", "當天帳目平衡。", "The day balances.";
        pay_unbalanced: "当天账目不平衡，请逐项处理。", "當天帳目不平衡，請逐項處理。", "The day does not balance: deal with each difference.";
        pay_ref: "本平台单号", "本平台單號", "Our reference";
        pay_kind: "类型", "類型", "Kind";
        pay_kind_pay: "收款", "收款", "Payment";
        pay_ours: "本平台金额", "本平台金額", "Our amount";
        pay_theirs: "支付平台金额", "支付平台金額", "Provider's amount";
        pay_finding: "核对结果", "核對結果", "Finding";
        pay_matched: "一致", "一致", "Matched";
        pay_only_provider: "支付平台有、本平台没有", "支付平台有、本平台沒有", "Provider has it, we do not";
        pay_only_ours: "本平台有、支付平台没有", "本平台有、支付平台沒有", "We have it, the provider does not";
        pay_amount_differs: "金额不一致", "金額不一致", "Amounts differ";
        pay_download_csv: "下载CSV", "下載CSV", "Download CSV";
        pay_unbalanced_days: "未平的对账日", "未平的對帳日", "Days not reconciled";
        pay_none: "没有。", "沒有。", "None.";
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn texts_are_complete_and_traditional_is_traditional() {
        yiwang_kit::i18n::check_texts(super::ALL_MESSAGES);
    }
}
