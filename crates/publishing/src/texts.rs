//! Texts of government information: reading, the disclosure catalogue, feeds and the
//! editors' console.

use yiwang_domain::publishing::{DisclosureCategory, DocState, Publicity, Validity};
use yiwang_kit::i18n::Tr;

yiwang_kit::texts! {
    /// The texts of this capability's pages.
    pub trait PublishingTexts {
        pub_title: "政务信息", "政務資訊", "Government information";
        pub_intro: "政府的要闻、通知公告和政策文件。政策文件附有索引号、文号和有效性，可以按分类查找。", "政府的要聞、通知公告和政策文件。政策文件附有索引號、文號和有效性，可以按分類查找。", "News, notices and policy documents from the government. Policy documents carry their index and document numbers and whether they are in force, and can be browsed by category.";
        pub_front_title: "政务信息", "政務資訊", "Government information";
        pub_all_news: "全部政务信息", "全部政務資訊", "All government information";
        pub_more: "更多", "更多", "More";
        pub_nothing_yet: "这里还没有发布内容。", "這裡還沒有發布內容。", "Nothing has been published here yet.";
        pub_nothing_found: "没有符合条件的文件。可以减少筛选条件再试。", "沒有符合條件的文件。可以減少篩選條件再試。", "No documents match. Try fewer filters.";
        pub_count: "共 ", "共 ", "Total: ";
        pub_feed_articles: "政务信息订阅（Atom）", "政務資訊訂閱（Atom）", "Government information feed (Atom)";
        pub_feed_column: "订阅本栏目（Atom）", "訂閱本欄目（Atom）", "Feed of this column (Atom)";
        pub_feed_policies: "订阅政策文件（Atom）", "訂閱政策文件（Atom）", "Policy documents feed (Atom)";
        pub_policies: "政策文件", "政策文件", "Policy documents";
        pub_policies_intro: "政府信息公开目录中的政策文件，按主题分类、公开类别、年份和有效性查找。已废止或失效的文件会注明。", "政府資訊公開目錄中的政策文件，按主題分類、公開類別、年份和有效性查找。已廢止或失效的文件會註明。", "Policy documents of the disclosure catalogue, by category, kind of disclosure, year and validity. Repealed and expired documents are marked.";
        pub_any: "不限", "不限", "Any";
        pub_show: "查看", "查看", "Show";
        pub_year: "成文年份", "成文年份", "Year issued";
        pub_published: "发布时间：", "發布時間：", "Published: ";
        pub_source: "来源：", "來源：", "Source: ";
        pub_author: "作者：", "作者：", "Author: ";
        pub_tags: "关键词：", "關鍵詞：", "Keywords: ";
        pub_colon: "：", "：", ": ";
        pub_withdrawn_mark: "已撤回", "已撤回", "Withdrawn";
        pub_repealed_mark: "已废止", "已廢止", "Repealed";
        pub_expired_mark: "已失效", "已失效", "Expired";
        pub_withdrawn_on: "本文已于以下日期撤回：", "本文已於以下日期撤回：", "This was withdrawn on ";
        pub_withdrawn_because: "撤回原因：", "撤回原因：", "Reason: ";
        pub_corrected: "更正：本文于 ", "更正：本文於 ", "Corrected on ";
        pub_replaced_by: "本文件已被以下文件替代：", "本文件已被以下文件替代：", "Replaced by: ";
        pub_share: "分享", "分享", "Share";
        pub_share_link: "本文链接（可复制）", "本文連結（可複製）", "Link to this page (to copy)";
        pub_qr: "用手机扫码打开本文", "用手機掃碼打開本文", "Scan to open this page on a phone";
        pub_index_no: "索引号", "索引號", "Index number";
        pub_doc_no: "文号", "文號", "Document number";
        pub_issuer: "发布机构", "發布機構", "Issued by";
        pub_issued_on: "成文日期", "成文日期", "Date of issue";
        pub_effective_on: "生效日期", "生效日期", "In force from";
        pub_validity: "有效性", "有效性", "Validity";
        pub_category: "主题分类", "主題分類", "Category";
        pub_publicity: "公开类别", "公開類別", "Kind of disclosure";
        pub_console_title: "政务信息发布", "政務資訊發布", "Publishing";
        pub_console_empty: "没有这个状态的文章。", "沒有這個狀態的文章。", "Nothing in this state.";
        pub_states: "按状态查看", "按狀態查看", "By state";
        pub_all: "全部", "全部", "All";
        pub_state: "状态", "狀態", "State";
        pub_updated: "最近修改", "最近修改", "Last changed";
        pub_new_title: "写新文章", "寫新文章", "Write something new";
        pub_edit_title: "修改", "修改", "Edit";
        pub_correct: "更正", "更正", "Correct";
        pub_back: "返回", "返回", "Back";
        pub_save: "保存", "保存", "Save";
        pub_saved: "已保存。", "已保存。", "Saved.";
        pub_done: "已办理。", "已辦理。", "Done.";
        pub_correcting: "本文已经发布。保存后会在文章页注明“更正”和更正说明，读者能看到。", "本文已經發布。保存後會在文章頁註明「更正」和更正說明，讀者能看到。", "This is published. Saving marks it as corrected on its page, with your note, for readers to see.";
        pub_f_column: "栏目", "欄目", "Column";
        pub_f_title: "标题", "標題", "Title";
        pub_f_summary: "摘要", "摘要", "Summary";
        pub_f_summary_hint: "选填，一两句话，列表和订阅中显示", "選填，一兩句話，列表和訂閱中顯示", "Optional: a sentence or two, shown in lists and feeds";
        pub_f_body: "正文", "正文", "Text";
        pub_f_body_hint: "用 Markdown 书写：## 小标题，**加粗**，- 列表，[链接文字](地址)。图片请先在文章页上传，再把给出的那一行粘贴进来。", "用 Markdown 書寫：## 小標題，**加粗**，- 列表，[連結文字](地址)。圖片請先在文章頁上傳，再把給出的那一行貼上進來。", "Written in Markdown: ## heading, **bold**, - list, [link text](address). Upload pictures on the document's page first, then paste the line it gives you.";
        pub_source_label: "来源", "來源", "Source";
        pub_f_source_hint: "例如：区人民政府办公室", "例如：區人民政府辦公室", "e.g. the district government's office";
        pub_author_label: "作者", "作者", "Author";
        pub_f_tags: "关键词", "關鍵詞", "Keywords";
        pub_f_tags_hint: "选填，最多8个，用逗号或空格分开", "選填，最多8個，用逗號或空格分開", "Optional, at most 8, separated by commas or spaces";
        pub_f_policy_meta: "文件信息", "文件資訊", "Document details";
        pub_f_index_no_hint: "政府信息公开目录的索引号，例如：11511602MB0T12345X/2026-00012", "政府資訊公開目錄的索引號，例如：11511602MB0T12345X/2026-00012", "The disclosure catalogue's index number, e.g. 11511602MB0T12345X/2026-00012";
        pub_f_doc_no_hint: "选填，例如：广安区府发〔2026〕3号", "選填，例如：廣安區府發〔2026〕3號", "Optional, e.g. 广安区府发〔2026〕3号";
        pub_f_replaced_by: "替代它的文件的索引号", "替代它的文件的索引號", "Index number of the replacing document";
        pub_f_replaced_by_hint: "选填，废止时填写", "選填，廢止時填寫", "Optional, when repealed";
        pub_f_correction_note: "更正说明", "更正說明", "What was corrected";
        pub_f_correction_note_hint: "告诉读者改了什么，例如：第三段的办理时间由9:30更正为9:00", "告訴讀者改了什麼，例如：第三段的辦理時間由9:30更正為9:00", "Tell readers what changed, e.g. the opening time in the third paragraph is 9:00, not 9:30";
        pub_f_interprets: "解读的政策文件（索引号）", "解讀的政策文件（索引號）", "Policy documents it explains (index numbers)";
        pub_f_interprets_hint: "政策解读文章填写，可填多个，用空格或逗号分开；文件页会列出这篇解读", "政策解讀文章填寫，可填多個，用空格或逗號分開；文件頁會列出這篇解讀", "For an explainer: one or more index numbers, separated by spaces or commas; the document's page will list this explainer";
        pub_f_items: "相关办事事项", "相關辦事事項", "Service items it governs";
        pub_f_items_hint: "每行一个：把办事指南页的网址粘贴进来；指南页会列出本文件", "每行一個：把辦事指南頁的網址貼上進來；指南頁會列出本文件", "One per line: paste the guide page's address; the guide will list this document";
        pub_interpretations: "政策解读", "政策解讀", "Explained";
        pub_explains: "本文解读的政策文件", "本文解讀的政策文件", "The policy documents this explains";
        pub_items: "相关办事事项", "相關辦事事項", "Services it governs";
        pub_actions: "审核与发布", "審核與發布", "Review and publish";
        pub_action: "操作", "操作", "Action";
        pub_a_submit: "提交审核", "提交審核", "Send to review";
        pub_a_approve: "审核通过并发布（填写时间则定时发布）", "審核通過並發布（填寫時間則定時發布）", "Approve and publish (at the time given, if any)";
        pub_a_send_back: "退回修改", "退回修改", "Send back for changes";
        pub_a_unschedule: "取消定时发布，退回草稿", "取消定時發布，退回草稿", "Cancel the scheduled publication (back to draft)";
        pub_a_withdraw: "撤回", "撤回", "Withdraw";
        col_title: "栏目设置", "欄目設定", "Columns";
        col_new_title: "新建栏目", "新建欄目", "New column";
        col_edit_title: "修改栏目", "修改欄目", "Change a column";
        col_f_code: "栏目代码", "欄目代碼", "Code";
        col_f_code_hint: "2–32个小写字母、数字或连字符，也是栏目的网址，例如 township-news。建好后不能再改。", "2–32個小寫字母、數字或連字號，也是欄目的網址，例如 township-news。建好後不能再改。", "2–32 lower-case letters, digits or hyphens; also the column's address, e.g. township-news. It cannot change later.";
        col_code_stays: "（代码就是网址，不能修改）", "（代碼就是網址，不能修改）", "(the code is the address and stays)";
        col_f_kind: "栏目类型", "欄目類型", "Kind";
        col_kind_article: "文章", "文章", "Articles";
        col_kind_policy: "政策文件", "政策文件", "Policy documents";
        col_f_name_zh: "中文名称", "中文名稱", "Chinese name";
        col_f_name_en: "英文名称", "英文名稱", "English name";
        col_f_parent: "上级栏目", "上級欄目", "Inside column";
        col_f_parent_hint: "栏目只嵌套一层。", "欄目只嵌套一層。", "Columns nest one level.";
        col_top_level: "（顶级栏目）", "（頂級欄目）", "(top level)";
        col_f_position: "排序", "排序", "Order";
        col_f_position_hint: "0–9999，数字小的排在前面。", "0–9999，數字小的排在前面。", "0–9999; smaller comes first.";
        col_f_on_home: "首页显示最新内容", "首頁顯示最新內容", "Latest shown on the home page";
        col_yes: "是", "是", "Yes";
        pub_a_pick: "设为今日推荐（进入每日10条）", "設為今日推薦（進入每日10條）", "Pick for today's digest";
        pub_a_unpick: "取消今日推荐", "取消今日推薦", "Take back today's pick";
        pub_f_publish_at: "定时发布时间", "定時發布時間", "Publish at";
        pub_f_publish_at_hint: "北京时间，不填则立即发布", "北京時間，不填則立即發布", "Beijing time; leave empty to publish at once";
        pub_f_note: "意见或原因", "意見或原因", "Comment or reason";
        pub_f_note_hint: "退回修改和撤回时必填，撤回原因会显示在文章页", "退回修改和撤回時必填，撤回原因會顯示在文章頁", "Needed to send back or withdraw; the reason for withdrawing is shown on the page";
        pub_confirm: "确定", "確定", "Confirm";
        pub_review_comment: "审核意见", "審核意見", "Reviewer's comment";
        pub_preview: "预览", "預覽", "Preview";
        pub_images: "图片", "圖片", "Pictures";
        pub_f_alt: "图片说明（替代文字）", "圖片說明（替代文字）", "What the picture shows (alt text)";
        pub_f_alt_hint: "必填，读屏软件会读给看不见图片的人，例如：市民在政务服务中心大厅排队取号", "必填，讀屏軟體會讀給看不見圖片的人，例如：市民在政務服務中心大廳排隊取號", "Required; read aloud to people who cannot see it, e.g. people queueing in the service hall";
        pub_f_image: "图片文件", "圖片檔案", "Picture file";
        pub_f_image_hint: "JPG 或 PNG，不超过5MB", "JPG 或 PNG，不超過5MB", "JPG or PNG, up to 5 MB";
        pub_upload: "上传图片", "上傳圖片", "Upload the picture";
        pub_image_added: "图片已上传。", "圖片已上傳。", "The picture is uploaded.";
        pub_image_line: "把这一行复制到正文中要放图片的位置：", "把這一行複製到正文中要放圖片的位置：", "Copy this line into the text where the picture goes:";
        pub_history: "办理记录", "辦理記錄", "History";
        pub_revisions: "历次版本", "歷次版本", "Revisions";
        pub_revision: "版本", "版本", "Revision";
        pub_correction: "更正", "更正", "Correction";
        pub_compare: "比较版本", "比較版本", "Compare revisions";
        pub_compare_prev: "与上一版比较", "與上一版比較", "Compare with the one before";
        pub_compare_legend: "以“+”开头的是新增的行，以“-”开头的是删去的行。", "以「+」開頭的是新增的行，以「-」開頭的是刪去的行。", "Lines starting with + were added, lines starting with - were removed.";
        pub_no_change: "两个版本的文字相同。", "兩個版本的文字相同。", "The two revisions have the same words.";
        pub_added: "新增：", "新增：", "Added:";
        dis_new_title: "申请政府信息公开", "申請政府資訊公開", "Ask for government information";
        dis_new_intro: "没有主动公开的政府信息，可以向掌握它的部门申请公开。部门在20个工作日内答复，情况复杂的可以延长一次、不超过20个工作日；需要您补正的，从收到补正后的申请之日起重新计算。", "沒有主動公開的政府資訊，可以向掌握它的部門申請公開。部門在20個工作日內答覆，情況複雜的可以延長一次、不超過20個工作日；需要您補正的，從收到補正後的申請之日起重新計算。", "Information the government has not published can be asked for from the department that holds it. It answers within 20 working days, extendable once by 20; if it asks you to make the request clear, the 20 days start again when you have.";
        dis_f_department: "向哪个部门申请", "向哪個部門申請", "Department";
        dis_f_department_hint: "掌握这项信息的部门", "掌握這項資訊的部門", "The department that holds the information";
        dis_f_description: "需要公开的信息", "需要公開的資訊", "The information you want";
        dis_f_description_hint: "写明文件名称、文号，或者便于查找的描述，例如：2025年本区城乡低保资金的使用情况", "寫明文件名稱、文號，或者便於查找的描述，例如：2025年本區城鄉低保資金的使用情況", "The document's name or number, or a description that lets it be found";
        dis_f_form: "希望以什么形式获取", "希望以什麼形式獲取", "In what form";
        dis_form_electronic: "电子文件（在本平台查看）", "電子檔案（在本平台查看）", "Electronic (read it here)";
        dis_form_paper: "纸质文件（到部门领取或邮寄）", "紙本文件（到部門領取或郵寄）", "Paper (collected or posted)";
        dis_submit: "提交申请", "提交申請", "Send the request";
        dis_mine_title: "我的政府信息公开申请", "我的政府資訊公開申請", "My requests for information";
        dis_none: "还没有申请。", "還沒有申請。", "No requests yet.";
        dis_receipt: "申请编号", "申請編號", "Request number";
        dis_received: "收到日期", "收到日期", "Received";
        dis_due: "答复期限", "答覆期限", "Answer due by";
        dis_provisional: "（该年节假日安排尚未公布，期限按周末推算，公布后可能顺延）", "（該年節假日安排尚未公布，期限按週末推算，公布後可能順延）", "(that year's public holidays are not yet announced: counted with weekends only, it may move later)";
        dis_clarified: "已提交补正。答复期限从今天起重新计算。", "已提交補正。答覆期限從今天起重新計算。", "Your clarification is sent. The time to answer starts again today.";
        dis_actions: "办理", "辦理", "Handle";
        alert_region: "地区", "地區", "Region";
        alert_pending: "待发布", "待發布", "Not yet issued";
        dis_clock_stopped: "等待补正，期限暂停", "等待補正，期限暫停", "Waiting for your clarification: the clock is stopped";
        dis_extended: "已延长答复期限", "已延長答覆期限", "Extended";
        dis_registered: "申请已登记。请记下申请编号，部门会在答复期限内答复，答复后会通知您。", "申請已登記。請記下申請編號，部門會在答覆期限內答覆，答覆後會通知您。", "Your request is registered. Keep the number; the department answers by the date shown and you will be told.";
        dis_clarify_asked: "部门请您补正", "部門請您補正", "The department asks you to make it clear";
        dis_clarify_answered: "您的补正：", "您的補正：", "Your clarification: ";
        dis_clarify_title: "补正申请", "補正申請", "Make the request clear";
        dis_clarify_send: "提交补正", "提交補正", "Send";
        dis_answer: "答复", "答覆", "Answer";
        dis_late: "超期", "超期", "Late";
        dis_queue_title: "依申请公开", "依申請公開", "Requests for information";
        dis_queue_empty: "没有待答复的申请。", "沒有待答覆的申請。", "No requests waiting.";
        dis_a_answer: "答复", "答覆", "Answer";
        dis_a_clarify: "请申请人补正（期限暂停）", "請申請人補正（期限暫停）", "Ask the requester to make it clear (clock stops)";
        dis_a_extend: "延长答复期限20个工作日（只能一次）", "延長答覆期限20個工作日（只能一次）", "Extend by 20 working days (once)";
        dis_f_answer_type: "答复类型", "答覆類型", "Kind of answer";
        dis_f_answer_type_hint: "答复时选择", "答覆時選擇", "When answering";
        dis_f_text: "内容", "內容", "Text";
        dis_f_text_hint: "答复的内容、需要补正的事项，或者延期的理由", "答覆的內容、需要補正的事項，或者延期的理由", "The answer, what needs making clear, or why more time is needed";
        dis_f_reason: "不予公开的理由", "不予公開的理由", "Why it is withheld";
        dis_files: "附件", "附件", "Attached files";
        dis_file: "附件", "附件", "File";
        dis_files_hint: "随答复一并送达申请人的文件（PDF、JPG 或 PNG，每个不超过20MB）。答复后申请人才能下载。", "隨答覆一併送達申請人的文件（PDF、JPG 或 PNG，每個不超過20MB）。答覆後申請人才能下載。", "Documents delivered with the answer (PDF, JPG or PNG, up to 20 MB each). The requester can download them once answered.";
        dis_f_file: "选择文件", "選擇文件", "Choose a file";
        dis_attach: "添加附件", "新增附件", "Attach";
        dis_f_reason_hint: "部分公开、不予公开时必填，写明依据", "部分公開、不予公開時必填，寫明依據", "Required for partial or no disclosure, with the legal ground";
        dis_report_title: "政府信息公开年度报告：依申请公开情况", "政府資訊公開年度報告：依申請公開情況", "Annual report: requests for information";
        dis_report_intro: "按收到申请的年份统计，与年度报告中“收到和处理政府信息公开申请情况”一表对应。", "按收到申請的年份統計，與年度報告中「收到和處理政府資訊公開申請情況」一表對應。", "Counted by the year the request was received, as in the annual report's table of requests received and handled.";
        dis_report_years: "选择年份", "選擇年份", "Year";
        dis_department: "部门", "部門", "Department";
        dis_r_received: "收到申请", "收到申請", "Received";
        dis_r_pending: "结转下年", "結轉下年", "Carried over";
        dis_total: "合计", "合計", "Total";
        sub_title: "订阅政务信息", "訂閱政務資訊", "Follow government information";
        sub_intro: "选择要关注的栏目、文件分类和地区。有新发布的内容时，会在“消息”中通知您；也可以每天在选定的时间收到一条“每日10条”汇总。", "選擇要關注的欄目、文件分類和地區。有新發布的內容時，會在「訊息」中通知您；也可以每天在選定的時間收到一條「每日10條」匯總。", "Choose columns, document categories and a region to follow. Anything new is sent to your messages; you can also get one daily digest of the ten newest at a time you choose.";
        sub_back: "我的", "我的", "My account";
        sub_saved: "已保存订阅。", "已保存訂閱。", "Saved.";
        sub_columns: "栏目", "欄目", "Columns";
        sub_categories: "政策文件分类", "政策文件分類", "Policy document categories";
        sub_region: "地区", "地區", "Region";
        sub_region_hint: "该地区发布的所有内容", "該地區發布的所有內容", "Everything published for this region";
        sub_none: "不订阅地区", "不訂閱地區", "No region";
        sub_hour: "每日10条汇总时间", "每日10條匯總時間", "Daily digest at";
        sub_hour_hint: "北京时间", "北京時間", "Beijing time";
        sub_no_digest: "不需要汇总", "不需要匯總", "No digest";
        sub_follow_column: "订阅本栏目", "訂閱本欄目", "Follow this column";
        alert_title: "应急警报", "應急警報", "Emergency alerts";
        alert_none: "现在没有生效的警报。", "現在沒有生效的警報。", "There are no alerts in force.";
        alert_none_issued: "还没有发布过警报。", "還沒有發布過警報。", "No alerts have been issued.";
        alert_console_title: "应急警报发布", "應急警報發布", "Issue emergency alerts";
        alert_new_title: "发布警报", "發布警報", "Issue an alert";
        alert_todo: "请这样做：", "請這樣做：", "What to do: ";
        alert_issued: "发布时间", "發布時間", "Issued";
        alert_state: "状态", "狀態", "State";
        alert_delivered: "已通知人数：", "已通知人數：", "People told: ";
        alert_kind_update: "（更正）", "（更正）", "(update) ";
        alert_kind_all_clear: "（解除）", "（解除）", "(all clear) ";
        alert_f_region: "发给哪个地区", "發給哪個地區", "Region";
        alert_f_region_hint: "该地区及下辖所有地区的人都会收到，页面顶部显示警报", "該地區及下轄所有地區的人都會收到，頁面頂部顯示警報", "Everyone in this region and the regions under it is told; pages show it at the top";
        alert_f_severity: "预警级别", "預警級別", "Level";
        alert_f_severity_hint: "红色预警需要另一位值班员批准后才发出，并同时发送短信", "紅色預警需要另一位值班員批准後才發出，並同時發送簡訊", "A red alert goes out once a second officer approves it, and also by SMS";
        alert_f_kind: "类型", "類型", "Kind";
        alert_f_title: "标题", "標題", "Title";
        alert_f_title_hint: "例如：地震预警、暴雨红色预警", "例如：地震預警、暴雨紅色預警", "e.g. Earthquake warning";
        alert_f_text: "发生了什么", "發生了什麼", "What is happening";
        alert_f_instructions: "群众应该怎么做", "群眾應該怎麼做", "What people should do";
        alert_f_until: "有效至", "有效至", "Valid until";
        alert_f_follows: "更正或解除哪一条预警", "更正或解除哪一條預警", "The alert it updates or ends";
        alert_f_follows_hint: "发布更正或解除时必选。新的一条发出后，原预警的横幅随即撤下。", "發佈更正或解除時必選。新的一條發出後，原預警的橫幅隨即撤下。", "Required for an update or all-clear. When it goes out, the original's banner comes down.";
        alert_f_follows_none: "（新预警不选）", "（新預警不選）", "(none for a new alert)";
        alert_follows: "更正或解除了", "更正或解除了", "Updates or ends";
        alert_followed_by: "后续", "後續", "Followed by";
        alert_send_update: "发布更正", "發佈更正", "Send an update";
        alert_send_all_clear: "发布解除", "發佈解除", "Send the all-clear";
        alert_f_until_hint: "北京时间，最长7天", "北京時間，最長7天", "Beijing time, at most 7 days";
        alert_check: "检查并预览", "檢查並預覽", "Check and preview";
        alert_confirm_title: "请确认警报内容", "請確認警報內容", "Check the alert before it goes out";
        alert_confirm_intro: "发出后，该地区所有人会立即收到，并在每个页面顶部看到。", "發出後，該地區所有人會立即收到，並在每個頁面頂部看到。", "Once issued, everyone in the region is told at once and sees it at the top of every page.";
        alert_red_needs_second: "红色预警需要另一位值班员批准后才会发出。", "紅色預警需要另一位值班員批准後才會發出。", "A red alert goes out once a second duty officer approves it.";
        alert_issue: "确认发布", "確認發布", "Issue the alert";
        alert_or_change: "如需修改，请在下面的表单中修改后重新检查。", "如需修改，請在下面的表單中修改後重新檢查。", "To change it, edit the form below and check again.";
        alert_approve: "批准并发出", "批准並發出", "Approve and send";
        alert_lift: "解除警报（撤下横幅）", "解除警報（撤下橫幅）", "Lift the alert (remove the banner)";
        alert_same_officer: "发布这条警报的值班员不能自己批准，请另一位值班员批准。", "發布這條警報的值班員不能自己批准，請另一位值班員批准。", "The officer who issued this alert cannot approve it; another duty officer must.";
        pub_removed: "删去：", "刪去：", "Removed:";
        pub_own_document: "您是最后修改这篇文章的人，不能自己审核通过。请另一位审核人审核，或退回修改。", "您是最後修改這篇文章的人，不能自己審核通過。請另一位審核人審核，或退回修改。", "You made the last changes to this, so you cannot approve it yourself. Ask another reviewer, or send it back.";
    }
}

