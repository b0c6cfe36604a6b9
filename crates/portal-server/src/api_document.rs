//! The OpenAPI document: its header, and the parts every operation shares
//! that the handlers do not each declare (answers any request can get,
//! the shape of `If-Match`, links between operations). The
//! document is the contract vendors implement, so these are stated once
//! here and checked against the running portal by the contract tests.

use portal_api::contacts::CONTACT_FIELD_MAX_CHARS;
use portal_api::limits::{
    COMPANY_MAX_CHARS, EMAIL_MAX_CHARS, JOB_TITLE_MAX_CHARS, NAME_MAX_CHARS, PASSWORD_MAX_CHARS,
    PASSWORD_MIN_CHARS, PHONE_MAX_CHARS, REASON_MAX_CHARS,
};
use portal_api::patterns;
use portal_api::tickets::{COMMENT_MAX_CHARS, SUBJECT_MAX_CHARS};
use serde_json::{Map, Value, json};
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

use crate::api_links;
use crate::link_pages::LINK_TOKEN_PATTERN;

/// The strong entity tags `If-Match` must name: one or more, quoted,
/// comma-separated. `*` and weak tags are not versions a client changed.
pub const STRONG_ETAG_LIST_PATTERN: &str =
    r#"^[ \t]*"[\x21\x23-\x7E]*"[ \t]*(,[ \t]*"[\x21\x23-\x7E]*"[ \t]*)*$"#;

/// The document's header, tags and security scheme.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Portal Desk portal API",
        version = "1",
        description = "The customer portal API that Portal Desk talks to. JSON, snake_case, UTC RFC 3339 times; errors are application/problem+json with a stable `code`. Any endpoint may answer 503 `busy` with `Retry-After` when the portal has no room for more work (too many requests in progress, or password checks queued). An administrator changing a contact's address is announced to the old address and the new one. Writes to a versioned resource name the version they change in `If-Match` (a strong ETag); `If-Match: *` is refused with 428, because a write that matches any version would overwrite a change made elsewhere unseen."
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Sign-in, token refresh and sign-out"),
        (name = "profile", description = "The signed-in user's own details"),
        (name = "settings", description = "Personal settings and portal roles"),
        (name = "security", description = "Two-step sign-in with an authenticator app"),
        (name = "documents", description = "Quotes and invoices, and their files"),
        (name = "tickets", description = "Support tickets: conversations, attachments and requests"),
        (name = "contacts", description = "An organization's contacts and roles: change requests (review) and user administration (direct)"),
        (name = "knowledge base", description = "The vendor's articles: categories, full-text search, suggestions for a ticket's subject and \"Was this helpful?\""),
        (name = "partner kit", description = "Marketing material for partners whose role grants `partner_kit`: a versioned tree of files with sizes and digests"),
        (name = "desktop", description = "The desktop app's signed update feed")
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

const METHODS: [&str; 5] = ["get", "put", "post", "patch", "delete"];

/// One real exchange per operation, recorded from the demo portal by the
/// `openapi` test (`UPDATE_OPENAPI=1` records them again): the examples of
/// the document.
pub const RECORDED_EXAMPLES: &str = include_str!("../../../api/examples.json");

/// `text` as one step of a JSON pointer (RFC 6901).
fn escape(text: &str) -> String {
    text.replace('~', "~0").replace('/', "~1")
}

/// Puts the recorded `examples` into `document`: each operation's parameter
/// values, request body and answer, as its `example`s.
pub fn add_examples(document: &mut Value, examples: &Value) {
    let Some(paths) = document["paths"].as_object_mut() else {
        return;
    };
    for item in paths.values_mut() {
        for method in METHODS {
            let Some(operation) = item.get_mut(method) else {
                continue;
            };
            let Some(id) = operation["operationId"].as_str() else {
                continue;
            };
            let example = examples[id].clone();
            if example.is_null() {
                continue;
            }
            if let Some(parameters) = operation
                .get_mut("parameters")
                .and_then(Value::as_array_mut)
            {
                for parameter in parameters {
                    let name = parameter["name"].as_str().unwrap_or_default().to_owned();
                    if let Some(value) = example["parameters"].get(&name) {
                        parameter["example"] = value.clone();
                    }
                }
            }
            let request = &example["request"];
            if let Some(content) = request["media_type"].as_str().and_then(|media_type| {
                operation.pointer_mut(&format!("/requestBody/content/{}", escape(media_type)))
            }) {
                content["example"] = request["value"].clone();
            }
            let answer = &example["response"];
            if let (Some(status), Some(media_type)) =
                (answer["status"].as_str(), answer["media_type"].as_str())
                && let Some(content) = operation.pointer_mut(&format!(
                    "/responses/{status}/content/{}",
                    escape(media_type)
                ))
            {
                content["example"] = answer["value"].clone();
            }
        }
    }
}

