import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// Members' meetings: everyone in the co-op reads them and their printed notice (another co-op's
  /// administrator sees their own list, and not this meeting); administrators, the registered manager and the
  /// onboarding hat call one, take attendance and write minutes (the empty form: 422; another co-op's
  /// administrator may call one in their own co-op, but finds no such meeting in theirs: 404).
  static let meetingsRows = CapabilityRows(
    pages: [
      Row(
        route: "GET /meetings", path: { _ in "/meetings" }, expected: "200 200 200 200 200 200 200 200 200 303 200"),
      Row(
        route: "POST /meetings", path: { _ in "/meetings" }, form: [:],
        expected: "403 403 403 403 403 403 403 422 422 303 403"),
      Row(
        route: "GET /meetings/:meetingID", path: { "/meetings/\($0.meeting)" },
        expected: "200 200 200 200 200 200 200 200 404 303 200"),
      Row(
        route: "GET /meetings/:meetingID/notice", path: { "/meetings/\($0.meeting)/notice" },
        expected: "200 200 200 200 200 200 200 200 404 303 200"),
      Row(
        route: "POST /meetings/:meetingID/attendance", path: { "/meetings/\($0.meeting)/attendance" }, form: [:],
        expected: "403 403 403 403 403 403 403 422 404 303 403"),
      Row(
        route: "POST /meetings/:meetingID/minutes", path: { "/meetings/\($0.meeting)/minutes" }, form: [:],
        expected: "403 403 403 403 403 403 403 422 404 303 403"),
      Row(
        route: "POST /meetings/:meetingID/approvals", path: { "/meetings/\($0.meeting)/approvals" }, form: [:],
        expected: "403 403 403 403 403 403 403 422 404 303 403"),
    ],
    api: [
      Row(
        route: "GET /api/v1/meetings", path: { _ in "/api/v1/meetings" },
        expected: "200 200 200 200 200 200 200 200 200 401 200"),
      Row(
        route: "POST /api/v1/meetings", path: { _ in "/api/v1/meetings" },
        json: #"{"kind":"party","title":"","day":"","start":"","length":0,"place":"","agenda":[]}"#,
        expected: "403 403 403 403 403 403 403 422 422 401 403"),
      Row(
        route: "GET /api/v1/meetings/:meetingID", path: { "/api/v1/meetings/\($0.meeting)" },
        expected: "200 200 200 200 200 200 200 200 404 401 200"),
      Row(
        route: "POST /api/v1/meetings/:meetingID/attendance", path: { "/api/v1/meetings/\($0.meeting)/attendance" },
        json: #"{"member":"nobody","way":"came"}"#, expected: "403 403 403 403 403 403 403 422 404 401 403"),
      Row(
        route: "POST /api/v1/meetings/:meetingID/minutes", path: { "/api/v1/meetings/\($0.meeting)/minutes" },
        json: #"{"basedOn":1,"notes":[]}"#, expected: "403 403 403 403 403 403 403 422 404 401 403"),
      Row(
        route: "POST /api/v1/meetings/:meetingID/approvals", path: { "/api/v1/meetings/\($0.meeting)/approvals" },
        json: #"{"meeting":"nobody","version":1}"#, expected: "403 403 403 403 403 403 403 422 404 401 403"),
    ])
}