/// A state's name.
pub fn state_name(t: Tr, s: DocState) -> &'static str {
    match s {
        DocState::Draft => t.pick("草稿", "草稿", "Draft"),
        DocState::InReview => t.pick("待审核", "待審核", "In review"),
        DocState::Scheduled => t.pick("定时发布", "定時發布", "Scheduled"),
        DocState::Published => t.pick("已发布", "已發布", "Published"),
        DocState::Withdrawn => t.pick("已撤回", "已撤回", "Withdrawn"),
    }
}

/// A history step's name.
pub fn step_name(t: Tr, step: &str) -> &'static str {
    match step {
        "create" => t.pick("创建草稿", "建立草稿", "Draft created"),
        "save" => t.pick("修改", "修改", "Edited"),
        "submit" => t.pick("提交审核", "提交審核", "Sent to review"),
        "send_back" => t.pick("退回修改", "退回修改", "Sent back"),
        "schedule" => t.pick(
            "审核通过，定时发布",
            "審核通過，定時發布",
            "Approved, scheduled",
        ),
        "publish" => t.pick("发布", "發布", "Published"),
        "unschedule" => t.pick("取消定时发布", "取消定時發布", "Schedule cancelled"),
        "correct" => t.pick("更正", "更正", "Corrected"),
        "withdraw" => t.pick("撤回", "撤回", "Withdrawn"),
        _ => t.pick("其他", "其他", "Other"),
    }
}

