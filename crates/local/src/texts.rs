//! Texts of local life: the listing, a place, an event, life situations, and the licensing
//! staff's console.

yiwang_kit::texts! {
    /// The texts of this capability's pages.
    pub trait LocalTexts {
        loc_title: "本地生活", "本地生活", "Local life";
        loc_intro: "办事大厅、医院、学校、公园、图书馆、体育场馆，以及经过审核、持证经营的开锁、家政、维修商户。", "辦事大廳、醫院、學校、公園、圖書館、體育場館，以及經過審核、持證經營的開鎖、家政、維修商戶。", "Service halls, hospitals, schools, parks, libraries and sports grounds, and vetted, licensed locksmiths, housekeepers and repairers.";
        loc_region: "地区", "地區", "Area";
        loc_all_regions: "全部地区", "全部地區", "All areas";
        loc_category: "类别", "類別", "Category";
        loc_all_categories: "全部类别", "全部類別", "All categories";
        loc_near_title: "离我最近", "離我最近", "Nearest to me";
        loc_near_hint: "填写您所在位置的纬度和经度（WGS-84），或点“使用我的位置”让浏览器填写。位置只用于这次排序，不会保存。", "填寫您所在位置的緯度和經度（WGS-84），或點「使用我的位置」讓瀏覽器填寫。位置只用於這次排序，不會儲存。", "Enter the latitude and longitude of where you are (WGS-84), or press Use my location to let the browser fill them in. Your position is used only for this ordering and is not kept.";
        loc_lat: "纬度", "緯度", "Latitude";
        loc_lng: "经度", "經度", "Longitude";
        loc_use_location: "使用我的位置", "使用我的位置", "Use my location";
        loc_location_ok: "已填入您的位置，请点“查找”。", "已填入您的位置，請點「查找」。", "Your location has been filled in; press Find.";
        loc_location_failed: "没能取得您的位置，请手动填写或不填。", "沒能取得您的位置，請手動填寫或不填。", "Your location could not be found; enter it by hand or leave it empty.";
        loc_find: "查找", "查找", "Find";
        loc_count: "共 {} 处", "共 {} 處", "{} places";
        loc_nearest: "离您最近的 {} 处，由近到远", "離您最近的 {} 處，由近到遠", "The {} nearest to you, nearest first";
        loc_none: "没有找到符合条件的地点。", "沒有找到符合條件的地點。", "No places match.";
        loc_distance: "距离", "距離", "Distance";
        loc_open_now: "正在营业", "正在營業", "Open now";
        loc_closed_now: "现在不营业", "現在不營業", "Closed now";
        loc_round_the_clock: "24小时营业", "24小時營業", "Open 24 hours";
        loc_hours: "营业时间", "營業時間", "Opening hours";
        loc_hours_unknown: "未提供", "未提供", "Not given";
        loc_address: "地址", "地址", "Address";
        loc_phone: "电话", "電話", "Telephone";
        loc_location: "位置", "位置", "Location";
        loc_map_note: "坐标为WGS-84（与卫星定位相同），在国内地图应用中可能有几百米偏差。", "座標為WGS-84（與衛星定位相同），在國內地圖應用中可能有幾百米偏差。", "Coordinates are WGS-84 (as satellite positioning gives them); Chinese map apps may show them a few hundred metres off.";
        loc_licence: "经营许可", "經營許可", "Licence";
        loc_licence_no: "证书编号", "證書編號", "Number";
        loc_licence_issuer: "发证机关", "發證機關", "Issued by";
        loc_licence_until: "有效期至", "有效期至", "Valid until";
        loc_vetted: "本商户经许可部门审核，证书在有效期内。证书过期的商户会自动下架。", "本商戶經許可部門審核，證書在有效期內。證書過期的商戶會自動下架。", "This merchant was vetted by the licensing department and its licence is valid. Merchants whose licence expires are taken down automatically.";
        loc_complain: "投诉这个商户", "投訴這個商戶", "Complain about this merchant";
        loc_complain_hint: "投诉时请写明商户名称：", "投訴時請寫明商戶名稱：", "When you complain, name the merchant: ";
        loc_events: "近期活动", "近期活動", "Upcoming events";
        loc_no_events: "近期没有活动。", "近期沒有活動。", "No upcoming events.";
        loc_event_dates: "日期", "日期", "Dates";
        loc_event_place: "地点", "地點", "Place";
        loc_register: "报名", "報名", "Register";
        loc_register_hint: "报名在主办方的网站上进行。", "報名在主辦方的網站上進行。", "Registration is on the organiser's website.";
        loc_situations: "我要办的事", "我要辦的事", "Life situations";
        loc_situations_intro: "人生的大事，需要办的手续、能去的地方和近期活动放在一起。", "人生的大事，需要辦的手續、能去的地方和近期活動放在一起。", "For life's big moments: the formalities, the places that help and upcoming events, together.";
        loc_checklist: "要办的手续", "要辦的手續", "Formalities";
        loc_places_that_help: "能去的地方", "能去的地方", "Places that help";
        loc_more: "查看全部", "查看全部", "See all";
        loc_back: "返回本地生活", "返回本地生活", "Back to local life";
        loc_console: "本地商户审核", "本地商戶審核", "Local merchants";
        loc_console_intro: "登记持证经营的商户，审核通过后在本地生活中展示；证书过期的商户自动下架。", "登記持證經營的商戶，審核通過後在本地生活中展示；證書過期的商戶自動下架。", "Register licensed merchants; once approved they are shown under Local life. Merchants whose licence expires are taken down automatically.";
        loc_register_merchant: "登记商户", "登記商戶", "Register a merchant";
        loc_name: "名称", "名稱", "Name";
        loc_description: "简介", "簡介", "Description";
        loc_hours_hint: "每行一段，例如“1-5 08:30-17:30”（1是周一，7是周日），全天营业写“1-7 00:00-24:00”。", "每行一段，例如「1-5 08:30-17:30」（1是週一，7是週日），全天營業寫「1-7 00:00-24:00」。", "One span per line, e.g. 1-5 08:30-17:30 (1 is Monday, 7 Sunday); open round the clock is 1-7 00:00-24:00.";
        loc_department: "许可部门", "許可部門", "Licensing department";
        loc_valid_until_hint: "格式：2027-12-31", "格式：2027-12-31", "Format: 2027-12-31";
        loc_state: "状态", "狀態", "State";
        loc_pending: "待审核", "待審核", "Pending";
        loc_approved: "已通过", "已通過", "Approved";
        loc_refused: "未通过", "未通過", "Refused";
        loc_suspended: "已暂停", "已暫停", "Suspended";
        loc_lapsed: "证书已过期", "證書已過期", "Licence expired";
        loc_approve: "通过", "通過", "Approve";
        loc_refuse: "不通过", "不通過", "Refuse";
        loc_suspend: "暂停", "暫停", "Suspend";
        loc_reason: "理由（不通过或暂停时必填）", "理由（不通過或暫停時必填）", "Reason (required to refuse or suspend)";
        loc_no_merchants: "还没有商户。", "還沒有商戶。", "No merchants yet.";
        loc_registered: "已登记，等待审核。", "已登記，等待審核。", "Registered; waiting for a decision.";
        loc_decided: "已保存审核结果。", "已儲存審核結果。", "The decision has been saved.";
        cat_hall: "政务服务大厅", "政務服務大廳", "Service halls";
        cat_hospital: "医院", "醫院", "Hospitals";
        cat_school: "学校", "學校", "Schools";
        cat_park: "公园", "公園", "Parks";
        cat_library: "图书馆", "圖書館", "Libraries";
        cat_sports: "体育场馆", "體育場館", "Sports grounds";
        cat_locksmith: "开锁", "開鎖", "Locksmiths";
        cat_housekeeping: "家政", "家政", "Housekeeping";
        cat_repair: "维修", "維修", "Repairs";
        sit_marry: "要结婚", "要結婚", "Getting married";
        sit_baby: "生小孩", "生小孩", "Having a baby";
        sit_school: "上学", "上學", "Going to school";
        sit_job: "找工作", "找工作", "Looking for work";
        sit_retire: "享晚年", "享晚年", "Enjoying retirement";
        day_1: "周一", "週一", "Mon";
        day_2: "周二", "週二", "Tue";
        day_3: "周三", "週三", "Wed";
        day_4: "周四", "週四", "Thu";
        day_5: "周五", "週五", "Fri";
        day_6: "周六", "週六", "Sat";
        day_7: "周日", "週日", "Sun";
        day_to: "至", "至", " to ";
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn texts_are_complete_and_in_the_right_script() {
        yiwang_kit::i18n::check_texts(super::ALL_MESSAGES);
    }
}
