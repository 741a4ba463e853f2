import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// Visit records, on a published visit of the person's that the team worker works: the worker writes it;
  /// the person and their team read it (the invitee has joined by now), as do the registered manager (the
  /// demo's administrator); the rota keeper sees the team but not its records; nobody else learns of it.
  static let recordsRows = CapabilityRows(
    pages: [
      Row(
        route: "GET /visits/:visitID/record", path: { "/visits/\($0.visit)/record" },
        expected: "200 200 200 200 404 404 403 200 404 303 200"),
      Row(
        route: "POST /visits/:visitID/record", path: { "/visits/\($0.visit)/record" }, form: [:],
        expected: "403 403 403 422 404 404 403 403 404 303 403"),
      Row(
        route: "POST /visits/:visitID/times", path: { "/visits/\($0.visit)/times" }, form: [:],
        expected: "403 403 403 422 404 404 403 403 404 303 403"),
      // The person and their arranger answer for the person (an empty "something is wrong" needs what).
      Row(
        route: "POST /visits/:visitID/times/answer", path: { "/visits/\($0.visit)/times/answer" }, form: [:],
        expected: "422 422 403 403 404 404 403 403 404 303 403"),
      // The person's visits as they happened: whoever reads the records.
      Row(
        route: "GET /teams/:id/visits", path: { "/teams/\($0.team)/visits" },
        expected: "200 200 200 200 404 404 403 200 404 303 200"),
      // What the person decides about their records: theirs, or their arranger's for them.
      Row(
        route: "GET /teams/:id/record-settings", path: { "/teams/\($0.team)/record-settings" },
        expected: "200 200 403 403 404 404 403 403 404 303 403"),
      Row(
        route: "POST /teams/:id/record-settings", path: { "/teams/\($0.team)/record-settings" },
        form: ["autoConfirmDays": "0"], expected: "422 422 403 403 404 404 403 403 404 303 403"),
    ],
    api: [
      Row(
        route: "GET /api/v1/visits/:visitID/record", path: { "/api/v1/visits/\($0.visit)/record" },
        expected: "200 200 200 200 404 404 403 200 404 401 200"),
      Row(
        route: "POST /api/v1/visits/:visitID/record", path: { "/api/v1/visits/\($0.visit)/record" },
        json: #"{"entries":[]}"#, expected: "403 403 403 422 404 404 403 403 404 401 403"),
      Row(
        route: "POST /api/v1/visits/:visitID/times", path: { "/api/v1/visits/\($0.visit)/times" },
        json: #"{"start":"","end":""}"#, expected: "403 403 403 422 404 404 403 403 404 401 403"),
      Row(
        route: "POST /api/v1/visits/:visitID/times/answer", path: { "/api/v1/visits/\($0.visit)/times/answer" },
        json: #"{"answer":"wrong","reason":""}"#, expected: "422 422 403 403 404 404 403 403 404 401 403"),
      Row(
        route: "GET /api/v1/teams/:id/visits", path: { "/api/v1/teams/\($0.team)/visits" },
        expected: "200 200 200 200 404 404 403 200 404 401 200"),
      Row(
        route: "GET /api/v1/teams/:id/record-settings", path: { "/api/v1/teams/\($0.team)/record-settings" },
        expected: "200 200 403 403 404 404 403 403 404 401 403"),
      Row(
        route: "PUT /api/v1/teams/:id/record-settings", path: { "/api/v1/teams/\($0.team)/record-settings" },
        json: #"{"autoConfirmDays":0,"familySeesPersonalCare":false}"#,
        expected: "422 422 403 403 404 404 403 403 404 401 403"),
    ])
}