/// The document the handlers declare, completed with what they share:
/// the answers any request can get, `If-Match`'s shape and links.
pub fn complete(document: utoipa::openapi::OpenApi) -> Value {
    let mut json = serde_json::to_value(&document).expect("the document serializes");
    if let Some(paths) = json["paths"].as_object_mut() {
        for (path, item) in paths.iter_mut() {
            for method in METHODS {
                if let Some(operation) = item.get_mut(method).and_then(Value::as_object_mut) {
                    complete_operation(path, method, operation);
                }
            }
        }
    }
    complete_schemas(&mut json["components"]["schemas"]);
    api_links::add(&mut json);
    json
}

fn complete_operation(path: &str, method: &str, operation: &mut Map<String, Value>) {
    let is_page = !path.starts_with("/api/");
    let has_parameters = operation
        .get("parameters")
        .and_then(Value::as_array)
        .is_some_and(|parameters| !parameters.is_empty());
    let has_body = operation.contains_key("requestBody");
    let is_secured = operation
        .get("security")
        .and_then(Value::as_array)
        .is_some_and(|security| !security.is_empty());
    if let Some(contents) = operation
        .get_mut("requestBody")
        .and_then(|body| body.get_mut("content"))
        .and_then(Value::as_object_mut)
    {
        for (media_type, content) in contents.iter_mut() {
            if is_file_media_type(media_type) {
                content["schema"] = json!({"type": "string", "format": "binary"});
            }
        }
    }
    if let Some(parameters) = operation
        .get_mut("parameters")
        .and_then(Value::as_array_mut)
    {
        parameters.iter_mut().for_each(complete_parameter);
    }
    let responses = operation
        .entry("responses")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .expect("responses is an object");
    let error = |description: &str| {
        if is_page {
            json!({"description": description, "content": {"text/html": {"schema": {"type": "string"}}}})
        } else {
            problem(description)
        }
    };
    if has_parameters || has_body {
        responses.entry("400").or_insert_with(|| {
            error("A parameter or the body is not valid: an id beyond the 64-bit range, a value outside its bounds or list, a body that does not parse (`invalid_request`)")
        });
    }
    if is_secured {
        responses.entry("401").or_insert_with(|| {
            problem(
                "Not signed in, or the access token expired (`unauthorized`, `session_expired`)",
            )
        });
    }
    if has_body {
        responses.entry("413").or_insert_with(|| {
            error("The body is larger than the portal accepts (`payload_too_large`)")
        });
        responses.entry("415").or_insert_with(|| {
            error("The body is not of a documented content type (`invalid_request`)")
        });
    }
    if method == "post" && is_secured && !is_page {
        add_idempotency_key(operation);
    }
    let responses = operation
        .get_mut("responses")
        .and_then(Value::as_object_mut)
        .expect("responses is an object");
    responses.entry("503").or_insert_with(|| {
        let mut busy = problem(
            "The portal has no room for more work now (`busy`); try again after `Retry-After` seconds",
        );
        busy["headers"] = json!({"Retry-After": {
            "description": "Seconds to wait before trying again",
            "schema": {"type": "integer", "minimum": 1}
        }});
        busy
    });
}

