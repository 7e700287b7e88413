//! Texts of personal records: the citizen's pages, staff reads, guardians and settings.

yiwang_kit::texts! {
    /// The texts of this capability's pages.
    pub trait RecordTexts {
        rec_title: "我的档案", "我的檔案", "My records";
        rec_intro: "医院、卫生健康部门、学校等单位报送的您本人和您孩子的档案。工作人员或其他系统每次查看，您都能在“谁查看过我的信息”中看到。", "醫院、衛生健康部門、學校等單位報送的您本人和您孩子的檔案。工作人員或其他系統每次查看，您都能在「誰查看過我的資訊」中看到。", "Records sent by hospitals, health authorities, schools and others about you and your children. Every time staff or another system looks at them, you see it under Who viewed my data.";
        rec_access_log: "谁查看过我的信息", "誰查看過我的資訊", "Who viewed my data";
        rec_not_verified: "完成实名认证后才能看到报送给您的档案。", "完成實名認證後才能看到報送給您的檔案。", "Verify your real name to see the records sent about you.";
        rec_verify: "去实名认证", "去實名認證", "Verify now";
        rec_own: "本人的档案", "本人的檔案", "Your records";
        rec_child: "孩子的档案：", "孩子的檔案：", "Records of your child ";
        rec_none: "还没有档案。", "還沒有檔案。", "No records yet.";
        rec_date: "日期", "日期", "Date";
        rec_from: "报送单位", "報送單位", "Sent by";
        rec_received: "收到时间", "收到時間", "Received";
        rec_corrected: "已更正", "已更正", "Corrected";
        rec_corrected_on: "更正于", "更正於", "Corrected on";
        rec_versions: "更正前的版本", "更正前的版本", "Versions before corrections";
        rec_version: "版本", "版本", "Version";
        rec_superseded: "已被更正，仅供查阅", "已被更正，僅供查閱", "Replaced by a correction, kept for reference";
        rec_download: "下载带签名的档案文件", "下載帶簽名的檔案文件", "Download as a signed document";
        rec_download_hint: "文件带有报送部门的电子签名，任何人都可以用平台公开的密钥核验它没有被改动。", "文件帶有報送部門的電子簽名，任何人都可以用平台公開的金鑰核驗它沒有被改動。", "The file carries the sending department's electronic signature; anyone can check with the platform's published keys that it has not been changed.";
        rec_back: "返回我的档案", "返回我的檔案", "Back to my records";
        rec_whose: "档案所属人", "檔案所屬人", "Whose record";
        rec_console: "个人档案", "個人檔案", "Personal records";
        rec_read_title: "查看市民档案", "查看市民檔案", "Read a citizen's records";
        rec_read_intro: "查看档案必须写明理由。市民会在“谁查看过我的信息”中看到您的部门、时间和理由。只显示您所在部门的来源系统报送的档案。", "查看檔案必須寫明理由。市民會在「誰查看過我的資訊」中看到您的部門、時間和理由。只顯示您所在部門的來源系統報送的檔案。", "You must write down why you read someone's records. The citizen sees your department, the time and your reason under Who viewed my data. Only records sent by your department's source systems are shown.";
        rec_id_number: "身份证号", "身分證號", "ID number";
        rec_reason: "查看理由", "查看理由", "Reason";
        rec_reason_hint: "例如：核对接种史以便安排补种。4到200个字，市民会看到。", "例如：核對接種史以便安排補種。4到200個字，市民會看到。", "For example: checking the vaccination history to plan a catch-up dose. 4 to 200 characters; the citizen will see it.";
        rec_read_submit: "查看档案", "查看檔案", "Read records";
        rec_read_none: "您所在部门的来源系统没有报送过这个人的档案。", "您所在部門的來源系統沒有報送過這個人的檔案。", "Your department's source systems have sent no records about this person.";
        rec_read_logged: "这次查看已记录，市民可以看到。", "這次查看已記錄，市民可以看到。", "This read has been recorded, and the citizen can see it.";
        rec_guardian_title: "登记监护关系", "登記監護關係", "Record a guardian";
        rec_guardian_intro: "核验户口簿或出生医学证明原件后，登记已实名认证的家长是未成年人的监护人。登记后，家长可以看到孩子的档案，直到孩子年满18周岁。", "核驗戶口簿或出生醫學證明原件後，登記已實名認證的家長是未成年人的監護人。登記後，家長可以看到孩子的檔案，直到孩子年滿18週歲。", "Having seen the original household register or birth certificate, record that a real-name verified parent is a child's guardian. The parent then sees the child's records until the child turns 18.";
        rec_guardian_id: "监护人身份证号", "監護人身分證號", "Guardian's ID number";
        rec_child_id: "未成年人身份证号", "未成年人身分證號", "Child's ID number";
        rec_child_name: "未成年人姓名", "未成年人姓名", "Child's name";
        rec_evidence: "核验的材料", "核驗的材料", "Document seen";
        rec_ev_household: "户口簿", "戶口簿", "Household register";
        rec_ev_birth: "出生医学证明", "出生醫學證明", "Birth certificate";
        rec_guardian_submit: "登记", "登記", "Record";
        rec_guardian_done: "已登记监护关系。", "已登記監護關係。", "The guardian has been recorded.";
        rec_settings: "档案设置", "檔案設定", "Records settings";
        rec_types: "档案类型", "檔案類型", "Record types";
        rec_builtin: "内置", "內建", "Built in";
        rec_type_code: "类型代码", "類型代碼", "Type code";
        rec_type_code_hint: "小写字母开头，只用小写字母、数字和下划线，例如 school_physical。", "小寫字母開頭，只用小寫字母、數字和底線，例如 school_physical。", "Starts with a lower-case letter; lower-case letters, digits and underscores only, e.g. school_physical.";
        rec_type_name: "中文名称", "中文名稱", "Chinese name";
        rec_type_name_en: "英文名称（可不填）", "英文名稱（可不填）", "English name (optional)";
        rec_schema: "字段定义（表单定义的JSON，一个分组）", "欄位定義（表單定義的JSON，一個分組）", "Fields (a form definition in JSON, one section)";
        rec_schema_hint: "和在线申请表用同一种写法；只能用文字、数字、日期和选项类字段。", "和線上申請表用同一種寫法；只能用文字、數字、日期和選項類欄位。", "Written as for online forms; text, number, date and choice fields only.";
        rec_save: "保存", "儲存", "Save";
        rec_saved: "已保存。", "已儲存。", "Saved.";
        rec_sources: "来源系统", "來源系統", "Source systems";
        rec_client: "接入的系统", "接入的系統", "System client";
        rec_department: "所属部门", "所屬部門", "Department";
        rec_allowed: "可以报送的类型", "可以報送的類型", "Types it may send";
        rec_no_sources: "还没有来源系统。", "還沒有來源系統。", "No source systems yet.";
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn texts_are_complete_and_in_the_right_script() {
        yiwang_kit::i18n::check_texts(super::ALL_MESSAGES);
    }
}
