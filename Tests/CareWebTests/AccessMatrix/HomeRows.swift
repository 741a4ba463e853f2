import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// The home page, the health check and the API document; every member's own messages and the co-op's figures
  /// without names (signed out: sign in).
  static let homeRows = CapabilityRows(
    pages: [
      Row(route: "GET /", path: { _ in "/" }, expected: "200 200 200 200 200 200 200 200 200 303 200"),
      Row(route: "GET /messages", path: { _ in "/messages" }, expected: "200 200 200 200 200 200 200 200 200 303 200"),
      Row(route: "GET /quality", path: { _ in "/quality" }, expected: "200 200 200 200 200 200 200 200 200 303 200"),
      Row(route: "GET /health", path: { _ in "/health" }, expected: "200 200 200 200 200 200 200 200 200 200 200"),
    ],
    api: [
      Row(
        route: "GET /api/openapi.json", path: { _ in "/api/openapi.json" },
        expected: "200 200 200 200 200 200 200 200 200 200 200"),
      Row(
        route: "GET /api/v1/quality", path: { _ in "/api/v1/quality" },
        expected: "200 200 200 200 200 200 200 200 200 401 200"),
      Row(
        route: "GET /api/v1/messages", path: { _ in "/api/v1/messages" },
        expected: "200 200 200 200 200 200 200 200 200 401 200"),
      // An empty list is refused before anything is read (every role has messages of its own only).
      Row(
        route: "POST /api/v1/messages/read", path: { _ in "/api/v1/messages/read" }, json: #"{"ids":[]}"#,
        expected: "422 422 422 422 422 422 422 422 422 401 422"),
    ])
}