/// The `Idempotency-Key` header of a signed-in POST (see
/// [`crate::idempotency`]) and the answers it adds.
fn add_idempotency_key(operation: &mut Map<String, Value>) {
    let parameters = operation
        .entry("parameters")
        .or_insert_with(|| json!([]))
        .as_array_mut()
        .expect("parameters is an array");
    parameters.push(json!({
        "name": portal_api::IDEMPOTENCY_KEY,
        "in": "header",
        "required": false,
        "description": format!(
            "A key of the client's choosing (a UUID, say) that makes the request safe to send again: a repeat with the same key at the same address within {} hours is answered with the first success (marked `{}: true`) instead of being done twice. A failed request gives its key back.",
            portal_api::IDEMPOTENCY_KEY_KEPT_SECONDS / 3600,
            portal_api::IDEMPOTENT_REPLAYED
        ),
        "schema": {
            "type": "string",
            "minLength": 1,
            "maxLength": portal_api::IDEMPOTENCY_KEY_MAX_LEN,
            "pattern": "^[!-~]+$"
        }
    }));
    let responses = operation
        .get_mut("responses")
        .and_then(Value::as_object_mut)
        .expect("responses is an object");
    let mut running = problem(
        "The first request with this `Idempotency-Key` is still being answered (`idempotency_key_in_use`); send it again after `Retry-After` seconds",
    );
    running["headers"] = json!({"Retry-After": {
        "description": "Seconds to wait before sending it again",
        "schema": {"type": "integer", "minimum": 1}
    }});
    merge_response(responses, "409", running);
    merge_response(
        responses,
        "422",
        problem(
            "The `Idempotency-Key` was sent with a request to another address within the last day (`idempotency_key_reused`)",
        ),
    );
    responses.entry("400").or_insert_with(|| {
        problem("A parameter is not valid: an `Idempotency-Key` that is empty, too long or not printable ASCII (`invalid_request`)")
    });
}

/// Adds `response` under `status`, or its description to the one there.
fn merge_response(responses: &mut Map<String, Value>, status: &str, response: Value) {
    match responses.get_mut(status) {
        Some(existing) => {
            let before = existing["description"].as_str().unwrap_or_default();
            let added = response["description"].as_str().unwrap_or_default();
            existing["description"] = json!(format!("{before}; or: {added}"));
            if let Some(headers) = response.get("headers") {
                existing["headers"] = headers.clone();
            }
        }
        None => {
            responses.insert(status.to_owned(), response);
        }
    }
}

/// Rules a type's derived schema cannot state.
fn complete_schemas(schemas: &mut Value) {
    for rule in text_rules() {
        let slot = &mut schemas[rule.schema]["properties"][rule.property];
        assert!(
            slot.is_object(),
            "{}.{} is in the document",
            rule.schema,
            rule.property
        );
        if let Some(pattern) = rule.pattern {
            slot["pattern"] = json!(pattern);
        }
        if rule.min > 0 {
            slot["minLength"] = json!(rule.min);
        }
        slot["maxLength"] = json!(rule.max);
    }
    // Each kind of contact change takes only its own fields (the derive
    // says so for structs, not for the variants of a tagged enum).
    if let Some(variants) = schemas["ContactChange"]["oneOf"].as_array_mut() {
        for variant in variants {
            variant["additionalProperties"] = json!(false);
        }
    }
    // The token of a link from an e-mail has one shape.
    for form in ["ResetForm", "InvitationAnswer"] {
        schemas[form]["properties"]["token"]["pattern"] = json!(LINK_TOKEN_PATTERN);
    }
    // The portal refuses a digest that lists a category twice.
    schemas["NotificationDigest"]["properties"]["categories"]["uniqueItems"] = json!(true);
    // Multipart forms take only their own fields.
    for form in ["NewTicketForm", "CommentForm"] {
        schemas[form]["additionalProperties"] = json!(false);
    }
    // A reply has a text that is not blank, files, or both.
    schemas["CommentForm"]["anyOf"] = json!([
        {"required": ["message"], "properties": {"message": {"pattern": patterns::NOT_BLANK}}},
        {"required": ["attachment"]}
    ]);
}

/// The rule of a text field: the schema and property it is in, the
/// pattern the value matches and its bounds in characters, counted as sent
/// (see [`crate::field_rules`]).
struct TextRule {
    schema: &'static str,
    property: &'static str,
    pattern: Option<&'static str>,
    min: usize,
    max: usize,
}

