//! Texts of the catalogue pages of the staff console: items, their versions and withdrawal,
//! import and export, search synonyms and life-event checklists (CAT-1, CAT-3, FIND-1).
//!
//! The material line format names the values the parser reads (必需, 申请人, 证照, 部门共享);
//! the Traditional hint names the ones it reads in every script (required, applicant,
//! certificate, 政府), since the parser does not fold scripts.

use yiwang_kit::i18n::{Tr, Words};

yiwang_kit::texts! {
    /// The texts of these pages.
    pub trait CatalogueConsoleTexts {
        console_items: "目录事项", "目錄事項", "Catalogue items";
        console_catalog_io: "导入导出", "匯入匯出", "Import and export";
        console_aliases: "搜索同义词", "搜尋同義詞", "Search synonyms";
        console_life_events: "人生事件", "人生事件", "Life events";

        items_console_intro: "这里列出您可以编辑的事项。", "這裡列出您可以編輯的事項。", "These are the items you may edit.";
        items_console_none: "没有符合条件的事项。", "沒有符合條件的事項。", "No items match.";
        item_new: "新建事项", "新建事項", "New item";
        item_edit: "编辑事项", "編輯事項", "Edit item";
        item_name_contains: "名称或编码包含", "名稱或編碼包含", "Name or code contains";
        all_departments: "全部部门", "全部部門", "All departments";
        item_col_status: "状态", "狀態", "Status";
        item_col_version: "版本", "版本", "Version";
        item_col_updated: "更新时间", "更新時間", "Updated";
        item_group_mark: "主项", "主項", "Main item";
        item_history: "修改记录", "修改記錄", "History";
        item_view_public: "查看公开页面", "查看公開頁面", "View the public page";

        item_section_basic: "基本信息", "基本資訊", "Basic details";
        item_section_classes: "分类", "分類", "Classification";
        item_section_guide: "办事指南", "辦事指南", "Guide";
        item_section_contact: "地点与联系方式", "地點與聯繫方式", "Place and contacts";
        item_name_label: "事项名称", "事項名稱", "Name";
        item_code_hint: "国家事项编码，可不填；只能包含字母、数字和连字符。", "國家事項編碼，可不填；只能包含字母、數字和連字號。", "National item code, optional: letters, digits and hyphens only.";
        item_department_label: "实施部门", "實施部門", "Implementing department";
        item_region_label: "实施区域代码", "實施區域代碼", "Region code";
        item_parent_label: "所属主项编号", "所屬主項編號", "Main item id";
        item_parent_hint: "可不填。这是某个主项下的具体情形时，填主项页面地址中 /items/ 后面的编号。", "可不填。這是某個主項下的具體情形時，填主項頁面地址中 /items/ 後面的編號。", "Optional. If this is one case of a main item, enter the id after /items/ in the main item's address.";
        item_is_group: "这是主项（下面再分具体情形）", "這是主項（下面再分具體情形）", "This is a main item with cases under it";
        item_online_url_label: "网上办理地址", "網上辦理地址", "Online application address";
        item_online_url_hint: "可不填。在其他平台（如省级政务服务网）办理时填写，以 https:// 开头。", "可不填。在其他平台（如省級政務服務網）辦理時填寫，以 https:// 開頭。", "Optional. If the service is handled on another site (such as the provincial portal); starts with https://.";
        item_conditions_label: "申请条件", "申請條件", "Who can apply";
        item_materials_label: "申请材料", "申請材料", "Documents";
        item_materials_hint: "每行一份：名称 | 形式 | 份数 | 必需 | 来源，例如：居民身份证 | 原件 | 1 | 必需 | 申请人。后四项可省略（默认为 原件、1 份、必需、申请人）；不是必需的写“非必需”，来源可写 申请人、证照 或 部门共享。", "每行一份：名稱 | 形式 | 份數 | 必需 | 來源，例如：居民身分證 | 原件 | 1 | required | applicant。後四項可省略（預設為原件、1 份、必需、申請人提供）；不是必需的寫 optional，來源可寫 applicant、certificate 或 政府。", "One per line: name | form | copies | required | source, e.g. ID card | original | 1 | required | applicant. The last four may be left out (original, 1 copy, required, applicant). Write optional if not required; the source is applicant, certificate or government.";
        item_steps_label: "办理流程", "辦理流程", "Steps";
        item_steps_hint: "每行一个步骤，按先后顺序。", "每行一個步驟，按先後順序。", "One step per line, in order.";
        item_days_hint: "工作日数，可不填；0 表示即办。", "工作日數，可不填；0 表示即辦。", "Working days, optional; 0 means on the spot.";
        item_blank_uses_department: "不填时，事项页面显示部门的地址、办公时间和电话。", "不填時，事項頁面顯示部門的地址、辦公時間和電話。", "If left blank, the item's page shows the department's address, hours and phone.";
        item_visits_unknown: "暂不填写", "暫不填寫", "Not stated";
        item_faq_hint: "每行一条：问题 | 回答", "每行一條：問題 | 回答", "One per line: question | answer";
        item_policies_hint: "每行一条政策名称或链接。", "每行一條政策名稱或連結。", "One policy title or link per line.";
        item_note_label: "本次修改说明", "本次修改說明", "What this change is";
        item_note_hint: "会记入修改记录，例如“更新收费标准”。", "會記入修改記錄，例如「更新收費標準」。", "Kept in the history, e.g. \"updated the fees\".";
        item_preview: "预览", "預覽", "Preview";
        item_publish: "发布", "發佈", "Publish";
        item_preview_title: "预览：群众将看到的办事指南", "預覽：民眾將看到的辦事指南", "Preview: the guide as the public will see it";
        item_preview_not_saved: "预览的内容还没有保存。确认无误后，请点“发布”。", "預覽的內容還沒有保存。確認無誤後，請點「發佈」。", "Nothing is saved yet. Select \"Publish\" when it is right.";

        version_by: "发布人", "發佈人", "Published by";
        version_when: "发布时间", "發佈時間", "Published";
        version_note: "修改说明", "修改說明", "Note";
        version_view: "查看", "查看", "View";
        version_none: "还没有发布过版本。", "還沒有發佈過版本。", "No versions have been published.";
        version_raw: "这个版本无法逐项显示，下面是原始记录。", "這個版本無法逐項顯示，下面是原始記錄。", "This version cannot be shown field by field; here is the raw record.";
        back_to_item: "返回编辑页", "返回編輯頁", "Back to the item";
        item_reload: "打开最新版本（这里的修改不会保留）", "開啟最新版本（這裡的修改不會保留）", "Open the latest version (your changes here are not kept)";
        back_to_history: "返回修改记录", "返回修改記錄", "Back to the history";

        item_withdraw: "停办事项", "停辦事項", "Withdraw this item";
        withdraw_intro: "停办后，事项不再出现在列表和搜索结果中；它的页面会说明已停办，并指向替代事项。", "停辦後，事項不再出現在列表和搜尋結果中；它的頁面會說明已停辦，並指向替代事項。", "A withdrawn item leaves lists and search results; its page says so and points to its replacement.";
        withdraw_reason_label: "停办原因", "停辦原因", "Reason";
        withdraw_reason_hint: "会显示在事项页面上。", "會顯示在事項頁面上。", "Shown on the item's page.";
        withdraw_replacement_label: "替代事项编号", "替代事項編號", "Replacement item id";
        withdraw_replacement_hint: "可不填。填替代事项页面地址中 /items/ 后面的编号。", "可不填。填替代事項頁面地址中 /items/ 後面的編號。", "Optional: the id after /items/ in the replacement's address.";
        withdraw_submit: "确认停办", "確認停辦", "Withdraw";

        catalog_io_title: "导入导出目录", "匯入匯出目錄", "Import and export the catalogue";
        import_heading: "导入", "匯入", "Import";
        import_intro: "上传国家目录格式的 CSV 文件，或含办事指南的 JSON 文件。同一文件再导入一次不会产生重复。", "上傳國家目錄格式的 CSV 檔案，或含辦事指南的 JSON 檔案。同一檔案再匯入一次不會產生重複。", "Upload a CSV file with the national columns, or a JSON file with guides. Importing the same file again changes nothing.";
        import_format_label: "文件格式", "檔案格式", "File format";
        format_csv: "CSV（国家目录各列，不含指南）", "CSV（國家目錄各欄，不含指南）", "CSV (national columns, no guides)";
        format_json: "JSON（含办事指南）", "JSON（含辦事指南）", "JSON (with guides)";
        import_file_label: "文件", "檔案", "File";
        import_partial_label: "跳过有问题的行，导入其余的行", "跳過有問題的行，匯入其餘的行", "Skip bad lines and import the rest";
        import_partial_hint: "不勾选时，只要有一行有问题，就什么都不导入。", "不勾選時，只要有一行有問題，就甚麼都不匯入。", "If not ticked, a single bad line means nothing is imported.";
        import_submit: "上传并导入", "上傳並匯入", "Upload and import";
        import_done: "导入完成", "匯入完成", "Import finished";
        import_refused: "文件有问题，什么都没有导入。请改正下面列出的行，再重新上传。", "檔案有問題，甚麼都沒有匯入。請改正下面列出的行，再重新上傳。", "The file has problems, so nothing was imported. Correct the lines listed below and upload it again.";
        import_added: "新增事项", "新增事項", "Items added";
        import_changed: "更新事项", "更新事項", "Items changed";
        import_unchanged: "没有变化的事项", "沒有變化的事項", "Items unchanged";
        import_departments_added: "新增部门", "新增部門", "Departments added";
        import_groups_added: "新增主项", "新增主項", "Main items added";
        import_skipped: "跳过的行", "跳過的行", "Lines skipped";
        import_errors_title: "有问题的行", "有問題的行", "Lines with problems";
        import_col_line: "行号", "行號", "Line";
        import_col_field: "栏目", "欄目", "Column";
        import_col_problem: "问题", "問題", "Problem";
        export_heading: "导出", "匯出", "Export";
        export_intro: "下载整个目录。导出的文件可以原样再导入。", "下載整個目錄。匯出的檔案可以原樣再匯入。", "Download the whole catalogue. An exported file can be imported again as it is.";
        export_csv: "下载 CSV", "下載 CSV", "Download CSV";
        export_json: "下载 JSON（含指南）", "下載 JSON（含指南）", "Download JSON (with guides)";

        aliases_intro: "群众常说的话和它对应的正式用语。搜索其中一个说法时，也会找到含有对应用语的事项。", "民眾常說的話和它對應的正式用語。搜尋其中一個說法時，也會找到含有對應用語的事項。", "Everyday phrases and the official words they mean. Searching for a phrase also finds the items with those words.";
        aliases_format: "每行一条：说法 = 用语，多个用语用空格分开，例如：上户口 = 户籍登记 出生登记。空行和以 # 开头的行会被忽略。", "每行一條：說法 = 用語，多個用語用空格分開，例如：上戶口 = 戶籍登記 出生登記。空行和以 # 開頭的行會被忽略。", "One per line: phrase = words, with the words separated by spaces, e.g. 上户口 = 户籍登记 出生登记. Blank lines and lines starting with # are ignored.";
        aliases_label: "同义词列表", "同義詞列表", "Synonym list";

        life_events_console_intro: "为每个人生阶段和企业经营阶段排列要办的事。", "為每個人生階段和企業經營階段排列要辦的事。", "Put the items of each stage of a life or a business in order.";
        checklist_label: "办事清单", "辦事清單", "Checklist";
        checklist_hint: "每行一件事，按办理先后排列：事项名称或编码 | 说明。说明可不填，最多 60 字；清单最多 30 件事。", "每行一件事，按辦理先後排列：事項名稱或編碼 | 說明。說明可不填，最多 60 字；清單最多 30 件事。", "One item per line, in order: item name or code | note. The note is optional, at most 60 characters; at most 30 items.";
        checklist_current: "现在的清单", "現在的清單", "Current checklist";
        checklist_empty: "这个阶段还没有清单。", "此階段還沒有清單。", "This stage has no checklist yet.";
    }
}

