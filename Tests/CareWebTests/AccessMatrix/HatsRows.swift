import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// Hats: anyone in the co-op reads them; administrators hand them over (the empty form: 422). A hand-over
  /// of a privileged hat waiting for a second holder is approved by nobody here: the administrator asked for
  /// it, the team worker is named, nobody else holds a privileged hat (403); another co-op finds none (404).
  static let hatsRows = CapabilityRows(
    pages: [
      Row(route: "GET /hats", path: { _ in "/hats" }, expected: "200 200 200 200 200 200 200 200 200 303 200"),
      Row(route: "GET /hats/:id", path: { "/hats/\($0.hat)" }, expected: "200 200 200 200 200 200 200 200 404 303 200"),
      Row(
        route: "POST /hats/:id/hand-over", path: { "/hats/\($0.hat)/hand-over" }, form: [:],
        expected: "403 403 403 403 403 403 403 422 404 303 403"),
      Row(
        route: "POST /hats/:id/hand-over/:requestID", path: { "/hats/\($0.financeHat)/hand-over/\($0.handover)" },
        form: ["answer": "approve"], expected: "403 403 403 403 403 403 403 403 404 303 403"),
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
      Row(
        route: "GET /api/v1/hats/:id/handovers", path: { "/api/v1/hats/\($0.financeHat)/handovers" },
        expected: "200 200 200 200 200 200 200 200 404 401 200"),
      Row(
        route: "POST /api/v1/hats/:id/handovers/:requestID",
        path: { "/api/v1/hats/\($0.financeHat)/handovers/\($0.handover)" }, json: #"{"answer":"approve"}"#,
        expected: "403 403 403 403 403 403 403 403 404 401 403"),
    ])
}
