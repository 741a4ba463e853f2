import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// What a person pays towards their care: the person, their arranger and the finance hat see it (no role
  /// here wears it); the person or their arranger chooses (an empty form is refused for what it lacks) and
  /// asks to settle (nothing is invoiced to the demo's person: no balance, 409).
  static let paymentsRows = CapabilityRows(
    pages: [
      Row(
        route: "GET /teams/:id/payments", path: { "/teams/\($0.team)/payments" },
        expected: "200 200 403 403 404 404 403 403 404 303 403"),
      Row(
        route: "POST /teams/:id/payments/steady", path: { "/teams/\($0.team)/payments/steady" }, form: [:],
        expected: "422 422 403 403 404 404 403 403 404 303 403"),
      Row(
        route: "POST /teams/:id/payments/settle", path: { "/teams/\($0.team)/payments/settle" }, form: [:],
        expected: "409 409 403 403 404 404 403 403 404 303 403"),
    ],
    api: [
      Row(
        route: "GET /api/v1/teams/:id/payments", path: { "/api/v1/teams/\($0.team)/payments" },
        expected: "200 200 403 403 404 404 403 403 404 401 403"),
      Row(
        route: "PUT /api/v1/teams/:id/payments/steady", path: { "/api/v1/teams/\($0.team)/payments/steady" },
        json: "{}", expected: "400 400 403 403 404 404 403 403 404 401 403"),
      Row(
        route: "POST /api/v1/teams/:id/payments/settle-requests",
        path: { "/api/v1/teams/\($0.team)/payments/settle-requests" }, json: "{}",
        expected: "409 409 403 403 404 404 403 403 404 401 403"),
    ])
}
