import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// Concerns and feedback: anyone in the co-op raises one and reads the list (their own, and the trend);
  /// the demo's concern, raised by the family member, is read by them and by the registered manager (the
  /// administrator), 404 for everyone else; only the registered manager and administrators move one on (the
  /// empty form: 422), another co-op's administrator finds no such concern in theirs (404).
  static let concernsRows = CapabilityRows(
    pages: [
      Row(
        route: "GET /concerns", path: { _ in "/concerns" }, expected: "200 200 200 200 200 200 200 200 200 303 200"),
      Row(
        route: "POST /concerns", path: { _ in "/concerns" }, form: [:],
        expected: "422 422 422 422 422 422 422 422 422 303 422"),
      Row(
        route: "GET /concerns/:concernID", path: { "/concerns/\($0.concern)" },
        expected: "404 404 200 404 404 404 404 200 404 303 404"),
      Row(
        route: "POST /concerns/:concernID/steps", path: { "/concerns/\($0.concern)/steps" }, form: [:],
        expected: "403 403 403 403 403 403 403 422 404 303 403"),
    ],
    api: [
      Row(
        route: "GET /api/v1/concerns", path: { _ in "/api/v1/concerns" },
        expected: "200 200 200 200 200 200 200 200 200 401 200"),
      Row(
        route: "POST /api/v1/concerns", path: { _ in "/api/v1/concerns" },
        json: #"{"kind":"rant","title":"","text":""}"#, expected: "422 422 422 422 422 422 422 422 422 401 422"),
      Row(
        route: "GET /api/v1/concerns/:concernID", path: { "/api/v1/concerns/\($0.concern)" },
        expected: "404 404 200 404 404 404 404 200 404 401 404"),
      Row(
        route: "POST /api/v1/concerns/:concernID/steps", path: { "/api/v1/concerns/\($0.concern)/steps" },
        json: #"{"state":"heard"}"#, expected: "403 403 403 403 403 403 403 422 404 401 403"),
    ])
}
