//! The screens a role opens beside the ones every user has: decided here
//! once, from the roles, for the navigation and for the screens' own
//! checks.

use portal_api::contacts::MANAGE_CONTACTS_GRANT;
use portal_api::documents::ORGANIZATION_DOCUMENTS_GRANT;
use portal_api::partner_kit::PARTNER_KIT_GRANT;
use serde::Serialize;

use crate::PortalRole;

/// Which role-given screens `roles` open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RoleScreens {
    /// Payments Manager: an organization's documents.
    pub payments_manager: bool,
    /// Contacts: managing an organization's contacts.
    pub contacts: bool,
    /// The vendor's Partner Kit.
    pub partner_kit: bool,
}

impl RoleScreens {
    /// The screens one of `roles` grants.
    pub fn of(roles: &[PortalRole]) -> Self {
        let granted = |wanted: &str| {
            roles
                .iter()
                .any(|role| role.grants.iter().any(|grant| grant == wanted))
        };
        Self {
            payments_manager: granted(ORGANIZATION_DOCUMENTS_GRANT),
            contacts: granted(MANAGE_CONTACTS_GRANT),
            partner_kit: granted(PARTNER_KIT_GRANT),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(organization_id: i64, grants: &[&str]) -> PortalRole {
        PortalRole {
            organization_id,
            organization: format!("Org {organization_id}"),
            policy: "review".into(),
            role: "member".into(),
            description: String::new(),
            grants: grants.iter().map(|grant| (*grant).to_owned()).collect(),
        }
    }

    #[test]
    fn each_screen_follows_its_own_grant_in_any_organization() {
        assert_eq!(RoleScreens::of(&[]), RoleScreens::default());
        let roles = [
            role(1, &["tickets"]),
            role(2, &[ORGANIZATION_DOCUMENTS_GRANT]),
            role(3, &[PARTNER_KIT_GRANT, "tickets"]),
        ];
        assert_eq!(
            RoleScreens::of(&roles),
            RoleScreens {
                payments_manager: true,
                contacts: false,
                partner_kit: true,
            }
        );
        assert_eq!(
            RoleScreens::of(&[role(4, &[MANAGE_CONTACTS_GRANT])]),
            RoleScreens {
                payments_manager: false,
                contacts: true,
                partner_kit: false,
            }
        );
    }
}
