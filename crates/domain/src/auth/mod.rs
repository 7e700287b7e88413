//! Who may do what. Staff hold roles, each granted for a department and a region subtree; one
//! function ([`policy::allows`]) decides every permission check on the platform.

pub mod permission;
pub mod policy;
pub mod role;

pub use permission::Permission;
pub use policy::{Actor, Grant, Scope, allows, allows_somewhere, may_grant, may_manage_staff};
pub use role::Role;
