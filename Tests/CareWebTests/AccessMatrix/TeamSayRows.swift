import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// How the person's team decides: read by whoever may see the team (the rota keeper and administrators
  /// too); set by the person or their arranger (the empty form: 422); the demo's decision answered by the
  /// person and everyone active in the team (the invitee has joined by now; the empty form: 422), not by hat
  /// holders or administrators (403); workers outside the team and other co-ops find nothing (404).
  static let teamSayRows = CapabilityRows(
    pages: [
      Row(
        route: "GET /teams/:id/say", path: { "/teams/\($0.team)/say" },
        expected: "200 200 200 200 404 404 200 200 404 303 200"),
      Row(
        route: "POST /teams/:id/say", path: { "/teams/\($0.team)/say" }, form: [:],
        expected: "422 422 403 403 404 404 403 403 404 303 403"),
      Row(
        route: "GET /teams/:id/decisions/:decisionID", path: { "/teams/\($0.team)/decisions/\($0.decision)" },
        expected: "200 200 200 200 404 404 200 200 404 303 200"),
      Row(
        route: "POST /teams/:id/decisions/:decisionID", path: { "/teams/\($0.team)/decisions/\($0.decision)" },
        form: [:], expected: "422 422 422 422 404 404 403 403 404 303 422"),
    ],
    api: [
      Row(
        route: "GET /api/v1/teams/:id/say", path: { "/api/v1/teams/\($0.team)/say" },
        expected: "200 200 200 200 404 404 200 200 404 401 200"),
      Row(
        route: "PUT /api/v1/teams/:id/say", path: { "/api/v1/teams/\($0.team)/say" }, json: #"{"say":"everyone"}"#,
        expected: "422 422 403 403 404 404 403 403 404 401 403"),
      Row(
        route: "POST /api/v1/teams/:id/decisions/:decisionID/answers",
        path: { "/api/v1/teams/\($0.team)/decisions/\($0.decision)/answers" }, json: #"{"choice":"maybe"}"#,
        expected: "422 422 422 422 404 404 403 403 404 401 422"),
    ])
}