/// A disclosure category's name.
pub fn category_name(t: Tr, c: DisclosureCategory) -> &'static str {
    use DisclosureCategory as C;
    match c {
        C::Organisation => t.pick("机构职能", "機構職能", "Organisation and functions"),
        C::Regulations => t.pick("法规文件", "法規文件", "Regulations and documents"),
        C::Plans => t.pick("规划计划", "規劃計劃", "Plans"),
        C::Finance => t.pick("财政信息", "財政資訊", "Public finance"),
        C::Personnel => t.pick("人事信息", "人事資訊", "Personnel"),
        C::KeyAreas => t.pick("重点领域", "重點領域", "Key areas"),
        C::Interpretations => t.pick("政策解读", "政策解讀", "Policy explained"),
        C::PublicServices => t.pick("公共服务", "公共服務", "Public services"),
        C::Emergencies => t.pick("应急管理", "應急管理", "Emergency management"),
        C::Inspections => t.pick("监督检查", "監督檢查", "Inspections"),
        C::Statistics => t.pick("统计信息", "統計資訊", "Statistics"),
    }
}

/// A publicity's name.
pub fn publicity_name(t: Tr, p: Publicity) -> &'static str {
    match p {
        Publicity::Decision => t.pick("决策公开", "決策公開", "Decisions"),
        Publicity::Execution => t.pick("执行公开", "執行公開", "Implementation"),
        Publicity::Management => t.pick("管理公开", "管理公開", "Management"),
        Publicity::Service => t.pick("服务公开", "服務公開", "Services"),
        Publicity::Result => t.pick("结果公开", "結果公開", "Results"),
    }
}

