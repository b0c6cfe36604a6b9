//! The client side of the API contract: every request a test portal
//! recorded (see [`portal_server::request_log`]) is checked against
//! `api/openapi.json`, the document the portal is fuzzed against. A request
//! the document does not describe (an undocumented path, method, query
//! parameter or content type, a missing required parameter or session, a
//! value or body its schema refuses) is a violation.

use std::sync::OnceLock;

use portal_server::request_log::LoggedRequest;
use serde_json::{Value, json};

/// What a test portal holds its clients to: every request it received
/// follows the document, except what the test declared it sends off the
/// contract on purpose.
#[derive(Debug, Default)]
pub struct ContractWatch {
    on_purpose: std::sync::Mutex<Vec<String>>,
}

impl ContractWatch {
    /// Declares violations that start with `what` intended by the test.
    pub fn on_purpose(&self, what: &str) {
        self.on_purpose
            .lock()
            .expect("not poisoned")
            .push(what.to_owned());
    }

    /// The violations among `requests`, less the intended ones.
    pub fn violations(&self, requests: &[LoggedRequest]) -> Vec<String> {
        let on_purpose = self.on_purpose.lock().expect("not poisoned");
        requests
            .iter()
            .flat_map(|request| contract().violations(request))
            .filter(|violation| !on_purpose.iter().any(|what| violation.starts_with(what)))
            .collect()
    }

    /// Fails the test when `requests` break the document (unless it is
    /// failing already).
    pub fn assert_followed(&self, requests: &[LoggedRequest]) {
        if std::thread::panicking() {
            return;
        }
        let violations = self.violations(requests);
        assert!(
            violations.is_empty(),
            "requests the API document does not describe:\n{}",
            violations.join("\n")
        );
    }
}

/// The API document, read once, and the validators of its schemas, each
/// compiled once.
pub struct ApiContract {
    document: Value,
    validators:
        std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<jsonschema::Validator>>>,
}

/// The document as checked in beside the code.
pub fn contract() -> &'static ApiContract {
    static CONTRACT: OnceLock<ApiContract> = OnceLock::new();
    CONTRACT.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../api/openapi.json");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("read {}: {error}", path.display()));
        ApiContract {
            document: serde_json::from_str(&text).expect("api/openapi.json is JSON"),
            validators: std::sync::Mutex::default(),
        }
    })
}

impl ApiContract {
    /// What is wrong with `request` by the document; empty when nothing is.
    pub fn violations(&self, request: &LoggedRequest) -> Vec<String> {
        let method = request.method.to_ascii_lowercase();
        let segments: Vec<&str> = request.path.split('/').collect();
        let Some((template, values, item)) = self.path_item(&segments) else {
            return vec![format!("{} is not a documented path", request.path)];
        };
        let Some(operation) = item.get(&method) else {
            return vec![format!("{} {template} is not documented", request.method)];
        };
        let label = format!("{} {template}", request.method);
        let mut problems = Vec::new();
        let query: Vec<(String, String)> =
            url::form_urlencoded::parse(request.query.as_deref().unwrap_or_default().as_bytes())
                .into_owned()
                .collect();
        let parameters = operation["parameters"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for (name, _) in &query {
            let documented = parameters
                .iter()
                .any(|parameter| parameter["in"] == "query" && parameter["name"] == name.as_str());
            if !documented {
                problems.push(format!(
                    "{label}: query parameter {name:?} is not documented"
                ));
            }
        }
        for parameter in &parameters {
            let name = parameter["name"].as_str().unwrap_or_default();
            let raw = match parameter["in"].as_str() {
                Some("path") => values.get(name).cloned(),
                Some("query") => query
                    .iter()
                    .find(|(key, _)| key == name)
                    .map(|(_, value)| value.clone()),
                Some("header") => request
                    .header(&name.to_ascii_lowercase())
                    .map(str::to_owned),
                _ => None,
            };
            match raw {
                None if parameter["required"] == true => {
                    problems.push(format!("{label}: required {name} is missing"));
                }
                None => {}
                Some(raw) => {
                    let value = typed(&raw, &parameter["schema"], parameter);
                    for error in self.schema_errors(&parameter["schema"], &value) {
                        problems.push(format!("{label}: {name} = {raw:?}: {error}"));
                    }
                }
            }
        }
        let secured = operation["security"]
            .as_array()
            .is_some_and(|security| !security.is_empty());
        if secured && request.header("authorization") != Some("Bearer") {
            problems.push(format!("{label}: sent without a bearer token"));
        }
        problems.extend(self.body_violations(&label, operation, request));
        problems.into_iter().map(shortened).collect()
    }

    /// The path template, its parameter values and its item for a path.
    fn path_item(
        &self,
        segments: &[&str],
    ) -> Option<(String, std::collections::HashMap<String, String>, &Value)> {
        self.document["paths"]
            .as_object()?
            .iter()
            .find_map(|(template, item)| {
                let parts: Vec<&str> = template.split('/').collect();
                if parts.len() != segments.len() {
                    return None;
                }
                let mut values = std::collections::HashMap::new();
                for (part, segment) in parts.iter().zip(segments) {
                    if let Some(name) = part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                        let decoded =
                            url::form_urlencoded::parse(format!("v={segment}").as_bytes())
                                .next()
                                .map(|(_, value)| value.into_owned())
                                .unwrap_or_default();
                        values.insert(name.to_owned(), decoded);
                    } else if part != segment {
                        return None;
                    }
                }
                Some((template.clone(), values, item))
            })
    }

