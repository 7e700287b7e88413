//! The one authorisation decision of the platform.

use crate::ids::{AccountId, ClientId, DepartmentId};
use crate::region::RegionCode;

use super::{Permission, Role};

/// A role held in a scope: a department (for department roles) within a region subtree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The role.
    pub role: Role,
    /// The department, for department roles; `None` means every department in the region.
    pub department: Option<DepartmentId>,
    /// The root of the region subtree the grant covers.
    pub region: RegionCode,
}

/// What a permission is exercised on: always a region, and a department when the target
/// belongs to one. Platform-wide targets (the job queue, system clients) are scoped to the
/// deployment's root region, so only grants at the root cover them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// The department the target belongs to, if any.
    pub department: Option<DepartmentId>,
    /// The region the target belongs to.
    pub region: RegionCode,
}

impl Scope {
    /// A target in one department of one region.
    pub fn department(department: DepartmentId, region: RegionCode) -> Scope {
        Scope {
            department: Some(department),
            region,
        }
    }

    /// A target in a region, not tied to a department.
    pub fn region(region: RegionCode) -> Scope {
        Scope {
            department: None,
            region,
        }
    }
}

/// Who is making a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// Not logged in.
    Anonymous,
    /// A citizen (natural person), possibly acting for enterprises.
    Citizen {
        /// The account.
        account: AccountId,
    },
    /// A staff member with their grants.
    Staff {
        /// The account.
        account: AccountId,
        /// The roles held.
        grants: Vec<Grant>,
    },
    /// Another government system using a bearer token.
    Client {
        /// The client.
        client: ClientId,
        /// What it was granted.
        grants: Vec<Grant>,
    },
}

impl Actor {
    /// The account, for citizens and staff.
    pub fn account(&self) -> Option<AccountId> {
        match self {
            Actor::Citizen { account } | Actor::Staff { account, .. } => Some(*account),
            _ => None,
        }
    }

    /// The grants held (staff and clients).
    pub fn grants(&self) -> &[Grant] {
        match self {
            Actor::Staff { grants, .. } | Actor::Client { grants, .. } => grants,
            _ => &[],
        }
    }
}

/// Whether one grant covers a target scope: the target's region lies in the grant's subtree,
/// and for department grants the target is in that department.
fn covers(grant: &Grant, scope: &Scope) -> bool {
    let region_ok = grant.region.contains(&scope.region);
    let department_ok = match (grant.department, scope.department) {
        (None, _) => true,
        (Some(g), Some(t)) => g == t,
        (Some(_), None) => false,
    };
    region_ok && department_ok
}

/// Whether `actor` may exercise `permission` on something in `scope`.
pub fn allows(actor: &Actor, permission: Permission, scope: &Scope) -> bool {
    actor
        .grants()
        .iter()
        .any(|g| permission.granted_to(g.role) && covers(g, scope))
}

/// Whether `actor` holds `permission` anywhere: the check a route makes before the handler
/// narrows it to the target's scope with [`allows`].
pub fn allows_somewhere(actor: &Actor, permission: Permission) -> bool {
    actor.grants().iter().any(|g| permission.granted_to(g.role))
}

/// Whether `actor` may give someone `grant`. Needs `ManageStaff` over the grant's scope, and
/// the region-wide roles (supervisor, platform admin) can only be given by a platform admin
/// whose region covers the grant: a department admin can staff their department, not promote
/// anyone above it.
pub fn may_grant(actor: &Actor, grant: &Grant) -> bool {
    let scope = Scope {
        department: grant.department,
        region: grant.region.clone(),
    };
    if !allows(actor, Permission::ManageStaff, &scope) {
        return false;
    }
    let elevated = matches!(
        grant.role,
        Role::Supervisor | Role::Dispatcher | Role::PlatformAdmin
    );
    !elevated
        || actor
            .grants()
            .iter()
            .any(|g| g.role == Role::PlatformAdmin && g.region.contains(&grant.region))
}

