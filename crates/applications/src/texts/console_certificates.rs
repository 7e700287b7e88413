//! Texts of the console's certificate page: finding, revoking, signing keys.

yiwang_kit::texts! {
    /// The texts of these pages.
    pub trait ConsoleCertTexts {
        certs_console_title: "电子证照", "電子證照", "Electronic certificates";
        certs_console_find_label: "证照编号或办件编号", "證照編號或辦件編號", "Certificate number or receipt number";
        certs_console_find_hint: "证照编号在证照页面和二维码链接里；办件编号形如 20261123-7KQ3-M9XH。", "證照編號在證照頁面和二維碼連結裡；辦件編號形如 20261123-7KQ3-M9XH。", "The certificate number is on the certificate page and in its QR link; a receipt number looks like 20261123-7KQ3-M9XH.";
        certs_console_find: "查找", "查找", "Find";
        certs_console_none: "没有找到您可以管理的证照。", "沒有找到您可以管理的證照。", "No certificate you may manage was found.";
        certs_console_number: "证照编号", "證照編號", "Certificate number";
        certs_console_issuer: "签发部门", "簽發部門", "Issued by";
        certs_console_issued: "签发日期", "簽發日期", "Issued on";
        certs_console_expires: "有效期至", "有效期至", "Valid until";
        certs_console_no_expiry: "长期有效", "長期有效", "No end date";
        certs_console_standing: "状态", "狀態", "Standing";
        certs_console_is_revoked: "已撤销", "已撤銷", "Revoked";
        certs_console_in_force: "有效", "有效", "In force";
        certs_console_verify: "查看验证结果", "查看驗證結果", "See how it verifies";
        certs_console_reason: "撤销原因", "撤銷原因", "Reason for revoking";
        certs_console_reason_hint: "会公布在撤销清单上，扫码验证时也会显示。撤销后不能恢复。", "會公佈在撤銷清單上，掃碼驗證時也會顯示。撤銷後不能恢復。", "It is published in the revocation list and shown when the certificate is checked. Revoking cannot be undone.";
        certs_console_revoke: "撤销这份证照", "撤銷這份證照", "Revoke this certificate";
        certs_console_revoked: "证照已撤销，验证页面和撤销清单已更新。", "證照已撤銷，驗證頁面和撤銷清單已更新。", "The certificate is revoked; the verification page and revocation list say so.";
        certs_console_already_revoked: "这份证照已经撤销过了。", "這份證照已經撤銷過了。", "This certificate was already revoked.";
        certs_console_keys_title: "签名密钥", "簽名金鑰", "Signing keys";
        certs_console_keys_intro: "每个部门用自己的密钥签发证照。更换后，新证照用新密钥签名，旧密钥仍然公布，已签发的证照照常可以验证。", "每個部門用自己的金鑰簽發證照。更換後，新證照用新金鑰簽名，舊金鑰仍然公佈，已簽發的證照照常可以驗證。", "Each department signs with its own key. After a replacement, new certificates use the new key; the old one stays published, so what it signed still verifies.";
        certs_console_keys_none: "您管理的部门还没有签名密钥。", "您管理的部門還沒有簽名金鑰。", "The departments you manage have no signing key yet.";
        certs_console_key_current: "当前密钥", "當前金鑰", "Current key";
        certs_console_key_missing: "尚未生成（首次签发证照时自动生成）", "尚未生成（首次簽發證照時自動生成）", "None yet (made when the first certificate is issued)";
        certs_console_key_retired: "已停用的密钥", "已停用的金鑰", "Retired keys";
        certs_console_rotate: "更换签名密钥", "更換簽名金鑰", "Replace the signing key";
        certs_console_manage: "管理证照", "管理證照", "Manage";
        certs_console_rotated: "已更换签名密钥，新密钥：", "已更換簽名金鑰，新金鑰：", "The signing key was replaced. New key:";
        certs_review_title: "待复核的证照", "待複核的證照", "Certificates to review";
        certs_review_intro: "持证人的实名身份变更或被撤销后，以前签发给他的证照需要签发部门复核：确认仍然属于此人就保留，否则撤销。", "持證人的實名身分變更或被撤銷後，以前簽發給他的證照需要簽發部門複核：確認仍然屬於此人就保留，否則撤銷。", "When a holder's verified identity changes or is removed, the certificates issued to them need their issuer's review: keep those that still belong to the person, revoke the others.";
        certs_review_none: "没有待复核的证照。", "沒有待複核的證照。", "No certificate waits for review.";
        certs_review_identity_changed: "持证人重新核验了身份", "持證人重新核驗了身分", "The holder's identity was verified again";
        certs_review_identity_removed: "持证人的身份因冲突被撤销", "持證人的身分因衝突被撤銷", "The holder's identity was removed after a conflict";
        certs_review_since: "待复核自", "待複核自", "Waiting since";
        certs_review_keep: "复核无误，保留", "複核無誤，保留", "Reviewed: keep it";
        certs_review_revoke: "撤销…", "撤銷…", "Revoke…";
        certs_review_kept: "证照已保留，不再列为待复核。", "證照已保留，不再列為待複核。", "The certificate was kept and left the review list.";
        cert_types_title: "证照类型登记", "證照類型登記", "Certificate types";
        cert_types_intro: "每种电子证照由哪些部门签发。办事表单只能签发本部门获授权的类型；规则和自动填写只认可获授权部门签发的证照。", "每種電子證照由哪些部門簽發。辦事表單只能簽發本部門獲授權的類型；規則和自動填寫只認可獲授權部門簽發的證照。", "Which departments issue each kind of certificate. A form may only issue a type its department is authorised for; rules and prefill only count certificates from an authorised issuer.";
        cert_types_none: "还没有登记任何证照类型。", "還沒有登記任何證照類型。", "No certificate type is registered yet.";
        cert_types_code: "类型代码", "類型代碼", "Type code";
        cert_types_code_hint: "小写英文字母开头，可含数字和下划线，例如 nurse_practice。表单和规则用它指代此类证照。", "小寫英文字母開頭，可含數字和底線，例如 nurse_practice。表單和規則用它指代此類證照。", "Starts with a lower-case letter; digits and underscores allowed, e.g. nurse_practice. Forms and rules name the type by it.";
        cert_types_name: "证照名称", "證照名稱", "Certificate name";
        cert_types_register: "登记类型", "登記類型", "Register the type";
        cert_types_new: "登记新类型（或修改已有类型的名称）", "登記新類型（或修改已有類型的名稱）", "Register a new type (or rename one)";
        cert_types_issuers: "获授权签发的部门", "獲授權簽發的部門", "Authorised issuers";
        cert_types_no_issuer: "还没有部门获授权。", "還沒有部門獲授權。", "No department is authorised yet.";
        cert_types_withdraw: "取消授权", "取消授權", "Withdraw";
        cert_types_authorise: "授权部门签发", "授權部門簽發", "Authorise a department";
        cert_types_department: "部门", "部門", "Department";
        cert_types_saved: "证照类型登记已更新。", "證照類型登記已更新。", "The register was updated.";
    }
}