    fn body_violations(
        &self,
        label: &str,
        operation: &Value,
        request: &LoggedRequest,
    ) -> Vec<String> {
        let content_type = request.header("content-type").map(|value| {
            value
                .split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        });
        let documented = &operation["requestBody"]["content"];
        let Some(content_type) = content_type else {
            return if operation["requestBody"]["required"] == true {
                vec![format!("{label}: the required body is missing")]
            } else {
                Vec::new()
            };
        };
        let Some(media) = documented.get(&content_type) else {
            return vec![format!(
                "{label}: content type {content_type} is not documented"
            )];
        };
        let body = request.body.as_deref().unwrap_or_default().as_bytes();
        let instance = if content_type.contains("json") {
            match serde_json::from_slice::<Value>(body) {
                Ok(value) => value,
                Err(error) => {
                    return vec![format!("{label}: the JSON body does not parse: {error}")];
                }
            }
        } else if content_type == "application/x-www-form-urlencoded" {
            let fields: serde_json::Map<String, Value> = url::form_urlencoded::parse(body)
                .into_owned()
                .map(|(name, value)| (name, json!(value)))
                .collect();
            Value::Object(fields)
        } else {
            // Uploads and files: the content type is what is checked.
            return Vec::new();
        };
        self.schema_errors(&media["schema"], &instance)
            .into_iter()
            .map(|error| format!("{label}: body: {error}"))
            .collect()
    }

    /// What `schema` (with the document's components) says is wrong with
    /// `instance`.
    fn schema_errors(&self, schema: &Value, instance: &Value) -> Vec<String> {
        let validator = self
            .validators
            .lock()
            .expect("not poisoned")
            .entry(schema.to_string())
            .or_insert_with(|| {
                let root = json!({
                    "$schema": "https://json-schema.org/draft/2020-12/schema",
                    "components": self.document["components"],
                    "allOf": [schema],
                });
                std::sync::Arc::new(
                    jsonschema::draft202012::new(&root).expect("the document's schemas compile"),
                )
            })
            .clone();
        validator
            .iter_errors(instance)
            .map(|error| format!("{error} at {}", error.instance_path()))
            .collect()
    }
}

/// A violation cut to a readable length (a refused value may be long).
fn shortened(text: String) -> String {
    const MOST: usize = 400;
    if text.chars().count() <= MOST {
        return text;
    }
    let cut: String = text.chars().take(MOST).collect();
    format!("{cut}…")
}