/// A validity's name.
pub fn validity_name(t: Tr, v: Validity) -> &'static str {
    match v {
        Validity::Valid => t.pick("有效", "有效", "In force"),
        Validity::Expired => t.pick("失效", "失效", "Expired"),
        Validity::Repealed => t.pick("废止", "廢止", "Repealed"),
    }
}

/// A severity's name.
pub fn severity_name(t: Tr, s: yiwang_domain::alert::Severity) -> &'static str {
    use yiwang_domain::alert::Severity as S;
    match s {
        S::Blue => t.pick("蓝色预警", "藍色預警", "Blue alert"),
        S::Yellow => t.pick("黄色预警", "黃色預警", "Yellow alert"),
        S::Orange => t.pick("橙色预警", "橙色預警", "Orange alert"),
        S::Red => t.pick("红色预警", "紅色預警", "Red alert"),
    }
}

/// An alert kind's name.
pub fn alert_kind_name(t: Tr, k: yiwang_domain::alert::AlertKind) -> &'static str {
    use yiwang_domain::alert::AlertKind as K;
    match k {
        K::Alert => t.pick("新警报", "新警報", "New alert"),
        K::Update => t.pick("更正或更新", "更正或更新", "Correction or update"),
        K::AllClear => t.pick("解除（危险已过去）", "解除（危險已過去）", "All clear"),
    }
}

