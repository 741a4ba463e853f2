import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// The co-op's library: everyone in the co-op reads it (another co-op's administrator sees their own, empty);
  /// the circle's minutes are for members, so the invitee (no membership) is told they do not exist. The
  /// co-op's shelf is the administrator's to add to; a circle's, its workers' and rota keeper's — the worker
  /// of the other circle keeps that one's shelf, not this one's. The team's worker and the same circle's worker
  /// left the circle in the circles' rows (before these), so they keep no shelf now. Plain forms to the upload routes are not
  /// multipart: 400 for those who may send.
  static let libraryRows = CapabilityRows(
    pages: [
      Row(route: "GET /library", path: { _ in "/library" }, expected: "200 200 200 200 200 200 200 200 200 303 200"),
      Row(
        route: "POST /library", path: { _ in "/library" }, form: [:],
        expected: "403 403 403 403 403 400 400 400 400 303 403"),
      Row(
        route: "GET /library/:libraryID", path: { "/library/\($0.libraryPolicy)" },
        expected: "200 200 200 200 200 200 200 200 404 303 200"),
      Row(
        route: "GET /library/:libraryID", path: { "/library/\($0.libraryMinutes)" },
        expected: "200 200 200 200 200 200 200 200 404 303 404"),
      Row(
        route: "POST /library/:libraryID/versions", path: { "/library/\($0.libraryPolicy)/versions" }, form: [:],
        expected: "403 403 403 403 403 403 403 400 404 303 403"),
      Row(
        route: "GET /library/:libraryID/versions/:number", path: { "/library/\($0.libraryPolicy)/versions/1" },
        expected: "200 200 200 200 200 200 200 200 404 303 200"),
    ],
    api: [
      Row(
        route: "GET /api/v1/library", path: { _ in "/api/v1/library" },
        expected: "200 200 200 200 200 200 200 200 200 401 200"),
      Row(
        route: "POST /api/v1/library", path: { _ in "/api/v1/library" }, json: "{}",
        expected: "403 403 403 403 403 422 422 422 422 401 403"),
      Row(
        route: "GET /api/v1/library/:libraryID", path: { "/api/v1/library/\($0.libraryMinutes)" },
        expected: "200 200 200 200 200 200 200 200 404 401 404"),
      Row(
        route: "POST /api/v1/library/:libraryID/versions", path: { "/api/v1/library/\($0.libraryMinutes)/versions" },
        json: "{}", expected: "403 403 403 403 403 403 422 422 404 401 404"),
      Row(
        route: "GET /api/v1/library/:libraryID/versions/:number",
        path: { "/api/v1/library/\($0.libraryPolicy)/versions/1" },
        expected: "200 200 200 200 200 200 200 200 404 401 200"),
    ])
}