/// A parameter's text as the JSON value its schema describes: a number for
/// an integer, a list for a comma-separated array, else the text.
fn typed(raw: &str, schema: &Value, parameter: &Value) -> Value {
    let types: Vec<&str> = match &schema["type"] {
        Value::String(one) => vec![one.as_str()],
        Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if types.contains(&"integer") {
        return raw
            .parse::<i64>()
            .map_or_else(|_| json!(raw), |number| json!(number));
    }
    if types.contains(&"array") && parameter["explode"] == false {
        return json!(raw.split(',').collect::<Vec<_>>());
    }
    json!(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(
        method: &str,
        path: &str,
        query: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> LoggedRequest {
        LoggedRequest {
            method: method.into(),
            path: path.into(),
            query: query.map(str::to_owned),
            headers: headers
                .iter()
                .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
                .collect(),
            body: body.map(str::to_owned),
        }
    }

    const BEARER: (&str, &str) = ("authorization", "Bearer");
    const JSON: (&str, &str) = ("content-type", "application/json");

    #[test]
    fn documented_requests_pass() {
        let contract = contract();
        for good in [
            request(
                "GET",
                "/api/v1/tickets",
                Some("limit=200&status=open,resolved&q=vat"),
                &[BEARER],
                None,
            ),
            request("GET", "/api/v1/tickets/1234", None, &[BEARER], None),
            request(
                "PATCH",
                "/api/v1/me",
                None,
                &[BEARER, JSON, ("if-match", "\"p1\"")],
                Some(r#"{"job_title":"Buyer"}"#),
            ),
            request(
                "POST",
                "/api/v1/auth/login",
                None,
                &[JSON],
                Some(r#"{"email":"a@b.co","password":"x"}"#),
            ),
        ] {
            assert_eq!(contract.violations(&good), Vec::<String>::new(), "{good:?}");
        }
    }

    #[test]
    fn what_the_document_does_not_say_is_found() {
        let contract = contract();
        for (bad, expected) in [
            (
                request("GET", "/api/v1/nowhere", None, &[BEARER], None),
                "not a documented path",
            ),
            (
                request("DELETE", "/api/v1/tickets", None, &[BEARER], None),
                "is not documented",
            ),
            (
                request("GET", "/api/v1/tickets", Some("limit=500"), &[BEARER], None),
                "limit",
            ),
            (
                request("GET", "/api/v1/tickets", Some("sort=new"), &[BEARER], None),
                "\"sort\" is not documented",
            ),
            (
                request(
                    "GET",
                    "/api/v1/tickets",
                    Some("kind=complaint"),
                    &[BEARER],
                    None,
                ),
                "kind",
            ),
            (
                request("GET", "/api/v1/tickets/x", None, &[BEARER], None),
                "number",
            ),
            (
                request("GET", "/api/v1/me", None, &[], None),
                "without a bearer token",
            ),
            (
                request("PATCH", "/api/v1/me", None, &[BEARER, JSON], Some("{}")),
                "If-Match is missing",
            ),
            (
                request(
                    "PATCH",
                    "/api/v1/me",
                    None,
                    &[BEARER, JSON, ("if-match", "*")],
                    Some("{}"),
                ),
                "If-Match",
            ),
            (
                request(
                    "PATCH",
                    "/api/v1/me",
                    None,
                    &[BEARER, JSON, ("if-match", "\"1\"")],
                    Some(r#"{"nick":"x"}"#),
                ),
                "body",
            ),
            (
                request(
                    "PATCH",
                    "/api/v1/me",
                    None,
                    &[
                        BEARER,
                        ("content-type", "text/plain"),
                        ("if-match", "\"1\""),
                    ],
                    Some("x"),
                ),
                "text/plain",
            ),
        ] {
            let found = contract.violations(&bad).join("; ");
            assert!(found.contains(expected), "{bad:?}: {found}");
        }
    }
}
