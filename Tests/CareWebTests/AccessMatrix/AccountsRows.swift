import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// Setup, sign-in, password reset, one's own account and preferences; signing out comes last, as it ends the sessions the other rows use.
  static let accountsRows = CapabilityRows(
    pages: [
      Row(route: "GET /setup", path: { _ in "/setup" }, expected: "303 303 303 303 303 303 303 303 303 303 303"),
      Row(
        route: "POST /setup", path: { _ in "/setup" }, form: [:],
        expected: "404 404 404 404 404 404 404 404 404 404 404"),
      Row(route: "GET /sign-in", path: { _ in "/sign-in" }, expected: "200 200 200 200 200 200 200 200 200 200 200"),
      Row(
        route: "POST /sign-in", path: { _ in "/sign-in" }, form: [:],
        expected: "422 422 422 422 422 422 422 422 422 422 422"),
      // The code page waits for a pending sign-in (the right password of an account with a second step):
      // without one it sends everyone to sign in, and its form says it took too long.
      Row(
        route: "GET /sign-in/code", path: { _ in "/sign-in/code" },
        expected: "303 303 303 303 303 303 303 303 303 303 303"),
      Row(
        route: "POST /sign-in/code", path: { _ in "/sign-in/code" }, form: [:],
        expected: "401 401 401 401 401 401 401 401 401 401 401"),
      Row(
        route: "GET /forgot-password", path: { _ in "/forgot-password" },
        expected: "200 200 200 200 200 200 200 200 200 200 200"),
      Row(
        route: "POST /forgot-password", path: { _ in "/forgot-password" }, form: [:],
        expected: "422 422 422 422 422 422 422 422 422 422 422"),
      Row(
        route: "GET /reset-password", path: { _ in "/reset-password" },
        expected: "404 404 404 404 404 404 404 404 404 404 404"),
      Row(
        route: "POST /reset-password", path: { _ in "/reset-password" }, form: [:],
        expected: "422 422 422 422 422 422 422 422 422 422 422"),
    ],
    api: [
      Row(
        route: "POST /api/v1/sessions", path: { _ in "/api/v1/sessions" }, json: #"{"email":"","password":""}"#,
        expected: "422 422 422 422 422 422 422 422 422 422 422"),
      Row(
        route: "GET /api/v1/me", path: { _ in "/api/v1/me" }, expected: "200 200 200 200 200 200 200 200 200 401 200"),
      Row(
        route: "PUT /api/v1/me/name", path: { _ in "/api/v1/me/name" }, json: #"{"name":" "}"#,
        expected: "422 422 422 422 422 422 422 422 422 401 422"),
      Row(
        route: "PUT /api/v1/me/email", path: { _ in "/api/v1/me/email" }, json: #"{"email":"nobody"}"#,
        expected: "422 422 422 422 422 422 422 422 422 401 422"),
      Row(
        route: "POST /api/v1/me/email/confirmation", path: { _ in "/api/v1/me/email/confirmation" },
        json: #"{"token":"none"}"#, expected: "404 404 404 404 404 404 404 404 404 404 404"),
      Row(
        route: "PUT /api/v1/me/preferences", path: { _ in "/api/v1/me/preferences" }, json: "{}",
        expected: "400 400 400 400 400 400 400 400 400 401 400"),
    ],
    last: [
      Row(route: "GET /account", path: { _ in "/account" }, expected: "200 200 200 200 200 200 200 200 200 303 200"),
      Row(
        route: "GET /account/second-step", path: { _ in "/account/second-step" },
        expected: "200 200 200 200 200 200 200 200 200 303 200"),
      Row(
        route: "POST /account/second-step", path: { _ in "/account/second-step" }, form: [:],
        expected: "422 422 422 422 422 422 422 422 422 303 422"),
      Row(
        route: "POST /account/name", path: { _ in "/account/name" }, form: [:],
        expected: "422 422 422 422 422 422 422 422 422 303 422"),
      Row(
        route: "POST /account/email", path: { _ in "/account/email" }, form: [:],
        expected: "422 422 422 422 422 422 422 422 422 303 422"),
      Row(
        route: "GET /account/confirm-email", path: { _ in "/account/confirm-email?token=none" },
        expected: "404 404 404 404 404 404 404 404 404 404 404"),
      Row(
        route: "POST /account/confirm-email", path: { _ in "/account/confirm-email" }, form: ["token": "none"],
        expected: "404 404 404 404 404 404 404 404 404 404 404"),
      Row(
        route: "POST /preferences/easy-read", path: { _ in "/preferences/easy-read" }, form: [:],
        expected: "422 422 422 422 422 422 422 422 422 303 422"),
    ],
    afterAll: [
      Row(
        route: "POST /sign-out", path: { _ in "/sign-out" }, form: [:],
        expected: "303 303 303 303 303 303 303 303 303 303 303"),
      Row(
        route: "DELETE /api/v1/sessions", path: { _ in "/api/v1/sessions" },
        expected: "204 204 204 204 204 204 204 204 204 401 204"),
    ])
}
