//! Texts of single sign-on: the consent page, connected services, logout and the console.

yiwang_kit::texts! {
    /// The texts of this capability's pages.
    pub trait SsoTexts {
        sso_consent_title: "授权登录", "授權登入", "Sign in with your account";
        sso_consent_lead: "正在用您的一网账号登录：", "正在用您的一網帳號登入：", "You are signing in with your Yiwang account to:";
        sso_consent_share: "登录后，这个系统会得到：", "登入後，這個系統會得到：", "When you sign in, this system will receive:";
        sso_consent_sub: "一个只给这个系统用的编号，它无法用来在其他系统里找到您", "一個只給這個系統用的編號，它無法用來在其他系統裡找到您", "A number used only by this system; it cannot be used to find you in other systems";
        sso_claim_name: "您的姓名，以及是否已实名认证", "您的姓名，以及是否已實名認證", "Your name, and whether your real name is verified";
        sso_claim_phone: "您的手机号码", "您的手機號碼", "Your mobile number";
        sso_claim_id_number: "您的身份证号", "您的身分證號", "Your ID number";
        sso_claim_offline: "在您不使用时也保持登录，直到您取消连接或30天不用", "在您不使用時也保持登入，直到您取消連接或30天不用", "Staying signed in while you are away, until you disconnect it or it goes unused for 30 days";
        sso_consent_remember: "您同意后，下次登录这个系统不再询问。您可以随时在“已连接的系统”中取消。", "您同意後，下次登入這個系統不再詢問。您可以隨時在「已連接的系統」中取消。", "Once you agree, you will not be asked again when you sign in to this system. You can take it back at any time under Connected systems.";
        sso_consent_who: "当前登录：", "目前登入：", "Signed in as:";
        sso_allow: "同意并登录", "同意並登入", "Agree and sign in";
        sso_deny: "不同意", "不同意", "Do not agree";
        sso_bad_title: "无法登录这个系统", "無法登入這個系統", "Cannot sign in to this system";
        sso_bad_body: "这个登录链接不正确：系统没有登记，或者返回地址和登记的不一致。请回到原来的系统重新点击登录；如果一直这样，请联系那个系统的管理员。", "這個登入連結不正確：系統沒有登記，或者返回位址和登記的不一致。請回到原來的系統重新點擊登入；如果一直這樣，請聯絡那個系統的管理員。", "This sign-in link is not right: the system is not registered, or its return address is not the one registered. Go back to that system and press sign in again; if this keeps happening, contact that system's administrator.";
        sso_connected_title: "已连接的系统", "已連接的系統", "Connected systems";
        sso_connected_intro: "您用一网账号登录过的其他政务系统，以及它们能得到的信息。取消后，这个系统会退出登录，下次登录时再问您。", "您用一網帳號登入過的其他政務系統，以及它們能得到的資訊。取消後，這個系統會登出，下次登入時再問您。", "Other government systems you have signed in to with your Yiwang account, and what each receives. Taking it back signs you out of that system; it will ask you again next time.";
        sso_connected_none: "您还没有用一网账号登录过其他系统。", "您還沒有用一網帳號登入過其他系統。", "You have not signed in to any other system with your Yiwang account.";
        sso_connected_since: "首次同意", "首次同意", "Agreed on";
        sso_connected_last: "最近登录", "最近登入", "Last signed in";
        sso_connected_gets: "能得到", "能得到", "Receives";
        sso_connected_only_id: "只有编号", "只有編號", "Only a number";
        sso_revoke: "取消连接", "取消連接", "Disconnect";
        sso_revoked: "已取消连接。", "已取消連接。", "Disconnected.";
        sso_logout_title: "退出登录", "登出", "Sign out";
        sso_logout_body: "要退出一网账号吗？您用它登录的其他系统也会一起退出。", "要登出一網帳號嗎？您用它登入的其他系統也會一起登出。", "Sign out of your Yiwang account? The other systems you signed in to with it are signed out too.";
        sso_logout_from: "请求退出的系统：", "請求登出的系統：", "System asking:";
        sso_logout_yes: "退出登录", "登出", "Sign out";
        sso_logout_done: "您已退出登录。", "您已登出。", "You have signed out.";
        sso_logout_back: "返回原来的系统", "返回原來的系統", "Back to the system";
        sso_console: "统一登录", "統一登入", "Single sign-on";
        sso_clients: "接入的系统", "接入的系統", "Connected systems";
        sso_clients_intro: "其他政务系统可以让市民和工作人员用一网账号登录（OpenID Connect）。每个系统只能收到这里允许、并且本人同意的信息。", "其他政務系統可以讓市民和工作人員用一網帳號登入（OpenID Connect）。每個系統只能收到這裡允許、並且本人同意的資訊。", "Other government systems can let citizens and staff sign in with their Yiwang account (OpenID Connect). Each receives only what is allowed here and what the person agrees to.";
        sso_none: "还没有接入的系统。", "還沒有接入的系統。", "No system is connected yet.";
        sso_new: "接入新系统", "接入新系統", "Connect a new system";
        sso_name: "系统名称", "系統名稱", "System name";
        sso_name_hint: "市民在授权页面看到的名称。", "市民在授權頁面看到的名稱。", "The name people see on the consent page.";
        sso_logo: "标志图片地址（可不填）", "標誌圖片位址（可不填）", "Logo address (optional)";
        sso_redirects: "登录后返回的地址", "登入後返回的位址", "Redirect URIs";
        sso_redirects_hint: "每行一个，必须完全一致；只能是 https 地址，本机测试可用 http://127.0.0.1。", "每行一個，必須完全一致；只能是 https 位址，本機測試可用 http://127.0.0.1。", "One per line, matched exactly; https only (http://127.0.0.1 for local testing).";
        sso_logout_uris: "退出后返回的地址（可不填）", "登出後返回的位址（可不填）", "Post-logout redirect URIs (optional)";
        sso_backchannel: "后台退出通知地址（可不填）", "後台登出通知位址（可不填）", "Back-channel logout URI (optional)";
        sso_scopes: "可以得到的信息", "可以得到的資訊", "What it may receive";
        sso_scopes_hint: "每一项还需要本人在授权页面同意。", "每一項還需要本人在授權頁面同意。", "Each also needs the person's agreement on the consent page.";
        sso_scope_refresh: "长期登录（刷新令牌）", "長期登入（更新權杖）", "Stay signed in (refresh tokens)";
        sso_jwks: "系统的公钥（JWK Set，用 private_key_jwt 认证时填写）", "系統的公鑰（JWK Set，用 private_key_jwt 認證時填寫）", "The system's public keys (JWK Set, for private_key_jwt)";
        sso_save: "保存", "儲存", "Save";
        sso_created: "系统已接入。请把下面的客户端编号和密钥交给对方系统的管理员。密钥只显示这一次。", "系統已接入。請把下面的用戶端編號和密鑰交給對方系統的管理員。密鑰只顯示這一次。", "The system is connected. Give the client id and secret below to its administrator. The secret is shown only this once.";
        sso_new_secret_done: "已生成新密钥，旧密钥立即失效。新密钥只显示这一次：", "已產生新密鑰，舊密鑰立即失效。新密鑰只顯示這一次：", "A new secret was made and the old one stopped working. It is shown only this once:";
        sso_client_id: "客户端编号（client_id）", "用戶端編號（client_id）", "Client id";
        sso_secret: "密钥（client_secret）", "密鑰（client_secret）", "Client secret";
        sso_make_secret: "生成新密钥", "產生新密鑰", "Make a new secret";
        sso_disable: "停用这个系统", "停用這個系統", "Disable this system";
        sso_enable: "重新启用", "重新啟用", "Enable again";
        sso_disabled: "已停用", "已停用", "Disabled";
        sso_saved: "已保存。", "已儲存。", "Saved.";
        sso_keys: "签名密钥", "簽章金鑰", "Signing keys";
        sso_keys_intro: "ID 令牌用 RS256 签名。更换后，新密钥立即开始签名，旧公钥继续公布到它签过的令牌全部过期。", "ID 權杖用 RS256 簽章。更換後，新金鑰立即開始簽章，舊公鑰繼續公布到它簽過的權杖全部過期。", "ID tokens are signed with RS256. After a rotation the new key signs at once; the old public key stays published until every token it signed has expired.";
        sso_key_made: "生成于", "產生於", "Made";
        sso_key_retired: "停止签名于", "停止簽章於", "Stopped signing";
        sso_key_current: "正在使用", "正在使用", "In use";
        sso_rotate: "更换签名密钥", "更換簽章金鑰", "Rotate the signing key";
        sso_discovery: "对接地址（OpenID Connect Discovery）", "對接位址（OpenID Connect Discovery）", "Discovery address (OpenID Connect)";
        sso_back_list: "返回系统列表", "返回系統列表", "Back to the list";
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn texts_are_complete_and_in_the_right_script() {
        yiwang_kit::i18n::check_texts(super::ALL_MESSAGES);
    }
}
