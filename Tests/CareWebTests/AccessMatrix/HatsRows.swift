import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// Hats.
  static let hatsRows = CapabilityRows(
    pages: [
      Row(route: "GET /hats", path: { _ in "/hats" }, expected: "200 200 200 200 200 200 200 200 200 303 200"),
      Row(route: "GET /hats/:id", path: { "/hats/\($0.hat)" }, expected: "200 200 200 200 200 200 200 200 404 303 200"),
      Row(
        route: "POST /hats/:id/hand-over", path: { "/hats/\($0.hat)/hand-over" }, form: [:],
        expected: "403 403 403 403 403 403 403 422 404 303 403"),
    ],
    api: [
      Row(
        route: "GET /api/v1/hats", path: { _ in "/api/v1/hats" },
        expected: "200 200 200 200 200 200 200 200 200 401 200"),
      Row(
        route: "GET /api/v1/hats/:id", path: { "/api/v1/hats/\($0.hat)" },
        expected: "200 200 200 200 200 200 200 200 404 401 200"),
      Row(
        route: "POST /api/v1/hats/:id/handover", path: { "/api/v1/hats/\($0.hat)/handover" },
        json: #"{"toAccountID":"","termStart":""}"#, expected: "403 403 403 403 403 403 403 422 404 401 403"),
    ])
}
