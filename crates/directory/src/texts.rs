//! Texts of the directory: departments and regions, public and in the console.

yiwang_kit::texts! {
    /// The texts of this capability's pages.
    pub trait DirectoryTexts {
        region_portal: "地区门户", "地區入口網站", "Regional portal";
        departments_title: "部门目录", "部門目錄", "Department directory";
        departments_in_region: "所在地区", "所在地區", "Region";
        department_name_contains: "名称包含", "名稱包含", "Name contains";
        all_regions: "全部", "全部", "All";
        department_phone: "咨询电话", "諮詢電話", "Phone";
        department_address: "办公地址", "辦公地址", "Address";
        department_hours: "办公时间", "辦公時間", "Opening hours";
        department_code: "机构代码", "機構代碼", "Organisation code";
        department_level: "层级", "層級", "Level";
        department_region: "所属地区", "所屬地區", "Region";
        not_yet_filled: "暂未填写", "暫未填寫", "Not yet filled in";
        region_children: "下辖地区", "下轄地區", "Areas within";
        region_departments: "本级部门", "本級部門", "Departments here";
        regions_title: "地区", "地區", "Regions";
        console_departments: "部门管理", "部門管理", "Departments";
        console_regions: "地区管理", "地區管理", "Regions";
        new_department: "新建部门", "新建部門", "New department";
        edit_department: "编辑部门", "編輯部門", "Edit department";
        department_name: "部门名称", "部門名稱", "Department name";
        add_community: "添加社区（村）", "新增社區（村）", "Add a community or village";
        community_name: "社区（村）名称", "社區（村）名稱", "Community or village name";
        community_suffix: "代码后三位", "代碼後三位", "Last three digits of the code";
        community_suffix_hint: "留空则自动编号", "留空則自動編號", "Leave empty to number automatically";
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_is_translated() {
        yiwang_kit::i18n::check_texts(super::ALL_MESSAGES);
    }
}
