import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// A person's hours: the team, the circle's rota keeper and the registered manager (the demo's
  /// administrator) see them; only the person and their arranger bank and draw (an empty form or body is
  /// refused for what it lacks); only the finance hat records an agreement (no role here wears it).
  static let hoursRows = CapabilityRows(
    pages: [
      Row(
        route: "GET /teams/:id/hours", path: { "/teams/\($0.team)/hours" },
        expected: "200 200 200 200 404 404 200 200 404 303 200"),
      Row(
        route: "POST /teams/:id/hours/bank", path: { "/teams/\($0.team)/hours/bank" }, form: [:],
        expected: "422 422 403 403 404 404 403 403 404 303 403"),
      Row(
        route: "POST /teams/:id/hours/draw", path: { "/teams/\($0.team)/hours/draw" }, form: [:],
        expected: "422 422 403 403 404 404 403 403 404 303 403"),
      Row(
        route: "POST /teams/:id/hours/agreements", path: { "/teams/\($0.team)/hours/agreements" }, form: [:],
        expected: "403 403 403 403 404 404 403 403 404 303 403"),
      // Undoing: the person and their arranger only, refused before the entry is looked up (none such here).
      Row(
        route: "GET /teams/:id/hours/entries/:entryID/undo",
        path: { "/teams/\($0.team)/hours/entries/\($0.team)/undo" },
        expected: "404 404 403 403 404 404 403 403 404 303 403"),
      Row(
        route: "POST /teams/:id/hours/entries/:entryID/undo",
        path: { "/teams/\($0.team)/hours/entries/\($0.team)/undo" }, form: [:],
        expected: "404 404 403 403 404 404 403 403 404 303 403"),
    ],
    api: [
      Row(
        route: "GET /api/v1/teams/:id/hours", path: { "/api/v1/teams/\($0.team)/hours" },
        expected: "200 200 200 200 404 404 200 200 404 401 200"),
      Row(
        route: "POST /api/v1/teams/:id/hours/bank", path: { "/api/v1/teams/\($0.team)/hours/bank" }, json: "{}",
        expected: "422 422 403 403 404 404 403 403 404 401 403"),
      Row(
        route: "POST /api/v1/teams/:id/hours/draw", path: { "/api/v1/teams/\($0.team)/hours/draw" }, json: "{}",
        expected: "422 422 403 403 404 404 403 403 404 401 403"),
      Row(
        route: "POST /api/v1/teams/:id/hours/agreements", path: { "/api/v1/teams/\($0.team)/hours/agreements" },
        json: "{}", expected: "403 403 403 403 404 404 403 403 404 401 403"),
      Row(
        route: "POST /api/v1/teams/:id/hours/entries/:entryID/reversal",
        path: { "/api/v1/teams/\($0.team)/hours/entries/\($0.team)/reversal" }, json: "{}",
        expected: "422 422 403 403 404 404 403 403 404 401 403"),
    ])
}