/// An alert's state as shown (`shown`: active and not expired).
pub fn alert_state_name(t: Tr, s: yiwang_domain::alert::AlertState, shown: bool) -> &'static str {
    use yiwang_domain::alert::AlertState as A;
    match (s, shown) {
        (A::AwaitingApproval, _) => t.pick("等待批准", "等待批准", "Waiting for approval"),
        (A::Active, true) => t.pick("生效中", "生效中", "In force"),
        (A::Active, false) => t.pick("已过期", "已過期", "Expired"),
        (A::Lifted, _) => t.pick("已解除", "已解除", "Lifted"),
    }
}

/// A request state's name.
pub fn disclosure_state_name(t: Tr, s: yiwang_domain::disclosure::RequestState) -> &'static str {
    use yiwang_domain::disclosure::RequestState as S;
    match s {
        S::Received => t.pick("办理中", "辦理中", "Being handled"),
        S::Clarifying => t.pick("等待补正", "等待補正", "Waiting for your clarification"),
        S::Answered => t.pick("已答复", "已答覆", "Answered"),
    }
}

/// An answer type's name (政府信息公开条例 §36).
pub fn answer_type_name(t: Tr, a: yiwang_domain::disclosure::AnswerType) -> &'static str {
    use yiwang_domain::disclosure::AnswerType as A;
    match a {
        A::Disclosed => t.pick("予以公开", "予以公開", "Disclosed"),
        A::PartlyDisclosed => t.pick("部分公开", "部分公開", "Partly disclosed"),
        A::NotDisclosed => t.pick("不予公开", "不予公開", "Not disclosed"),
        A::NotExist => t.pick(
            "本机关不掌握相关信息",
            "本機關不掌握相關資訊",
            "Not held by this office",
        ),
        A::NotOurs => t.pick(
            "不属于本机关负责公开",
            "不屬於本機關負責公開",
            "Another office's to disclose",
        ),
        A::Duplicate => t.pick("重复申请", "重複申請", "Repeated request"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_is_translated() {
        yiwang_kit::i18n::check_texts(super::ALL_MESSAGES);
    }
}
