import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// People supported.
  static let peopleRows = CapabilityRows(
    pages: [
      Row(route: "GET /people", path: { _ in "/people" }, expected: "403 403 403 403 403 403 403 200 200 303 403"),
      Row(
        route: "POST /people", path: { _ in "/people" }, form: [:],
        expected: "403 403 403 403 403 403 403 422 422 303 403"),
    ],
    api: [
      Row(
        route: "GET /api/v1/people", path: { _ in "/api/v1/people" },
        expected: "403 403 403 403 403 403 403 200 200 401 403"),
      Row(
        route: "POST /api/v1/people", path: { _ in "/api/v1/people" }, json: #"{"name":"","circleID":""}"#,
        expected: "403 403 403 403 403 403 403 422 422 401 403"),
    ])
}
