//! Translations of the domain's codes: errors, field errors, roles, levels, audit actions.
//! Exhaustive `match`es: a new code that is not translated does not compile.

use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::Role;
use yiwang_domain::enterprise::AgentRole;
use yiwang_domain::identity::Assurance;
use yiwang_domain::region::RegionLevel;
use yiwang_domain::workflow::RatingLevel;
use yiwang_domain::{ErrorCode, FieldCode};

use super::Tr;

impl Tr {
    /// The sentence shown for an error code.
    pub fn error(self, code: ErrorCode) -> &'static str {
        use ErrorCode as E;
        match code {
            E::ValidationFailed => self.pick("请修改标出的内容后再提交。", "請修改標出的內容後再提交。", "Correct the marked fields and submit again."),
            E::NotFound => self.pick("找不到您要的内容。", "找不到您要的內容。", "We could not find what you asked for."),
            E::Unauthenticated => self.pick("请先登录。", "請先登入。", "Please log in first."),
            E::SessionExpired => self.pick("登录已过期，请重新登录。", "登入已過期，請重新登入。", "Your session has expired. Please log in again."),
            E::Forbidden => self.pick("您没有权限做这件事。", "您沒有權限做這件事。", "You are not allowed to do this."),
            E::CsrfFailed => self.pick("页面已过期，请刷新后重试。如果一直出现，请确认浏览器允许使用 Cookie。", "頁面已過期，請重新整理後重試。如果一直出現，請確認瀏覽器允許使用 Cookie。", "The page has expired. Reload it and try again. If this keeps happening, allow cookies in your browser."),
            E::InvalidCredentials => self.pick("账号或密码不正确。", "帳號或密碼不正確。", "The account or password is wrong."),
            E::TotpRequired => self.pick("请输入手机验证器上的动态口令。", "請輸入手機驗證器上的動態口令。", "Enter the code from your authenticator app."),
            E::InvalidTotp => self.pick("动态口令不正确或已使用过，请等下一个口令。", "動態口令不正確或已使用過，請等下一個口令。", "The authenticator code is wrong or was already used. Wait for the next one."),
            E::AccountLocked => self.pick("登录失败次数太多，账号已暂时锁定15分钟。", "登入失敗次數太多，帳號已暫時鎖定15分鐘。", "Too many failed attempts: the account is locked for 15 minutes."),
            E::RateLimited => self.pick("操作太频繁，请稍后再试。", "操作太頻繁，請稍後再試。", "Too many attempts. Please wait and try again."),
            E::Conflict => self.pick("内容已被别人修改，请刷新后重试。", "內容已被別人修改，請重新整理後重試。", "Someone else changed this. Reload and try again."),
            E::CodeInvalid => self.pick("验证码不正确或已过期。", "驗證碼不正確或已過期。", "The code is wrong or has expired."),
            E::MalformedJson => self.pick("请求内容不是有效的 JSON。", "請求內容不是有效的 JSON。", "The request body is not valid JSON."),
            E::InvalidBody => self.pick("请求内容的格式不对。", "請求內容的格式不對。", "The request body does not have the expected fields."),
            E::UnsupportedMediaType => self.pick("不支持这种内容类型。", "不支援這種內容類型。", "This content type is not accepted here."),
            E::PayloadTooLarge => self.pick("提交的内容太大。", "提交的內容太大。", "What you sent is too large."),
            E::MethodNotAllowed => self.pick("不支持这种请求方式。", "不支援這種請求方式。", "This request method is not allowed here."),
            E::InvalidQuery => self.pick("网址中的参数不正确。", "網址中的參數不正確。", "The address contains invalid parameters."),
            E::InvalidPaging => self.pick("页码或每页条数超出范围。", "頁碼或每頁條數超出範圍。", "The page number or page size is out of range."),
            E::Unavailable => self.pick("系统繁忙，请稍后再试。", "系統繁忙，請稍後再試。", "The service is busy. Please try again shortly."),
            E::Internal => self.pick("系统出错了，我们已经记录，请稍后再试。", "系統出錯了，我們已經記錄，請稍後再試。", "Something went wrong on our side. It has been recorded; please try again later."),
            E::InvalidTransition => self.pick("这件事在当前办理状态下不能做，请刷新查看最新进度。", "這件事在當前辦理狀態下不能做，請重新整理查看最新進度。", "This cannot be done at the case's current stage. Reload to see where it is now."),
            E::FormChanged => self.pick("表单已经更新，请重新打开表单，已填内容会尽量保留。", "表單已經更新，請重新打開表單，已填內容會盡量保留。", "The form has been updated. Open it again; what you typed is kept where possible."),
            E::DraftExpired => self.pick("草稿保存时间已过，已被清除，请重新填写。", "草稿保存時間已過，已被清除，請重新填寫。", "This draft was kept too long and has been removed. Please start again."),
            E::IdempotencyKeyReused => self.pick("这个请求编号已用于另一次不同的提交。", "這個請求編號已用於另一次不同的提交。", "This idempotency key was already used for a different request."),
            E::IdentityLocked => self.pick("您的身份已经核验并锁定，不能自行修改。如需更改，请重新通过身份核验，或带身份证到政务服务窗口办理。", "您的身分已經核驗並鎖定，不能自行修改。如需更改，請重新通過身分核驗，或帶身分證到政務服務窗口辦理。", "Your identity is verified and locked; you cannot change it yourself. To change it, verify again through the identity check or at a service counter with your ID card."),
            E::IdentityNeedsCounter => self.pick("这个身份暂时无法在网上核验。请带身份证到政务服务窗口，工作人员会为您核验。", "這個身分暫時無法在網上核驗。請帶身分證到政務服務窗口，工作人員會為您核驗。", "This identity cannot be verified online. Please bring your ID card to a service counter, where staff will verify it."),
            E::IdentityBelowRequired => self.pick("申请人的身份核验等级低于本事项的要求，请先为申请人核验身份（网上核验或窗口核验）。", "申請人的身分核驗等級低於本事項的要求，請先為申請人核驗身分（網上核驗或窗口核驗）。", "The applicant's identity is not verified to the level this item requires. Verify it first (online or at a counter)."),
            E::TransferLimitReached => self.pick("这件诉求已经转办多次，不能再由部门转办。请退回派单，由督办人员决定由谁办理。", "這件訴求已經轉辦多次，不能再由部門轉辦。請退回派單，由督辦人員決定由誰辦理。", "This inquiry has been passed on as often as departments may. Return it to dispatch; a supervisor decides who handles it."),
            E::WindowClosed => self.pick("办理这一步的时间已经过了。", "辦理這一步的時間已經過了。", "The time for this step has passed."),
            E::ConsentNotGranted => self.pick("市民的代办授权不在有效期内（尚未确认、已过期、已使用或已关闭），请重新获取同意。", "市民的代辦授權不在有效期內（尚未確認、已過期、已使用或已關閉），請重新取得同意。", "The citizen's consent is not in force (not yet given, expired, used or closed). Ask for it again."),
            E::LinkInvalid => self.pick("这个链接无效：它可能被改动过，或者不完整。请从邮件中重新打开，或登录后在“消息设置”中修改。", "這個連結無效：它可能被改動過，或者不完整。請從郵件中重新打開，或登入後在「訊息設定」中修改。", "This link is not valid: it may have been changed or cut short. Open it again from the email, or log in and change your message settings."),
        }
    }

    /// The sentence for a rejected field that names it, for the error summary and the field
    /// alike (GOV.UK: "Enter your full name", not "Fill in this field" four times).
    pub fn field_named(self, code: FieldCode, label: &str) -> String {
        let label = label.trim().trim_end_matches(['：', ':']);
        match (code, self.0) {
            (FieldCode::Required, yiwang_domain::Lang::ZhHans) => format!("请填写{label}。"),
            (FieldCode::Required, yiwang_domain::Lang::ZhHant) => format!("請填寫{label}。"),
            (FieldCode::Required, yiwang_domain::Lang::En) => format!("Enter {label}."),
            (_, yiwang_domain::Lang::En) => format!("{label}: {}", self.field(code)),
            _ => format!("{label}：{}", self.field(code)),
        }
    }

    /// The sentence shown next to a rejected field.
    pub fn field(self, code: FieldCode) -> &'static str {
        use FieldCode as F;
        match code {
            F::Required => self.pick("请填写这一项。", "請填寫這一項。", "Fill in this field."),
            F::TooLong => self.pick("内容太长了。", "內容太長了。", "This is too long."),
            F::TooShort => self.pick("内容太短了。", "內容太短了。", "This is too short."),
            F::InvalidCharacters => self.pick("含有不能使用的字符。", "含有不能使用的字元。", "This contains characters that cannot be used."),
            F::InvalidPhone => self.pick("请输入11位中国大陆手机号，例如 13800138000。", "請輸入11位中國大陸手機號，例如 13800138000。", "Enter an 11-digit mainland China mobile number, like 13800138000."),
            F::IdNumberLength => self.pick("身份证号应为18位。", "身分證號應為18位。", "An ID number has 18 characters."),
            F::IdNumberChecksum => self.pick("身份证号校验不通过，请逐位核对，特别是最后一位。", "身分證號校驗不通過，請逐位核對，特別是最後一位。", "This ID number does not add up. Check each character, especially the last one."),
            F::IdNumberBirthDate => self.pick("身份证号中的出生日期不正确。", "身分證號中的出生日期不正確。", "The birth date inside this ID number is not valid."),
            F::IdNumberRegion => self.pick("身份证号开头的地区码不存在。", "身分證號開頭的地區碼不存在。", "The region code at the start of this ID number does not exist."),
            F::IdNumberTaken => self.pick("这个身份证号已在另一个账号完成实名认证。如有疑问请拨打12345。", "這個身分證號已在另一個帳號完成實名認證。如有疑問請撥打12345。", "This ID number is already verified on another account. Call 12345 if this is wrong."),
            F::InvalidCreditCode => self.pick("统一社会信用代码不正确，应为18位，请对照营业执照核对。", "統一社會信用代碼不正確，應為18位，請對照營業執照核對。", "This unified social credit code is not valid. It has 18 characters; check it against the business licence."),
            F::InvalidBankCard => self.pick("银行卡号不正确，应为12到19位数字，请对照银行卡逐位核对。", "銀行卡號不正確，應為12到19位數字，請對照銀行卡逐位核對。", "This card number is not valid. It has 12 to 19 digits; check each one against the card."),
            F::PasswordTooShort => self.pick("密码至少8位。", "密碼至少8位。", "Use at least 8 characters."),
            F::PasswordTooLong => self.pick("密码最多128位。", "密碼最多128位。", "Use at most 128 characters."),
            F::PasswordTooCommon => self.pick("这个密码太容易被猜到，请换一个。", "這個密碼太容易被猜到，請換一個。", "This password is too easy to guess. Choose another."),
            F::PasswordMismatch => self.pick("两次输入的密码不一样。", "兩次輸入的密碼不一樣。", "The two passwords are different."),
            F::PasswordWrong => self.pick("当前密码不正确。", "目前密碼不正確。", "The current password is wrong."),
            F::CodeInvalid => self.pick("验证码不正确或已过期，请重新获取。", "驗證碼不正確或已過期，請重新獲取。", "The code is wrong or has expired. Ask for a new one."),
            F::CodeFormat => self.pick("验证码是6位数字。", "驗證碼是6位數字。", "The code is 6 digits."),
            F::UnknownRegion => self.pick("没有这个地区。", "沒有這個地區。", "There is no such region."),
            F::WrongRegionLevel => self.pick("这一级地区不能用在这里。", "這一級地區不能用在這裡。", "A region of this level cannot be used here."),
            F::UnknownDepartment => self.pick("没有这个部门。", "沒有這個部門。", "There is no such department."),
            F::InvalidChoice => self.pick("请从列表中选择。", "請從列表中選擇。", "Choose one of the options."),
            F::UsernameTaken => self.pick("这个用户名已被使用。", "這個用戶名已被使用。", "This user name is taken."),
            F::InvalidUsername => self.pick("用户名只能用小写字母、数字、点、横线和下划线，并以字母开头。", "用戶名只能用小寫字母、數字、點、橫線和底線，並以字母開頭。", "Use lower-case letters, digits, dots, dashes and underscores, starting with a letter."),
            F::CodeTaken => self.pick("已经有同样的记录。", "已經有同樣的記錄。", "A record with this value already exists."),
            F::OutOfRange => self.pick("数值超出范围。", "數值超出範圍。", "This number is out of range."),
            F::InvalidDate => self.pick("请输入正确的日期，例如 2026-01-31。", "請輸入正確的日期，例如 2026-01-31。", "Enter a real date, like 2026-01-31."),
            F::InvalidTelephone => self.pick("请输入正确的电话号码，例如 0826-2345678。", "請輸入正確的電話號碼，例如 0826-2345678。", "Enter a valid phone number, like 0826-2345678."),
            F::InvalidName => self.pick("姓名只能包含汉字、字母和间隔号“·”。", "姓名只能包含漢字、字母和間隔號「·」。", "A name may only contain Chinese characters, letters and the middle dot."),
            F::IdentityMismatch => self.pick("姓名与身份证号核验不一致，请对照身份证逐字核对。", "姓名與身分證號核驗不一致，請對照身分證逐字核對。", "The name and ID number do not match the identity records. Check them against your ID card."),
            F::PrefilledChanged => self.pick("这一项来自您的账号或证照，不能在这里修改。", "這一項來自您的帳號或證照，不能在這裡修改。", "This answer comes from your account or a certificate and cannot be changed here."),
            F::NotAuthorisedIssuer => self.pick("本部门未登记为这类证照的发证机关，不能签发。请平台管理员在“证照类型”中登记后再发布。", "本部門未登記為這類證照的發證機關，不能簽發。請平台管理員在「證照類型」中登記後再發布。", "This department is not registered to issue this type of certificate. A platform admin must register it under Certificate types before publishing."),
            F::AlreadyAgent => self.pick("此人已经是经办人。", "此人已經是經辦人。", "This person is already an agent."),
            F::NoSuchCitizen => self.pick("没有找到已实名认证的这个号码的用户。", "沒有找到已實名認證的這個號碼的用戶。", "No real-name verified user has this number."),
            F::InvalidLine => self.pick("这一行的格式不对，请对照说明修改。", "這一行的格式不對，請對照說明修改。", "This line is not in the expected form; see the hint."),
            F::InvalidUrl => self.pick("请输入以 https:// 或 http:// 开头的网址。", "請輸入以 https:// 或 http:// 開頭的網址。", "Enter a web address starting with https:// or http://."),
            F::PromisedOverStatutory => self.pick("承诺时限不能长于法定时限。", "承諾時限不能長於法定時限。", "The promised time limit cannot be longer than the statutory one."),
            F::UnknownItem => self.pick("没有这个事项。", "沒有這個事項。", "There is no such service item."),
            F::SelfReference => self.pick("不能选择事项本身。", "不能選擇事項本身。", "An item cannot refer to itself."),
            F::InvalidNumber => self.pick("请输入数字，小数位数不要超过要求。", "請輸入數字，小數位數不要超過要求。", "Enter a number, with no more decimal places than allowed."),
            F::TooFew => self.pick("数量不够，请再添加。", "數量不夠，請再添加。", "Not enough: add more."),
            F::TooMany => self.pick("数量超过上限，请删去一些。", "數量超過上限，請刪去一些。", "Too many: remove some."),
            F::FileTooLarge => self.pick("文件太大，请压缩或换一份较小的文件。", "檔案太大，請壓縮或換一份較小的檔案。", "The file is too large. Compress it or choose a smaller one."),
            F::OutOfArea => self.pick("这个位置不在本平台服务的地区内。请在地图上选本地区的位置，或不填位置，只写地址。", "這個位置不在本平台服務的地區內。請在地圖上選本地區的位置，或不填位置，只寫地址。", "This place is outside the area this platform serves. Choose a place in the area, or leave the location out and give the address."),
            F::AnonymityNotAllowed => self.pick("这类诉求不能匿名提交（信访事项须署真实姓名）。请登录后提交。", "這類訴求不能匿名提交（信訪事項須署真實姓名）。請登入後提交。", "This kind of inquiry cannot be sent anonymously (a petition needs your real name). Log in to send it."),
            F::PublicationNotAllowed => self.pick("这类诉求不会公开（举报和信访事项只告知您本人）。请取消“同意公开”。", "這類訴求不會公開（檢舉和信訪事項只告知您本人）。請取消「同意公開」。", "This kind of inquiry is never published (reports and petitions are answered to you alone). Untick \"may be published\"."),
            F::FileType => self.pick("文件类型不对，请上传要求的格式（如 PDF、JPG、PNG）。", "檔案類型不對，請上傳要求的格式（如 PDF、JPG、PNG）。", "This kind of file is not accepted. Upload one of the listed formats (such as PDF, JPG, PNG)."),
            F::UnknownFile => self.pick("找不到这个文件，请重新上传。", "找不到這個檔案，請重新上傳。", "We cannot find this file. Please upload it again."),
            F::DateInFuture => self.pick("日期不能晚于今天。", "日期不能晚於今天。", "The date cannot be after today."),
            F::DateInPast => self.pick("日期不能早于今天。", "日期不能早於今天。", "The date cannot be before today."),
            F::InvalidKey => self.pick("标识只能用小写字母、数字和下划线，并以字母开头。", "標識只能用小寫字母、數字和底線，並以字母開頭。", "A key may only use lower-case letters, digits and underscores, starting with a letter."),
            F::DuplicateKey => self.pick("这个标识已经用过了。", "這個標識已經用過了。", "This key is already used."),
            F::UnknownField => self.pick("引用的字段不存在，或排在后面。", "引用的欄位不存在，或排在後面。", "This refers to a field that does not exist or comes later."),
            F::UnknownDocument => self.pick("没有这个索引号的政策文件，请核对。", "沒有這個索引號的政策文件，請核對。", "No policy document has this index number; please check it."),
            F::MissingAltText => self.pick("每张图片都要写一句说明（替代文字），读屏软件会读给看不见图片的人听，例如：![区政务服务中心大厅](…)。", "每張圖片都要寫一句說明（替代文字），讀屏軟體會讀給看不見圖片的人聽，例如：![區政務服務中心大廳](…)。", "Every picture needs a line saying what it shows (alt text), read aloud to people who cannot see it, e.g. ![The service hall](…)."),
            F::NoAccountForIdNumber => self.pick("这个身份证号还没有实名认证的账号。请先帮助市民用手机注册并实名认证。", "這個身分證號還沒有實名認證的帳號。請先幫助市民用手機註冊並實名認證。", "No real-name verified account has this ID number. Help the citizen register and verify on their phone first."),
            F::UnknownChoice => self.pick("请从列出的选项中选择。", "請從列出的選項中選擇。", "Choose from the options listed."),
            F::InvalidEmail => self.pick("请输入正确的邮箱地址，例如 zhangsan@example.cn。", "請輸入正確的郵箱地址，例如 zhangsan@example.cn。", "Enter a valid email address, like zhangsan@example.cn."),
            F::NestedTooDeep => self.pick("栏目只能嵌套一层：已有下级栏目的栏目不能再放进别的栏目。", "欄目只能嵌套一層：已有下級欄目的欄目不能再放進別的欄目。", "Columns nest one level: a column that has columns in it cannot go inside another."),
            F::QuietHoursEmpty => self.pick("免打扰的开始和结束时间不能相同。", "免打擾的開始和結束時間不能相同。", "Quiet hours cannot start and end at the same hour."),
            F::InvalidPushSubscription => self.pick("这个设备的推送订阅无法使用：推送地址必须是 https 推送服务，密钥必须完整。", "這個裝置的推播訂閱無法使用：推播地址必須是 https 推播服務，金鑰必須完整。", "This device's push subscription cannot be used: the endpoint must be an https push service and the keys complete."),
            F::BillCodeChecksum => self.pick("缴款码有一位不对，请对照缴款通知书逐位核对。", "繳款碼有一位不對，請對照繳款通知書逐位核對。", "One digit of the bill code is wrong. Check it digit by digit against the notice."),
            F::AmountNotWholeFen => self.pick("金额最多精确到分（小数点后两位）。", "金額最多精確到分（小數點後兩位）。", "Amounts go down to the fen at most (two decimal places)."),
            F::RefundOverPaid => self.pick("退款金额超过了已缴且未退的金额。", "退款金額超過了已繳且未退的金額。", "The refund is more than what was paid and not yet refunded."),
            F::NoSuchBill => self.pick("没有找到这张缴款单：请核对缴款码和缴款人姓名。", "沒有找到這張繳款單：請核對繳款碼和繳款人姓名。", "No bill was found: check the bill code and the payer's name."),
            F::SlotPast => self.pick("这个时段已经开始或已经过去，请选择其他时段。", "這個時段已經開始或已經過去，請選擇其他時段。", "This time has started or is over; choose another."),
            F::TooFarAhead => self.pick("这个时段还不能预约，请在开放预约的日期内选择。", "這個時段還不能預約，請在開放預約的日期內選擇。", "This time cannot be booked yet; choose one within the booking period."),
            F::BookingBlocked => self.pick("您多次预约后未到场，暂时不能预约。", "您多次預約後未到場，暫時不能預約。", "You missed several appointments, so you cannot book for a while."),
            F::TooManyOpenBookings => self.pick("您未完成的预约已达上限，请先取消或办理已有的预约。", "您未完成的預約已達上限，請先取消或辦理已有的預約。", "You hold as many open appointments as allowed; cancel or attend one first."),
            F::SlotFull => self.pick("这个时段已约满。您可以选择其他时段，或登记候补，有人取消时按顺序递补。", "這個時段已約滿。您可以選擇其他時段，或登記候補，有人取消時按順序遞補。", "This time is fully booked. Choose another, or join the waiting list: places released by cancellations go to it in order."),
            F::AlreadyBooked => self.pick("此人在这个时段已有预约或候补。", "此人在這個時段已有預約或候補。", "This person already has an appointment or a waiting place at this time."),
            F::NotBookingDay => self.pick("这个预约不是今天的，只能在预约当天签到。", "這個預約不是今天的，只能在預約當天簽到。", "This appointment is not today; check-in is on its day only."),
            F::UnknownBooking => self.pick("没有这个签到码的预约，请核对后重新扫描或输入。", "沒有這個簽到碼的預約，請核對後重新掃描或輸入。", "No appointment has this check-in code; check it and scan or type it again."),
            F::RecordTypeNotAllowed => self.pick("这个来源系统没有获准报送这类档案。请平台管理员在“个人档案设置”中为它开通后再报送。", "這個來源系統沒有獲准報送這類檔案。請平台管理員在「個人檔案設定」中為它開通後再報送。", "This source system is not allowed to send records of this type. A platform admin must allow it under Personal records settings first."),
            F::MacrosNotAllowed => self.pick("含宏的表格不能上传。请在表格软件中另存为不含宏的 .xlsx 文件或 CSV 文件后再上传。", "含巨集的表格不能上傳。請在表格軟體中另存為不含巨集的 .xlsx 檔案或 CSV 檔案後再上傳。", "Spreadsheets with macros are not accepted. Save it as an .xlsx file without macros, or as CSV, and upload that."),
            F::UnknownPerson => self.pick("没有找到这个身份证号和姓名对应的已注册市民或已登记监护关系的未成年人。请核对身份证号和姓名。", "沒有找到這個身分證號和姓名對應的已註冊市民或已登記監護關係的未成年人。請核對身分證號和姓名。", "No registered citizen, and no child with a recorded guardian, has this ID number and name. Check both."),
        }
    }

    /// A role's name.
    pub fn role(self, role: impl std::borrow::Borrow<Role>) -> &'static str {
        match *role.borrow() {
            Role::WindowClerk => self.pick("窗口人员", "窗口人員", "Window clerk"),
            Role::Reviewer => self.pick("审核人员", "審核人員", "Reviewer"),
            Role::DeptAdmin => self.pick("部门管理员", "部門管理員", "Department admin"),
            Role::Dispatcher => {
                self.pick("派单员（12345）", "派單員（12345）", "Dispatcher (12345)")
            }
            Role::Supervisor => self.pick("督办人员", "督辦人員", "Supervisor"),
            Role::Editor => self.pick("编辑", "編輯", "Editor"),
            Role::DutyOfficer => self.pick("应急值班员", "應急值班員", "Duty officer (alerts)"),
            Role::PlatformAdmin => self.pick("平台管理员", "平台管理員", "Platform admin"),
            Role::Observer => self.pick("只读接入", "唯讀接入", "Read-only client"),
            Role::FinanceOfficer => self.pick("财务人员", "財務人員", "Finance officer"),
        }
    }

    /// A level of identity assurance, as the person and staff see it (`None`: no identity
    /// given).
    pub fn assurance(self, level: Option<Assurance>) -> &'static str {
        match level {
            None => self.pick("未填写实名信息", "未填寫實名資訊", "No identity given"),
            Some(Assurance::SelfDeclared) => self.pick(
                "自行填写，未核验",
                "自行填寫，未核驗",
                "Self-declared, not verified",
            ),
            Some(Assurance::Provider) => self.pick(
                "已核验（身份核验服务）",
                "已核驗（身分核驗服務）",
                "Verified (identity service)",
            ),
            Some(Assurance::InPerson) => self.pick(
                "已核验（窗口当面核验）",
                "已核驗（窗口當面核驗）",
                "Verified (in person at a counter)",
            ),
        }
    }

    /// An agent role's name.
    pub fn agent_role(self, role: impl std::borrow::Borrow<AgentRole>) -> &'static str {
        match *role.borrow() {
            AgentRole::LegalRepresentative => self.role_legal_representative(),
            AgentRole::Agent => self.role_agent(),
        }
    }

    /// A region level's name.
    pub fn level(self, level: impl std::borrow::Borrow<RegionLevel>) -> &'static str {
        match *level.borrow() {
            RegionLevel::Province => self.pick("省级", "省級", "Province"),
            RegionLevel::City => self.pick("市级", "市級", "City"),
            RegionLevel::County => self.pick("县级", "縣級", "County / district"),
            RegionLevel::Township => self.pick("乡镇（街道）级", "鄉鎮（街道）級", "Town / street"),
            RegionLevel::Community => {
                self.pick("村（社区）级", "村（社區）級", "Village / community")
            }
        }
    }

    /// An audit action's description.
    pub fn audit_action(self, a: impl std::borrow::Borrow<AuditAction>) -> &'static str {
        use AuditAction as A;
        match *a.borrow() {
            A::StaffLogin => self.pick("工作人员登录", "工作人員登入", "Staff login"),
            A::TotpEnrolled => self.pick("绑定验证器", "綁定驗證器", "Authenticator linked"),
            A::PasswordChanged => self.pick("修改密码", "修改密碼", "Password changed"),
            A::StaffCreated => self.pick("新建工作人员", "新建工作人員", "Staff created"),
            A::RoleGranted => self.pick("授予角色", "授予角色", "Role granted"),
            A::RoleRevoked => self.pick("撤销角色", "撤銷角色", "Role revoked"),
            A::StaffDisabled => self.pick(
                "停用或启用账号",
                "停用或啟用帳號",
                "Account disabled or enabled",
            ),
            A::DepartmentCreated => self.pick("新建部门", "新建部門", "Department created"),
            A::DepartmentUpdated => self.pick("修改部门", "修改部門", "Department edited"),
            A::RegionCreated => self.pick("添加社区（村）", "新增社區（村）", "Community added"),
            A::CitizenLookup => {
                self.pick("查询您的账号", "查詢您的帳號", "Searched for your account")
            }
            A::PersonalDataRead => self.pick(
                "查看您的个人信息",
                "查看您的個人資訊",
                "Viewed your personal details",
            ),
            A::JobRetried => self.pick("重新执行任务", "重新執行任務", "Job retried"),
            A::ApiClientCreated => {
                self.pick("接入新系统", "接入新系統", "System client registered")
            }
            A::DevOutboxRead => self.pick(
                "查看开发模式消息",
                "查看開發模式消息",
                "Development messages viewed",
            ),
            A::AuditSearched => self.pick("查询审计日志", "查詢審計日誌", "Audit log searched"),
            A::ItemCreated => self.pick("新建事项", "新建事項", "Service item created"),
            A::ItemUpdated => self.pick("发布事项新版本", "發布事項新版本", "Service item edited"),
            A::ItemWithdrawn => self.pick("停办事项", "停辦事項", "Service item withdrawn"),
            A::CatalogImported => self.pick("导入事项目录", "匯入事項目錄", "Catalogue imported"),
            A::LifeEventEdited => self.pick(
                "修改主题服务清单",
                "修改主題服務清單",
                "Life-event checklist edited",
            ),
            A::SearchAliasesEdited => {
                self.pick("修改搜索同义词", "修改搜尋同義詞", "Search aliases edited")
            }
            A::CaseAction => self.pick("办理申请", "辦理申請", "Handled an application"),
            A::CaseRead => self.pick(
                "查看您的申请材料",
                "查看您的申請材料",
                "Viewed your application",
            ),
            A::AssistedApplication => self.pick(
                "经您同意代您提交申请",
                "經您同意代您提交申請",
                "Applied on your behalf with your consent",
            ),
            A::FormPublished => {
                self.pick("发布在线申请表", "發布線上申請表", "Online form published")
            }
            A::CalendarLoaded => self.pick(
                "更新节假日日历",
                "更新節假日日曆",
                "Holiday calendar updated",
            ),
            A::CertificateRevoked => {
                self.pick("撤销电子证照", "撤銷電子證照", "Certificate revoked")
            }
            A::IdentityVerified => self.pick("核验身份", "核驗身分", "Identity verified"),
            A::IdentityConflictResolved => self.pick(
                "处理身份证号冲突",
                "處理身分證號衝突",
                "ID number conflict resolved",
            ),
            A::CertificateTypeChanged => self.pick(
                "修改证照类型登记",
                "修改證照類型登記",
                "Certificate type register changed",
            ),
            A::InquiryRead => self.pick(
                "查看诉求及诉求人信息",
                "查看訴求及訴求人資訊",
                "Inquiry and asker's details read",
            ),
            A::InquiryRecorded => self.pick(
                "代为登记来电诉求",
                "代為登記來電訴求",
                "Call recorded on the caller's behalf",
            ),
            A::InquirySettingsChanged => self.pick(
                "修改诉求分类、派单规则或接口设置",
                "修改訴求分類、派單規則或介面設定",
                "Inquiry categories, routing or API settings changed",
            ),
            A::InquiryPublished => self.pick(
                "在问政广场公开诉求",
                "在問政廣場公開訴求",
                "Inquiry published on the public board",
            ),
            A::BookingCapacityChanged => self.pick(
                "发布或修改预约号源",
                "發布或修改預約號源",
                "Appointment capacity published or changed",
            ),
            A::BookingServed => self.pick(
                "预约签到或登记未到",
                "預約簽到或登記未到",
                "Appointment checked in or marked as missed",
            ),
            A::AlertIssued => self.pick(
                "发布、批准或解除应急警报",
                "發布、批准或解除應急警報",
                "Emergency alert issued, approved or lifted",
            ),
            A::BillChanged => self.pick(
                "开具或作废缴款单",
                "開具或作廢繳款單",
                "Bill created or cancelled",
            ),
            A::PaymentRecorded => self.pick(
                "缴费记入账本",
                "繳費記入帳本",
                "Payment recorded in the ledger",
            ),
            A::RefundRequested => self.pick("申请退款", "申請退款", "Refund requested"),
            A::ReconciliationRun => self.pick("执行对账", "執行對帳", "Reconciliation run"),
            A::DocumentChanged => self.pick(
                "编辑、审核或发布政务信息",
                "編輯、審核或發布政務資訊",
                "Government information edited, reviewed or published",
            ),
            A::CertificateReviewed => self.pick(
                "复核电子证照后保留",
                "複核電子證照後保留",
                "Certificate reviewed and kept",
            ),
            A::SigningKeyRotated => self.pick(
                "更换证照签名密钥",
                "更換證照簽名金鑰",
                "Certificate signing key replaced",
            ),
            A::RecordsPushed => self.pick("报送个人档案", "報送個人檔案", "Personal records sent"),
            A::RecordRead => self.pick(
                "查看您的个人档案",
                "查看您的個人檔案",
                "Viewed your personal records",
            ),
            A::RecordSettingsChanged => self.pick(
                "修改档案类型或来源系统",
                "修改檔案類型或來源系統",
                "Record types or sources changed",
            ),
            A::GuardianLinked => {
                self.pick("登记监护关系", "登記監護關係", "Guardian relation recorded")
            }
            A::DatasetChanged => {
                self.pick("修改开放数据集", "修改開放資料集", "Open dataset changed")
            }
            A::MerchantVetted => self.pick(
                "登记或审核本地商户",
                "登記或審核本地商戶",
                "Local merchant vetted",
            ),
            A::PortalChanged => self.pick(
                "修改地区门户",
                "修改地區入口網站",
                "Regional portal changed",
            ),
            A::InvestmentAsked => self.pick("投资咨询", "投資諮詢", "Investment inquiry sent"),
            A::InvestmentAnswered => self.pick(
                "答复投资咨询",
                "答覆投資諮詢",
                "Investment inquiry answered",
            ),
            A::InvestmentContactRead => self.pick(
                "查看投资咨询及联系方式",
                "查看投資諮詢及聯絡方式",
                "Investment inquiry and contact details read",
            ),
            A::SsoClientChanged => self.pick(
                "修改统一登录接入系统",
                "修改統一登入接入系統",
                "Single sign-on system changed",
            ),
            A::SsoKeyRotated => self.pick(
                "更换统一登录签名密钥",
                "更換統一登入簽章金鑰",
                "Single sign-on signing key rotated",
            ),
            A::SsoClaimsShared => self.pick(
                "登录其他政务系统时提供您的信息",
                "登入其他政務系統時提供您的資訊",
                "Your details given to a system you signed in to",
            ),
        }
    }

    /// A satisfaction rating level's name (GB/T 39734 wording).
    pub fn rating_level(self, l: RatingLevel) -> &'static str {
        match l {
            RatingLevel::VerySatisfied => self.pick("非常满意", "非常滿意", "Very satisfied"),
            RatingLevel::Satisfied => self.pick("满意", "滿意", "Satisfied"),
            RatingLevel::Neutral => self.pick("基本满意", "基本滿意", "Fairly satisfied"),
            RatingLevel::Dissatisfied => self.pick("不满意", "不滿意", "Dissatisfied"),
            RatingLevel::VeryDissatisfied => {
                self.pick("非常不满意", "非常不滿意", "Very dissatisfied")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yiwang_domain::Lang;

    #[test]
    fn every_code_reads_differently_in_english_and_chinese() {
        for lang in [Lang::ZhHans, Lang::ZhHant] {
            for c in ErrorCode::ALL {
                assert_ne!(Tr(lang).error(c), Tr(Lang::En).error(c));
            }
            for c in FieldCode::ALL {
                assert_ne!(Tr(lang).field(c), Tr(Lang::En).field(c));
            }
        }
    }
}