fn text_rules() -> Vec<TextRule> {
    let rule = |schema, property, pattern, min, max| TextRule {
        schema,
        property,
        pattern,
        min,
        max,
    };
    let mut rules = Vec::new();
    for (schema, name_max) in [
        ("ProfileUpdate", NAME_MAX_CHARS),
        ("ContactEdit", CONTACT_FIELD_MAX_CHARS),
        ("NewContact", CONTACT_FIELD_MAX_CHARS),
    ] {
        for name in ["first_name", "last_name"] {
            rules.push(rule(
                schema,
                name,
                Some(patterns::REQUIRED_LINE),
                0,
                name_max,
            ));
        }
        for phone in ["office_phone", "mobile_phone"] {
            rules.push(rule(
                schema,
                phone,
                Some(patterns::PHONE),
                0,
                PHONE_MAX_CHARS,
            ));
        }
    }
    for (schema, property) in [
        ("ContactEdit", "email"),
        ("NewContact", "email"),
        ("UsernameChangeRequest", "new_email"),
    ] {
        rules.push(rule(
            schema,
            property,
            Some(patterns::EMAIL),
            0,
            EMAIL_MAX_CHARS,
        ));
    }
    for schema in [
        "PasswordChange",
        "UsernameChangeRequest",
        "MfaEnable",
        "MfaDisable",
    ] {
        rules.push(rule(
            schema,
            "current_password",
            None,
            1,
            PASSWORD_MAX_CHARS,
        ));
    }
    rules.extend([
        rule(
            "PasswordChange",
            "new_password",
            None,
            PASSWORD_MIN_CHARS,
            PASSWORD_MAX_CHARS,
        ),
        rule(
            "UsernameChangeRequest",
            "reason",
            Some(patterns::NOT_BLANK),
            0,
            REASON_MAX_CHARS,
        ),
        rule(
            "ProfileUpdate",
            "company",
            Some(patterns::OPTIONAL_LINE),
            0,
            COMPANY_MAX_CHARS,
        ),
        rule(
            "ProfileUpdate",
            "job_title",
            Some(patterns::OPTIONAL_LINE),
            0,
            JOB_TITLE_MAX_CHARS,
        ),
        rule(
            "NewTicketForm",
            "subject",
            Some(patterns::REQUIRED_LINE),
            0,
            SUBJECT_MAX_CHARS,
        ),
        rule(
            "NewTicketForm",
            "message",
            Some(patterns::NOT_BLANK),
            0,
            COMMENT_MAX_CHARS,
        ),
        rule("CommentForm", "message", None, 0, COMMENT_MAX_CHARS),
    ]);
    rules
}

/// True for a body that is a file's bytes (an image, say), which the
/// handlers can only declare as a list of numbers.
fn is_file_media_type(media_type: &str) -> bool {
    !(media_type.contains("json")
        || media_type.starts_with("multipart/")
        || media_type == "application/x-www-form-urlencoded"
        || media_type.starts_with("text/"))
}

/// A parameter's schema where the handlers only say "a string": link
/// tokens and `If-Match`.
fn complete_parameter(parameter: &mut Value) {
    if parameter["in"] == "query" && parameter["name"] == "token" {
        parameter["schema"]["pattern"] = json!(LINK_TOKEN_PATTERN);
    }
    if parameter["in"] != "header" {
        return;
    }
    if parameter["name"] == "If-Match" {
        parameter["required"] = json!(true);
        parameter["schema"] = json!({"type": "string", "pattern": STRONG_ETAG_LIST_PATTERN});
        let said = parameter["description"].as_str().unwrap_or_default();
        parameter["description"] = json!(format!(
            "{said}: one or more strong ETags. Missing, `*` or only weak tags: 428 `precondition_required`; none of them current: 412 `precondition_failed` with the current `ETag`."
        ));
    }
}

/// A response whose body is a problem document.
fn problem(description: &str) -> Value {
    json!({
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_documents_busy_and_its_bad_requests() {
        let document = crate::openapi();
        for (path, item) in document["paths"].as_object().unwrap() {
            for method in METHODS {
                let Some(operation) = item.get(method) else {
                    continue;
                };
                let responses = &operation["responses"];
                assert!(responses["503"].is_object(), "{method} {path} has 503");
                if operation.get("requestBody").is_some() {
                    for status in ["400", "413", "415"] {
                        assert!(
                            responses[status].is_object(),
                            "{method} {path} has {status}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn if_match_pattern_and_the_portal_agree() {
        let pattern = regex::Regex::new(STRONG_ETAG_LIST_PATTERN).unwrap();
        let portal_accepts = |value: &str| {
            let mut headers = axum::http::HeaderMap::new();
            headers.insert(
                axum::http::header::IF_MATCH,
                axum::http::HeaderValue::from_str(value).unwrap(),
            );
            crate::versions::required_if_match(&headers).is_ok()
        };
        for (value, valid) in [
            ("\"a1\"", true),
            ("\"a\", \"b\"", true),
            ("\"\"", true),
            ("\"a,b\"\t,\"c\"", true),
            ("\"a\" \"b\"", false),
            ("\"a\", *", false),
            ("*", false),
            ("W/\"a\"", false),
            ("", false),
            ("a", false),
        ] {
            assert_eq!(pattern.is_match(value), valid, "the pattern on {value:?}");
            assert_eq!(portal_accepts(value), valid, "the portal on {value:?}");
        }
    }
}
