//! Links between the document's operations (OpenAPI `links`): from a list
//! to its items, from creating a thing to reading and changing it, from a
//! read to the write that must name its `ETag`. A client, or a stateful
//! API tester, follows them to walk the API the way the desktop app does.

use serde_json::{Value, json};

/// One link: from the answer `status` of `from` to the operation `to`,
/// with `parameters` (OpenAPI runtime expressions), the request body if
/// the link sets one, and a short `why`.
struct Link {
    from: (&'static str, &'static str, &'static str),
    name: &'static str,
    to: &'static str,
    parameters: Value,
    body: Option<Value>,
    why: &'static str,
}

fn links() -> Vec<Link> {
    let ticket_from_body = json!({"number": "$response.body#/number"});
    let refresh_token = json!({"refresh_token": "$response.body#/refresh_token"});
    let mut links = vec![
        Link {
            from: ("/api/v1/me", "get", "200"),
            name: "ChangeProfile",
            to: "patch_me",
            parameters: json!({"header.If-Match": "$response.header.ETag"}),
            body: None,
            why: "Change the profile just read, naming its version",
        },
        Link {
            from: ("/api/v1/me/settings", "get", "200"),
            name: "ReplaceSettings",
            to: "put_settings",
            parameters: json!({"header.If-Match": "$response.header.ETag"}),
            body: None,
            why: "Replace the settings just read, naming their version",
        },
        Link {
            from: ("/api/v1/me/roles", "get", "200"),
            name: "OrganizationContacts",
            to: "get_contacts",
            parameters: json!({"id": "$response.body#/items/0/organization_id"}),
            body: None,
            why: "The contacts of the organization of the first role",
        },
        Link {
            from: ("/api/v1/me/roles", "get", "200"),
            name: "OrganizationDocuments",
            to: "organization_documents",
            parameters: json!({"id": "$response.body#/items/0/organization_id"}),
            body: None,
            why: "The documents of the organization of the first role",
        },
        Link {
            from: ("/api/v1/me/roles", "get", "200"),
            name: "OrganizationCustomers",
            to: "get_customers",
            parameters: json!({"id": "$response.body#/items/0/organization_id"}),
            body: None,
            why: "The customers of the organization of the first role",
        },
        Link {
            from: ("/api/v1/organizations/{id}/contacts", "get", "200"),
            name: "ChangeContacts",
            to: "post_contact_changes",
            parameters: json!({
                "id": "$request.path.id",
                "header.If-Match": "$response.header.ETag"
            }),
            body: None,
            why: "Change the contact list just read, naming its version",
        },
        Link {
            from: ("/api/v1/organizations/{id}/contacts", "get", "200"),
            name: "ResetPassword",
            to: "reset_contact_password",
            parameters: json!({"id": "$request.path.id"}),
            body: Some(json!({"contact": "$response.body#/contacts/0/email"})),
            why: "Send the first contact a link to choose a new password",
        },
        Link {
            from: ("/api/v1/organizations/{id}/contact-changes", "post", "201"),
            name: "CancelRequest",
            to: "cancel_contact_changes",
            parameters: json!({
                "id": "$request.path.id",
                "request_id": "$response.body#/request/id"
            }),
            body: None,
            why: "Withdraw the change request just made",
        },
        Link {
            from: ("/api/v1/me/documents", "get", "200"),
            name: "DocumentFile",
            to: "document_file",
            parameters: json!({"id": "$response.body#/items/0/id"}),
            body: None,
            why: "The file of the first document",
        },
        Link {
            from: ("/api/v1/organizations/{id}/documents", "get", "200"),
            name: "DocumentFile",
            to: "document_file",
            parameters: json!({"id": "$response.body#/items/0/id"}),
            body: None,
            why: "The file of the first document",
        },
        Link {
            from: ("/api/v1/tickets", "get", "200"),
            name: "Ticket",
            to: "get_ticket",
            parameters: json!({"number": "$response.body#/items/0/number"}),
            body: None,
            why: "The first ticket with its conversation",
        },
        Link {
            from: ("/api/v1/tickets", "post", "201"),
            name: "Ticket",
            to: "get_ticket",
            parameters: ticket_from_body.clone(),
            body: None,
            why: "The ticket just raised",
        },
        Link {
            from: ("/api/v1/tickets", "post", "201"),
            name: "Reply",
            to: "add_comment",
            parameters: ticket_from_body.clone(),
            body: None,
            why: "Reply on the ticket just raised",
        },
        Link {
            from: ("/api/v1/tickets/{number}", "get", "200"),
            name: "Reply",
            to: "add_comment",
            parameters: ticket_from_body.clone(),
            body: None,
            why: "Reply on the ticket just read",
        },
        Link {
            from: ("/api/v1/tickets/{number}", "get", "200"),
            name: "Cancel",
            to: "cancel_ticket",
            parameters: ticket_from_body.clone(),
            body: None,
            why: "Withdraw the request just read",
        },
        Link {
            from: ("/api/v1/tickets/{number}", "get", "200"),
            name: "Attachment",
            to: "attachment_file",
            parameters: json!({
                "number": "$response.body#/number",
                "id": "$response.body#/comments/0/attachments/0/id"
            }),
            body: None,
            why: "The first attachment of the first comment",
        },
        Link {
            from: ("/api/v1/tickets/{number}/comments", "post", "201"),
            name: "Ticket",
            to: "get_ticket",
            parameters: json!({"number": "$request.path.number"}),
            body: None,
            why: "The ticket with the reply just added",
        },
        Link {
            from: ("/api/v1/me/photo", "put", "204"),
            name: "Photo",
            to: "get_photo",
            parameters: json!({}),
            body: None,
            why: "The photo just uploaded",
        },
    ];
    // Every answer that starts or renews a session leads to renewing and
    // ending it.
    for from in [
        "/api/v1/auth/login",
        "/api/v1/auth/refresh",
        "/api/v1/auth/mfa",
        "/api/v1/auth/oauth/token",
    ] {
        for (name, to, why) in [
            ("Refresh", "refresh", "Renew this session"),
            ("SignOut", "logout", "End this session"),
        ] {
            links.push(Link {
                from: (from, "post", "200"),
                name,
                to,
                parameters: json!({}),
                body: Some(refresh_token.clone()),
                why,
            });
        }
    }
    links
}

/// Adds every link to the answers of `document`.
pub fn add(document: &mut Value) {
    for link in links() {
        let (path, method, status) = link.from;
        let answer = &mut document["paths"][path][method]["responses"][status];
        assert!(
            answer.is_object(),
            "a link starts at a documented answer: {method} {path} {status}"
        );
        let mut entry = json!({
            "operationId": link.to,
            "parameters": link.parameters,
            "description": link.why,
        });
        if let Some(body) = link.body {
            entry["requestBody"] = body;
        }
        answer["links"][link.name] = entry;
    }
}

#[cfg(test)]
mod tests {
    /// Every link names an operation of the document and parameters it has.
    #[test]
    fn links_lead_to_operations_and_their_parameters() {
        let document = crate::openapi();
        let mut operations = std::collections::HashMap::new();
        for item in document["paths"].as_object().unwrap().values() {
            for operation in item.as_object().unwrap().values() {
                if let Some(id) = operation["operationId"].as_str() {
                    operations.insert(id.to_owned(), operation.clone());
                }
            }
        }
        let mut count = 0;
        for item in document["paths"].as_object().unwrap().values() {
            for operation in item.as_object().unwrap().values() {
                let Some(responses) = operation["responses"].as_object() else {
                    continue;
                };
                for answer in responses.values() {
                    let Some(links) = answer["links"].as_object() else {
                        continue;
                    };
                    for (name, link) in links {
                        count += 1;
                        let target = &operations[link["operationId"].as_str().unwrap()];
                        let parameters: Vec<(String, String)> = target["parameters"]
                            .as_array()
                            .map(|list| {
                                list.iter()
                                    .map(|p| {
                                        (
                                            p["in"].as_str().unwrap().to_owned(),
                                            p["name"].as_str().unwrap().to_owned(),
                                        )
                                    })
                                    .collect()
                            })
                            .unwrap_or_default();
                        for key in link["parameters"].as_object().unwrap().keys() {
                            let (place, parameter) =
                                key.split_once('.').unwrap_or(("path", key.as_str()));
                            assert!(
                                parameters.contains(&(place.to_owned(), parameter.to_owned())),
                                "link {name} sets {key}, which {} does not have",
                                link["operationId"]
                            );
                        }
                    }
                }
            }
        }
        assert!(count >= 15, "the links are in the document ({count})");
    }
}
