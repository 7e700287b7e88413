//! Texts of open data: the catalogue, dataset and resource pages, and the steward's console.

yiwang_kit::texts! {
    /// The texts of this capability's pages.
    pub trait DataTexts {
        data_title: "开放数据", "開放資料", "Open data";
        data_intro: "政府部门开放的数据集，可以在线预览、下载，也可以通过 CKAN 接口和 DCAT 目录由程序读取。", "政府部門開放的資料集，可以線上預覽、下載，也可以透過 CKAN 介面和 DCAT 目錄由程式讀取。", "Datasets opened by government departments: preview and download them here, or read them by program through the CKAN API and the DCAT catalogue.";
        data_search_label: "搜索数据集", "搜尋資料集", "Search datasets";
        data_search: "搜索", "搜尋", "Search";
        data_count: "共{}个数据集", "共{}個資料集", "{} datasets";
        data_none: "没有找到数据集。", "沒有找到資料集。", "No datasets found.";
        data_clear: "清除筛选", "清除篩選", "Clear filters";
        data_filtered_by: "筛选条件：", "篩選條件：", "Filtered by:";
        data_remove_filter: "（取消）", "（取消）", "(remove)";
        facet_organization: "部门", "部門", "Department";
        facet_groups: "主题", "主題", "Topic";
        facet_tags: "标签", "標籤", "Tag";
        facet_res_format: "格式", "格式", "Format";
        facet_license_id: "许可协议", "許可協議", "Licence";
        facet_region: "地区", "地區", "Region";
        data_notes: "说明", "說明", "Description";
        data_org: "提供部门", "提供部門", "Published by";
        data_licence: "许可协议", "許可協議", "Licence";
        data_tags: "标签", "標籤", "Tags";
        data_groups: "主题", "主題", "Topics";
        data_frequency: "更新频率", "更新頻率", "Updated";
        data_temporal: "时间范围", "時間範圍", "Time covered";
        data_region: "覆盖地区", "覆蓋地區", "Region covered";
        data_contact: "联系方式", "聯絡方式", "Contact";
        data_version: "版本", "版本", "Version";
        data_modified: "最近更新", "最近更新", "Last changed";
        data_resources: "数据资源", "資料資源", "Resources";
        data_no_resources: "还没有数据资源。", "還沒有資料資源。", "No resources yet.";
        data_history: "修改记录", "修改記錄", "History";
        data_machine: "供程序读取", "供程式讀取", "For programs";
        data_format: "格式", "格式", "Format";
        data_size: "大小", "大小", "Size";
        data_downloads: "下载次数", "下載次數", "Downloads";
        data_download: "下载", "下載", "Download";
        data_open_link: "打开链接", "開啟連結", "Open the link";
        data_preview: "前{}行预览", "前{}列預覽", "Preview of the first {} rows";
        data_preview_caption: "{}：共{}行", "{}：共{}列", "{}: {} rows in all";
        data_columns: "字段", "欄位", "Columns";
        data_column: "字段名", "欄位名稱", "Column";
        data_type: "类型", "類型", "Type";
        data_type_int: "整数", "整數", "Whole number";
        data_type_numeric: "数值", "數值", "Number";
        data_type_date: "日期", "日期", "Date";
        data_type_text: "文本", "文字", "Text";
        data_back: "返回数据集", "返回資料集", "Back to the dataset";
        data_state_draft: "草稿", "草稿", "Draft";
        data_state_published: "已发布", "已發布", "Published";
        data_console: "开放数据", "開放資料", "Open data";
        data_console_intro: "管理本部门的开放数据集：填写说明、添加链接或上传CSV文件，检查字段类型后发布。", "管理本部門的開放資料集：填寫說明、新增連結或上傳CSV檔案，檢查欄位類型後發布。", "Keep your department's open datasets: describe them, add links or upload CSV files, check the column types, then publish.";
        data_new: "新建数据集", "新建資料集", "New dataset";
        data_department: "所属部门", "所屬部門", "Department";
        data_name: "网址名称", "網址名稱", "Name in the address";
        data_name_hint: "小写字母、数字、连字符，2到100个字符，例如 guangan-service-items", "小寫字母、數字、連字號，2到100個字元，例如 guangan-service-items", "Lower-case letters, digits and hyphens, 2 to 100 characters, e.g. guangan-service-items";
        data_title_field: "标题", "標題", "Title";
        data_tags_hint: "用逗号分隔", "用逗號分隔", "Separate with commas";
        data_start: "开始日期", "開始日期", "From";
        data_end: "结束日期", "結束日期", "To";
        data_region_hint: "地区代码，例如 511602", "地區代碼，例如 511602", "A region code, e.g. 511602";
        data_save: "保存", "儲存", "Save";
        data_create: "创建草稿", "建立草稿", "Create the draft";
        data_publish: "发布", "發布", "Publish";
        data_publish_note: "发布后，所有人和CKAN接口都能看到这个数据集。", "發布後，所有人和CKAN介面都能看到這個資料集。", "Once published, everyone and the CKAN API see this dataset.";
        data_add_link: "添加链接", "新增連結", "Add a link";
        data_url: "链接地址", "連結網址", "Address";
        data_add_file: "上传文件", "上傳檔案", "Upload a file";
        data_file: "文件（CSV、XLSX、JSON、GeoJSON、PDF，不超过20MB）", "檔案（CSV、XLSX、JSON、GeoJSON、PDF，不超過20MB）", "File (CSV, XLSX, JSON, GeoJSON, PDF; at most 20 MB)";
        data_file_hint: "CSV文件可以是UTF-8或GBK编码；XLSX文件读取第一个工作表的数值（公式取计算结果），含宏的文件不能上传。上传后可以在线查询。", "CSV檔案可以是UTF-8或GBK編碼；XLSX檔案讀取第一個工作表的數值（公式取計算結果），含巨集的檔案不能上傳。上傳後可以線上查詢。", "CSV files may be UTF-8 or GBK; of an XLSX workbook the first sheet's values are read (a formula's computed result); files with macros are refused. Both become queryable.";
        data_resource_name: "资源名称", "資源名稱", "Resource name";
        data_resource_description: "资源说明", "資源說明", "What it holds";
        data_upload: "上传", "上傳", "Upload";
        data_add: "添加", "新增", "Add";
        data_change_type: "修改类型", "修改類型", "Change the type";
        data_mine_none: "还没有数据集。", "還沒有資料集。", "No datasets yet.";
        data_view_public: "查看公开页面", "檢視公開頁面", "See the public page";
        data_unpublish: "撤回发布", "撤回發布", "Unpublish";
        data_unpublish_note: "撤回后，这个数据集回到草稿，公众、搜索和CKAN接口都看不到它。", "撤回後，這個資料集回到草稿，公眾、搜尋和CKAN介面都看不到它。", "Once unpublished, the dataset is a draft again: the public, search and the CKAN API no longer see it.";
        data_note_unpublished: "撤回发布", "撤回發布", "Unpublished";
        data_note_refreshed: "自动更新", "自動更新", "Refreshed";
        data_dcat_catalogue: "开放数据目录（DCAT）", "開放資料目錄（DCAT）", "Open data catalogue (DCAT)";
        stats_heading: "平台统计数据", "平台統計資料", "The platform's own statistics";
        stats_intro: "平台每天自动发布办件、问政和无结果搜索词的统计数据集（不足5件的数据合并或隐藏，不能识别个人）。需要时可以立即更新。", "平台每天自動發布辦件、問政和無結果搜尋詞的統計資料集（不足5件的資料合併或隱藏，不能識別個人）。需要時可以立即更新。", "Every day the platform publishes datasets of its applications, inquiries and searches that found nothing (figures from fewer than 5 people are merged or hidden, so no one can be identified). You can update them now.";
        stats_refresh: "立即更新统计数据", "立即更新統計資料", "Update the statistics now";
        stats_asked: "已安排更新，几分钟内完成。", "已安排更新，幾分鐘內完成。", "The update is under way and will be done within minutes.";
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn texts_are_complete_and_traditional_is_traditional() {
        yiwang_kit::i18n::check_texts(super::ALL_MESSAGES);
    }
}
