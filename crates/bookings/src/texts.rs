//! Texts of appointments (SVC-2): booking pages and the counter's console pages.

yiwang_kit::texts! {
    /// The texts of this capability's pages.
    pub trait BookingTexts {
        bk_title: "预约", "預約", "Appointments";
        bk_intro: "在政务服务中心办事或到医院看病，先在网上预约时段，到场后出示预约二维码签到。", "在政務服務中心辦事或到醫院看病，先在網上預約時段，到場後出示預約二維碼簽到。", "Book a time at a service centre or a hospital online, then show the booking's QR code when you arrive.";
        bk_halls: "政务服务大厅", "政務服務大廳", "Service centres";
        bk_hospitals: "医院", "醫院", "Hospitals";
        bk_no_places: "暂时没有开放预约的地点。", "暫時沒有開放預約的地點。", "No place takes appointments yet.";
        bk_choose_day: "选择日期", "選擇日期", "Choose a day";
        bk_no_slots: "这一天没有可预约的时段（节假日或闭馆）。", "這一天沒有可預約的時段（節假日或閉館）。", "No times on this day (a holiday or a closure).";
        bk_free: "余号", "餘號", "Free";
        bk_full: "已约满", "已約滿", "Fully booked";
        bk_book: "预约", "預約", "Book";
        bk_wait_offer: "登记候补", "登記候補", "Join the waiting list";
        bk_form_title: "确认预约", "確認預約", "Confirm the appointment";
        bk_place: "地点", "地點", "Place";
        bk_desk: "窗口或医生", "窗口或醫生", "Window or doctor";
        bk_when: "时间", "時間", "Time";
        bk_for_whom: "为谁预约", "為誰預約", "Who is it for";
        bk_for_me: "本人", "本人", "Myself";
        bk_for_family: "家人（填写姓名和身份证号）", "家人（填寫姓名和身分證號）", "A family member (give their name and ID number)";
        bk_for_name: "家人姓名", "家人姓名", "Family member's name";
        bk_for_id: "家人身份证号", "家人身分證號", "Family member's ID number";
        bk_for_hint: "为本人预约时不用填写。", "為本人預約時不用填寫。", "Leave empty when booking for yourself.";
        bk_wait: "如果已约满，登记候补：有人取消时按登记顺序递补，并通知您", "如果已約滿，登記候補：有人取消時按登記順序遞補，並通知您", "If it is full, put me on the waiting list: cancelled places go to it in order, and you are told";
        bk_for_case: "用于办件", "用於辦件", "For application";
        bk_submit: "确认预约", "確認預約", "Book this time";
        bk_mine: "我的预约", "我的預約", "My appointments";
        bk_none: "您还没有预约。", "您還沒有預約。", "You have no appointments.";
        bk_done_title: "预约成功", "預約成功", "Appointment booked";
        bk_waiting_title: "已登记候补", "已登記候補", "On the waiting list";
        bk_waiting_text: "这个时段已约满，您已登记候补。有人取消时按登记顺序递补，递补成功会通知您。", "這個時段已約滿，您已登記候補。有人取消時按登記順序遞補，遞補成功會通知您。", "This time is full and you are on its waiting list. If a place is cancelled it goes to the list in order, and you will be told.";
        bk_qr_hint: "到场后请出示这个二维码签到；也可以告诉工作人员下面的签到码。请带好身份证件。", "到場後請出示這個二維碼簽到；也可以告訴工作人員下面的簽到碼。請帶好身分證件。", "Show this QR code when you arrive, or tell the staff the check-in code below. Bring your ID.";
        bk_code: "签到码", "簽到碼", "Check-in code";
        bk_state: "状态", "狀態", "Status";
        bk_cancel: "取消预约", "取消預約", "Cancel the appointment";
        bk_cancel_hint: "开始前规定时间内不能再取消；不按时到场会记录为爽约，多次爽约将暂停预约。", "開始前規定時間內不能再取消；不按時到場會記錄為爽約，多次爽約將暫停預約。", "Close to the start it can no longer be cancelled; missing it counts as a no-show, and repeated no-shows pause booking.";
        bk_cancelled_notice: "预约已取消。", "預約已取消。", "The appointment is cancelled.";
        bk_state_confirmed: "已预约", "已預約", "Booked";
        bk_state_waiting: "候补中", "候補中", "Waiting";
        bk_state_cancelled: "已取消", "已取消", "Cancelled";
        bk_state_checked_in: "已签到", "已簽到", "Checked in";
        bk_state_no_show: "爽约", "爽約", "Missed";
        bk_state_lapsed: "候补未成功", "候補未成功", "No place came free";
        bk_all_places: "全部预约地点", "全部預約地點", "All places";
        bk_console: "预约服务", "預約服務", "Appointments";
        bk_console_intro: "您所在部门的预约地点：查看当天名单、扫码签到、登记爽约、查看号源使用情况。", "您所在部門的預約地點：查看當天名單、掃碼簽到、登記爽約、查看號源使用情況。", "Your department's places: the day's list, check-in by code, no-shows, and utilisation.";
        bk_day_list: "当天名单", "當天名單", "Day's list";
        bk_utilisation: "号源使用情况", "號源使用情況", "Utilisation";
        bk_capacity: "号源设置", "號源設定", "Capacity";
        bk_new_place: "新建预约地点", "新建預約地點", "New place";
        bk_checkin: "扫码签到", "掃碼簽到", "Check in";
        bk_checkin_hint: "用扫码枪扫描预约二维码，或输入签到码后按回车。", "用掃碼槍掃描預約二維碼，或輸入簽到碼後按Enter。", "Scan the QR code with the scanner, or type the check-in code and press Enter.";
        bk_checked_in: "签到成功：", "簽到成功：", "Checked in: ";
        bk_checked_in_again: "已经签到过：", "已經簽到過：", "Already checked in: ";
        bk_no_show: "登记爽约", "登記爽約", "Mark as missed";
        bk_who: "预约人", "預約人", "Person";
        bk_all_desks: "全部窗口和医生", "全部窗口和醫生", "All windows and doctors";
        bk_show: "查看", "查看", "Show";
        bk_day: "日期", "日期", "Day";
        bk_from: "从", "從", "From";
        bk_to: "到", "到", "To";
        bk_places_n: "号源", "號源", "Places";
        bk_booked_n: "已预约", "已預約", "Booked";
        bk_checked_in_n: "已签到", "已簽到", "Checked in";
        bk_no_shows_n: "爽约", "爽約", "Missed";
        bk_rate: "预约率", "預約率", "Booked share";
        bk_empty_day: "这一天没有预约。", "這一天沒有預約。", "No appointments on this day.";
        bk_desks: "窗口和医生", "窗口和醫生", "Windows and doctors";
        bk_template: "每周号源", "每週號源", "Weekly capacity";
        bk_template_hint: "每行一个时段：星期（1 为周一）、时间、号源数，如 1 09:00-09:30 10。法定节假日不放号，调休上班日按周一放号。", "每行一個時段：星期（1 為週一）、時間、號源數，如 1 09:00-09:30 10。法定節假日不放號，調休上班日按週一放號。", "One line per slot: weekday (1 is Monday), time, places, e.g. 1 09:00-09:30 10. No slots on public holidays; make-up working days follow Monday.";
        bk_save: "保存", "儲存", "Save";
        bk_add_desk: "添加窗口或医生", "新增窗口或醫生", "Add a window or doctor";
        bk_kind: "类型", "類型", "Kind";
        bk_kind_window: "窗口", "窗口", "Window";
        bk_kind_doctor: "医生", "醫生", "Doctor";
        bk_kind_hall: "政务服务大厅", "政務服務大廳", "Service centre";
        bk_kind_hospital: "医院", "醫院", "Hospital";
        bk_name: "名称", "名稱", "Name";
        bk_unit: "事项分组或科室", "事項分組或科室", "Item group or hospital department";
        bk_items: "办理的事项编号（每行一个，可不填）", "辦理的事項編號（每行一個，可不填）", "Item ids served (one per line, optional)";
        bk_close_day: "闭馆或停诊", "閉館或停診", "Close a day";
        bk_reason: "原因", "原因", "Reason";
        bk_whole_place: "整个地点", "整個地點", "The whole place";
        bk_department: "所属部门", "所屬部門", "Department";
        bk_address: "地址", "地址", "Address";
        bk_create: "创建", "建立", "Create";
        bk_saved: "已保存。", "已儲存。", "Saved.";
        bk_rules: "预约规则", "預約規則", "Booking rules";
        bk_rules_intro: "全平台统一的预约规则，保存后立即生效；已有的预约不受影响。", "全平台統一的預約規則，儲存後立即生效；已有的預約不受影響。", "The rules for every place on the platform, in force once saved; bookings already made stay as they are.";
        bk_rule_days_ahead: "可提前预约的天数", "可提前預約的天數", "Days ahead a slot may be booked";
        bk_rule_days_ahead_hint: "0 到 90；0 表示只能约当天。", "0 到 90；0 表示只能約當天。", "0 to 90; 0 means today only.";
        bk_rule_max_open: "每人同时可持有的预约数", "每人同時可持有的預約數", "Open bookings one person may hold";
        bk_rule_max_open_hint: "1 到 20，含候补。", "1 到 20，含候補。", "1 to 20, waiting-list places included.";
        bk_rule_cutoff: "开始前多少分钟后不能取消", "開始前多少分鐘後不能取消", "Minutes before the start after which cancelling closes";
        bk_rule_cutoff_hint: "0 到 10080（7 天）。", "0 到 10080（7 天）。", "0 to 10080 (7 days).";
        bk_rule_no_show_limit: "爽约几次后限制预约", "爽約幾次後限制預約", "Missed appointments before booking is limited";
        bk_rule_no_show_limit_hint: "1 到 100。", "1 到 100。", "1 to 100.";
        bk_rule_window: "爽约次数按最近多少天计算", "爽約次數按最近多少天計算", "Days back the missed appointments are counted over";
        bk_rule_window_hint: "1 到 730。", "1 到 730。", "1 to 730.";
        bk_rule_block: "限制预约的天数", "限制預約的天數", "Days booking is limited for";
        bk_rule_block_hint: "0 到 365；0 表示不限制。", "0 到 365；0 表示不限制。", "0 to 365; 0 means no limit.";
        bk_save_rules: "保存规则", "儲存規則", "Save the rules";
        bk_book_visit: "预约到现场办理", "預約到現場辦理", "Book the visit";
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_is_translated() {
        yiwang_kit::i18n::check_texts(super::ALL_MESSAGES);
    }
}
