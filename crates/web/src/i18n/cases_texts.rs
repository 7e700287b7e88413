//! Texts of the applicant's case pages and of electronic certificates.

use super::{Tr, messages};

messages! {
    cases_title: "我的办件", "我的辦件", "My applications";
}