/// Texts of these pages that take values.
pub trait CatalogueConsoleWords: Words {
    /// "Version N" heading.
    fn item_version_title(self, v: impl std::borrow::Borrow<i64>) -> String {
        let v = *v.borrow();
        match self.tr().0 {
            yiwang_domain::Lang::ZhHans => format!("第 {v} 版"),
            yiwang_domain::Lang::ZhHant => format!("第 {v} 版"),
            yiwang_domain::Lang::En => format!("Version {v}"),
        }
    }

    /// What saving the synonyms did.
    fn aliases_saved(self, added: u64, changed: u64, removed: u64) -> String {
        match self.tr().0 {
            yiwang_domain::Lang::ZhHans => {
                format!("已保存：新增 {added} 条，修改 {changed} 条，删除 {removed} 条。")
            }
            yiwang_domain::Lang::ZhHant => {
                format!("已儲存：新增 {added} 條，修改 {changed} 條，刪除 {removed} 條。")
            }
            yiwang_domain::Lang::En => {
                format!("Saved: {added} added, {changed} changed, {removed} removed.")
            }
        }
    }

    /// What saving a checklist did.
    fn checklist_saved(self, steps: usize) -> String {
        match self.tr().0 {
            yiwang_domain::Lang::ZhHans => format!("已保存，清单共 {steps} 件事。"),
            yiwang_domain::Lang::ZhHant => format!("已儲存，清單共 {steps} 件事。"),
            yiwang_domain::Lang::En => format!("Saved: the checklist has {steps} items."),
        }
    }
}

impl CatalogueConsoleWords for Tr {}