/// Whether `actor` may manage (view, change roles of, disable) a staff member holding
/// `target`: they must be able to grant every role the person holds. A staff member without
/// grants can be managed by a platform admin at the deployment root `root`.
pub fn may_manage_staff(actor: &Actor, target: &[Grant], root: &RegionCode) -> bool {
    if target.is_empty() {
        return actor
            .grants()
            .iter()
            .any(|g| g.role == Role::PlatformAdmin && g.region.contains(root));
    }
    target.iter().all(|g| may_grant(actor, g))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(s: &str) -> RegionCode {
        RegionCode::parse(s).unwrap()
    }

    fn staff(role: Role, department: Option<DepartmentId>, r: &str) -> Actor {
        Actor::Staff {
            account: AccountId::generate(),
            grants: vec![Grant {
                role,
                department,
                region: region(r),
            }],
        }
    }

    #[test]
    fn a_department_admin_edits_only_their_own_department() {
        let mine = DepartmentId::generate();
        let other = DepartmentId::generate();
        let admin = staff(Role::DeptAdmin, Some(mine), "511602");
        assert!(allows(
            &admin,
            Permission::EditDepartment,
            &Scope::department(mine, region("511602"))
        ));
        assert!(!allows(
            &admin,
            Permission::EditDepartment,
            &Scope::department(other, region("511602"))
        ));
    }

    #[test]
    fn a_supervisor_sees_their_region_subtree_but_not_a_neighbour() {
        let sup = staff(Role::Supervisor, None, "511602");
        assert!(allows(
            &sup,
            Permission::ReadAudit,
            &Scope::region(region("511602001"))
        ));
        assert!(!allows(
            &sup,
            Permission::ReadAudit,
            &Scope::region(region("511603"))
        ));
        assert!(!allows(
            &sup,
            Permission::ReadAudit,
            &Scope::region(region("5116"))
        ));
    }

    #[test]
    fn only_platform_admins_create_departments() {
        let dept = DepartmentId::generate();
        for role in Role::ALL {
            let d = role.needs_department().then_some(dept);
            let actor = staff(role, d, "5116");
            let ok = allows(
                &actor,
                Permission::CreateDepartments,
                &Scope::region(region("511602")),
            );
            assert_eq!(ok, role == Role::PlatformAdmin, "{role:?}");
        }
    }

    #[test]
    fn citizens_and_anonymous_visitors_hold_no_staff_permission() {
        let citizen = Actor::Citizen {
            account: AccountId::generate(),
        };
        for p in Permission::ALL {
            assert!(!allows_somewhere(&Actor::Anonymous, p));
            assert!(!allows_somewhere(&citizen, p));
            assert!(!allows(&citizen, p, &Scope::region(region("5116"))));
        }
    }

    #[test]
    fn a_department_admin_staffs_their_department_but_cannot_promote() {
        let dept = DepartmentId::generate();
        let admin = staff(Role::DeptAdmin, Some(dept), "511602");
        let clerk = Grant {
            role: Role::WindowClerk,
            department: Some(dept),
            region: region("511602"),
        };
        assert!(may_grant(&admin, &clerk));
        let elsewhere = Grant {
            department: Some(DepartmentId::generate()),
            ..clerk.clone()
        };
        assert!(!may_grant(&admin, &elsewhere));
        let sup = Grant {
            role: Role::Supervisor,
            department: None,
            region: region("511602"),
        };
        assert!(!may_grant(&admin, &sup));
        assert!(!may_manage_staff(
            &admin,
            &[clerk.clone(), sup.clone()],
            &region("5116")
        ));
        assert!(may_manage_staff(&admin, &[clerk], &region("5116")));
    }

    #[test]
    fn a_platform_admin_grants_anything_within_their_region_only() {
        let admin = staff(Role::PlatformAdmin, None, "511602");
        let sup = Grant {
            role: Role::Supervisor,
            department: None,
            region: region("511602001"),
        };
        assert!(may_grant(&admin, &sup));
        let above = Grant {
            role: Role::PlatformAdmin,
            department: None,
            region: region("5116"),
        };
        assert!(!may_grant(&admin, &above));
    }

    #[test]
    fn observers_hold_nothing_but_reading_the_directory() {
        let o = staff(Role::Observer, None, "5116");
        for p in Permission::ALL {
            // Pushing records: the route lets system clients in, and the use case refuses
            // every client a platform admin has not registered as a record source (SVC-3).
            assert_eq!(
                allows_somewhere(&o, p),
                p == Permission::ReadDirectory || p == Permission::PushRecords,
                "{p:?}"
            );
        }
    }

    #[test]
    fn platform_wide_targets_need_a_grant_at_the_deployment_root() {
        let root = Scope::region(region("5116"));
        let admin = staff(Role::PlatformAdmin, None, "5116");
        assert!(allows(&admin, Permission::ManageJobs, &root));
        let county_admin = staff(Role::PlatformAdmin, None, "511602");
        assert!(!allows(&county_admin, Permission::ManageJobs, &root));
        let dept = staff(Role::DeptAdmin, Some(DepartmentId::generate()), "5116");
        assert!(!allows(&dept, Permission::ReadAudit, &root));
    }
}
