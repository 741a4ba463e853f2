import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// Circles.
  static let circlesRows = CapabilityRows(
    pages: [
      Row(route: "GET /circles", path: { _ in "/circles" }, expected: "200 200 200 200 200 200 200 200 200 303 200"),
      Row(
        route: "POST /circles", path: { _ in "/circles" }, form: [:],
        expected: "403 403 403 403 403 403 403 422 422 303 403"),
      Row(
        route: "GET /circles/:id", path: { "/circles/\($0.circle)" },
        expected: "200 200 200 200 200 200 200 200 404 303 200"),
      Row(
        route: "POST /circles/:id/join", path: { "/circles/\($0.circle)/join" }, form: [:],
        expected: "403 403 403 303 303 303 303 403 403 303 403"),
      Row(
        route: "POST /circles/:id/leave", path: { "/circles/\($0.circle)/leave" }, form: [:],
        expected: "403 403 403 303 303 303 303 403 403 303 403"),
      Row(
        route: "GET /circles/:id/split", path: { "/circles/\($0.circle)/split" },
        expected: "403 403 403 403 403 403 403 200 404 303 403"),
      Row(
        route: "POST /circles/:id/split", path: { "/circles/\($0.circle)/split" }, form: [:],
        expected: "403 403 403 403 403 403 403 422 404 303 403"),
    ],
    api: [
      Row(
        route: "GET /api/v1/circles", path: { _ in "/api/v1/circles" },
        expected: "200 200 200 200 200 200 200 200 200 401 200"),
      Row(
        route: "POST /api/v1/circles", path: { _ in "/api/v1/circles" }, json: #"{"name":"","area":""}"#,
        expected: "403 403 403 403 403 403 403 422 422 401 403"),
      Row(
        route: "POST /api/v1/circles/:id/split", path: { "/api/v1/circles/\($0.circle)/split" },
        json: #"{"circle":{"name":"","area":""},"people":[],"workers":[]}"#,
        expected: "403 403 403 403 403 403 403 422 404 401 403"),
      Row(
        route: "GET /api/v1/circles/:id", path: { "/api/v1/circles/\($0.circle)" },
        expected: "200 200 200 200 200 200 200 200 404 401 200"),
      Row(
        route: "POST /api/v1/circles/:id/join", path: { "/api/v1/circles/\($0.circle)/join" },
        expected: "403 403 403 204 204 204 204 403 403 401 403"),
      Row(
        route: "POST /api/v1/circles/:id/leave", path: { "/api/v1/circles/\($0.circle)/leave" },
        expected: "403 403 403 204 204 204 204 403 403 401 403"),
    ])
}
