//! The test's own signed-in view of the portal, to check what the app did
//! there (over real HTTP, beside the app).

use serde_json::Value;

/// A user's session with the portal, for reading its answers.
pub struct PortalView {
    client: reqwest::blocking::Client,
    url: String,
    token: String,
}

impl PortalView {
    /// Signs in to the portal at `url`.
    pub fn sign_in(url: &str, email: &str, password: &str) -> Self {
        let client = reqwest::blocking::Client::new();
        let answer: Value = client
            .post(format!("{url}/api/v1/auth/login"))
            .json(&serde_json::json!({ "email": email, "password": password }))
            .send()
            .unwrap()
            .json()
            .unwrap();
        let token = answer["access_token"]
            .as_str()
            .unwrap_or_else(|| panic!("signed in: {answer}"))
            .to_owned();
        Self {
            client,
            url: url.to_owned(),
            token,
        }
    }

    /// `GET path` as the user.
    pub fn get(&self, path: &str) -> reqwest::blocking::Response {
        self.client
            .get(format!("{}{path}", self.url))
            .bearer_auth(&self.token)
            .send()
            .unwrap()
    }

    /// `GET path` answered with JSON.
    pub fn json(&self, path: &str) -> Value {
        let response = self.get(path);
        assert!(response.status().is_success(), "GET {path}: {response:?}");
        response.json().unwrap()
    }

    /// The last comment on ticket `number`, as the portal has it.
    pub fn last_comment(&self, number: i64) -> Value {
        let ticket = self.json(&format!("/api/v1/tickets/{number}"));
        ticket["comments"]
            .as_array()
            .and_then(|comments| comments.last())
            .cloned()
            .unwrap_or_else(|| panic!("ticket #{number} has no comment: {ticket}"))
    }

    /// `POST path` with a JSON body as the user, naming the version it was
    /// built on when `if_match` is given.
    pub fn post(
        &self,
        path: &str,
        body: &Value,
        if_match: Option<&str>,
    ) -> reqwest::blocking::Response {
        let mut request = self
            .client
            .post(format!("{}{path}", self.url))
            .bearer_auth(&self.token)
            .json(body);
        if let Some(etag) = if_match {
            request = request.header("If-Match", etag);
        }
        request.send().unwrap()
    }

    /// Changes the user's profile as another computer would: `PATCH /me`
    /// on the version it reads first.
    pub fn patch_profile(&self, update: &Value) {
        let current = self.get("/api/v1/me");
        let etag = current.headers()["etag"].to_str().unwrap().to_owned();
        let answer = self
            .client
            .patch(format!("{}/api/v1/me", self.url))
            .bearer_auth(&self.token)
            .header("If-Match", etag)
            .json(update)
            .send()
            .unwrap();
        assert!(answer.status().is_success(), "PATCH /me: {answer:?}");
    }
}
