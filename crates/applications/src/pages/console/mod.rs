//! Applications in the staff console: the case queue, a case and its actions, the overdue
//! board and the calendar (`cases`); the form builder (`forms`); certificates (`certificates`);
//! assisted handling (`assist`).

pub mod assist;
pub mod cases;
pub mod cert_types;
pub mod certificates;
pub mod forms;
