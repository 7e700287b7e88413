//! Texts of the staff case pages: queue, case, supervisor's board, calendar.

use super::{Tr, messages};

messages! {
    console_cases_title: "办件", "辦件", "Cases";
}
