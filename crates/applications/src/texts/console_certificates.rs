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
    }
}
