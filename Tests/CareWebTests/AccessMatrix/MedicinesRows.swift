import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// A person's medicines: everyone in the team sees them and may propose a change (the invitee has joined
  /// by now), as does the registered manager (the demo's administrator); only the person and their arranger
  /// answer a change; the rota keeper sees the team but not its medicines; nobody else learns of them.
  static let medicinesRows = CapabilityRows(
    pages: [
      Row(
        route: "GET /teams/:id/medicines", path: { "/teams/\($0.team)/medicines" },
        expected: "200 200 200 200 404 404 403 200 404 303 200"),
      Row(
        route: "GET /teams/:id/medicines/new", path: { "/teams/\($0.team)/medicines/new" },
        expected: "200 200 200 200 404 404 403 200 404 303 200"),
      Row(
        route: "POST /teams/:id/medicines/new", path: { "/teams/\($0.team)/medicines/new" }, form: [:],
        expected: "422 422 422 422 404 404 403 422 404 303 422"),
      Row(
        route: "GET /teams/:id/medicines/:medicineID/change",
        path: { "/teams/\($0.team)/medicines/\($0.medicine)/change" },
        expected: "200 200 200 200 404 404 403 200 404 303 200"),
      Row(
        route: "POST /teams/:id/medicines/:medicineID/change",
        path: { "/teams/\($0.team)/medicines/\($0.medicine)/change" }, form: [:],
        expected: "422 422 422 422 404 404 403 422 404 303 422"),
      Row(
        route: "POST /teams/:id/medicines/changes/:versionID/answer",
        path: { "/teams/\($0.team)/medicines/changes/\($0.medicineChange)/answer" }, form: [:],
        expected: "422 422 403 403 404 404 403 403 404 303 403"),
      Row(
        route: "GET /teams/:id/medicines/chart", path: { "/teams/\($0.team)/medicines/chart" },
        expected: "200 200 200 200 404 404 403 200 404 303 200"),
    ],
    api: [
      Row(
        route: "GET /api/v1/teams/:id/medicines", path: { "/api/v1/teams/\($0.team)/medicines" },
        expected: "200 200 200 200 404 404 403 200 404 401 200"),
      Row(
        route: "POST /api/v1/teams/:id/medicines", path: { "/api/v1/teams/\($0.team)/medicines" },
        json: #"{"name":"","dose":"","route":"mouth","times":[],"purpose":"","givenBy":"worker"}"#,
        expected: "422 422 422 422 404 404 403 422 404 401 422"),
      Row(
        route: "POST /api/v1/teams/:id/medicines/:medicineID/versions",
        path: { "/api/v1/teams/\($0.team)/medicines/\($0.medicine)/versions" },
        json: #"{"name":"","dose":"","route":"mouth","times":[],"purpose":"","givenBy":"worker"}"#,
        expected: "422 422 422 422 404 404 403 422 404 401 422"),
      Row(
        route: "POST /api/v1/teams/:id/medicines/changes/:versionID/answer",
        path: { "/api/v1/teams/\($0.team)/medicines/changes/\($0.medicineChange)/answer" },
        json: #"{"answer":"maybe"}"#, expected: "400 400 403 403 404 404 403 403 404 401 403"),
      Row(
        route: "GET /api/v1/teams/:id/medicines/chart", path: { "/api/v1/teams/\($0.team)/medicines/chart" },
        expected: "200 200 200 200 404 404 403 200 404 401 200"),
    ])
}
