//! Texts of the applying pages: task list, sections, check your answers, confirmation.

use super::{Tr, messages};

messages! {
    apply_title: "在线申请", "線上申請", "Apply online";
}
