import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// A person's documents: the library is seen by the team, the registered manager (the demo's administrator)
  /// and the joined invitee; the demo's support agreement is set for the whole team, so they all open it and
  /// its versions. The rota keeper sees the team but not its documents, and learns nothing of a document (404,
  /// as for one that does not exist). Anyone in the team and the registered manager may add a document or a
  /// version (these bodies are refused for what they lack); only the person and their arranger say who sees a
  /// document and record or end sharing agreements (the agreement here does not exist: 404 for them).
  static let documentsRows = CapabilityRows(
    pages: [
      Row(
        route: "GET /teams/:id/documents", path: { "/teams/\($0.team)/documents" },
        expected: "200 200 200 200 404 404 403 200 404 303 200"),
      // The upload form is multipart; this row's plain form is not one: 400 for those who may send.
      Row(
        route: "POST /teams/:id/documents", path: { "/teams/\($0.team)/documents" }, form: [:],
        expected: "400 400 400 400 404 404 403 400 404 303 400"),
      Row(
        route: "GET /teams/:id/documents/sharing", path: { "/teams/\($0.team)/documents/sharing" },
        expected: "200 200 403 403 404 404 403 403 404 303 403"),
      Row(
        route: "POST /teams/:id/documents/sharing", path: { "/teams/\($0.team)/documents/sharing" }, form: [:],
        expected: "422 422 403 403 404 404 403 403 404 303 403"),
      Row(
        route: "POST /teams/:id/documents/sharing/:agreementID/end",
        path: { "/teams/\($0.team)/documents/sharing/\($0.team)/end" }, form: [:],
        expected: "404 404 403 403 404 404 403 403 404 303 403"),
      Row(
        route: "GET /documents/:documentID", path: { "/documents/\($0.document)" },
        expected: "200 200 200 200 404 404 404 200 404 303 200"),
      Row(
        route: "POST /documents/:documentID/versions", path: { "/documents/\($0.document)/versions" }, form: [:],
        expected: "400 400 400 400 404 404 404 400 404 303 400"),
      Row(
        route: "GET /documents/:documentID/versions/:number", path: { "/documents/\($0.document)/versions/1" },
        expected: "200 200 200 200 404 404 404 200 404 303 200"),
      Row(
        route: "GET /teams/:id/search", path: { "/teams/\($0.team)/search?q=support%20agree" },
        expected: "200 200 200 200 404 404 403 200 404 303 200"),
      Row(
        route: "POST /documents/:documentID/visibility", path: { "/documents/\($0.document)/visibility" },
        form: [:], expected: "422 422 403 403 404 404 404 403 404 303 403"),
    ],
    api: [
      Row(
        route: "GET /api/v1/teams/:id/documents", path: { "/api/v1/teams/\($0.team)/documents" },
        expected: "200 200 200 200 404 404 403 200 404 401 200"),
      Row(
        route: "POST /api/v1/teams/:id/documents", path: { "/api/v1/teams/\($0.team)/documents" }, json: "{}",
        expected: "422 422 422 422 404 404 403 422 404 401 422"),
      Row(
        route: "POST /api/v1/teams/:id/sharing-agreements", path: { "/api/v1/teams/\($0.team)/sharing-agreements" },
        json: #"{"professionalID":"nobody","kinds":[]}"#, expected: "422 422 403 403 404 404 403 403 404 401 403"),
      Row(
        route: "POST /api/v1/teams/:id/sharing-agreements/:agreementID/end",
        path: { "/api/v1/teams/\($0.team)/sharing-agreements/\($0.team)/end" }, json: "{}",
        expected: "404 404 403 403 404 404 403 403 404 401 403"),
      Row(
        route: "GET /api/v1/documents/:documentID", path: { "/api/v1/documents/\($0.document)" },
        expected: "200 200 200 200 404 404 404 200 404 401 200"),
      Row(
        route: "POST /api/v1/documents/:documentID/versions", path: { "/api/v1/documents/\($0.document)/versions" },
        json: "{}", expected: "422 422 422 422 404 404 404 422 404 401 422"),
      Row(
        route: "GET /api/v1/documents/:documentID/versions/:number",
        path: { "/api/v1/documents/\($0.document)/versions/1" },
        expected: "200 200 200 200 404 404 404 200 404 401 200"),
      Row(
        route: "GET /api/v1/teams/:id/search", path: { "/api/v1/teams/\($0.team)/search?q=agreement" },
        expected: "200 200 200 200 404 404 403 200 404 401 200"),
      Row(
        route: "PUT /api/v1/documents/:documentID/visibility",
        path: { "/api/v1/documents/\($0.document)/visibility" }, json: #"{"visibility":"everyone"}"#,
        expected: "422 422 403 403 404 404 404 403 404 401 403"),
    ])
}
