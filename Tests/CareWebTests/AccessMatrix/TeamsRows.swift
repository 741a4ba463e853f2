import CareCore
import Foundation

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// A person's team, its details, invitations and answers (the invitee answers on the page, before the API rows).
  static let teamsRows = CapabilityRows(
    pages: [
      Row(
        route: "GET /teams/:id", path: { "/teams/\($0.team)" }, expected: "200 200 200 200 404 404 200 200 404 303 200"),
      Row(
        route: "GET /teams/:id/invite", path: { "/teams/\($0.team)/invite" },
        expected: "200 200 403 403 404 404 403 403 404 303 404"),
      Row(
        route: "POST /teams/:id/invite", path: { "/teams/\($0.team)/invite" }, form: [:],
        expected: "422 422 403 403 404 404 403 403 404 303 404"),
      Row(
        route: "GET /teams/:id/details", path: { "/teams/\($0.team)/details" },
        expected: "200 200 403 403 404 404 403 200 404 303 404"),
      Row(
        route: "POST /teams/:id/details", path: { "/teams/\($0.team)/details" }, form: [:],
        expected: "422 422 403 403 404 404 403 422 404 303 404"),
      Row(
        route: "POST /teams/:id/respond", path: { "/teams/\($0.team)/respond" }, form: ["answer": "accept"],
        expected: "404 404 404 404 404 404 404 404 404 303 303"),
      Row(
        route: "POST /teams/:id/members/:membershipID/remove",
        path: { "/teams/\($0.team)/members/\($0.familyMembership)/remove" }, form: [:],
        expected: "303 303 403 403 404 404 403 403 404 303 403"),
      Row(
        route: "GET /teams/:id/safeguarding", path: { "/teams/\($0.team)/safeguarding" },
        expected: "200 200 200 200 404 404 200 200 404 303 200"),
      Row(
        route: "POST /teams/:id/safeguarding", path: { "/teams/\($0.team)/safeguarding" }, form: [:],
        expected: "403 403 403 403 404 404 403 422 404 303 403"),
      Row(
        route: "POST /teams/:id/safeguarding/:grantID/end",
        path: { "/teams/\($0.team)/safeguarding/\(UUID().uuidString)/end" }, form: [:],
        expected: "403 403 403 403 404 404 403 404 404 303 403"),
      // No override of that id on the team: nothing to review, whoever asks (the review's own rules are in
      // the use case's tests: a second hat holder, never the one who acted).
      Row(
        route: "POST /teams/:id/safeguarding/:grantID/review",
        path: { "/teams/\($0.team)/safeguarding/\(UUID().uuidString)/review" }, form: [:],
        expected: "404 404 404 404 404 404 404 404 404 303 404"),
    ],
    api: [
      Row(
        route: "GET /api/v1/teams/:id/overrides", path: { "/api/v1/teams/\($0.team)/overrides" },
        expected: "200 200 200 200 404 404 200 200 404 401 200"),
      Row(
        route: "POST /api/v1/teams/:id/overrides", path: { "/api/v1/teams/\($0.team)/overrides" },
        json: #"{"reason":" ","hours":0}"#, expected: "403 403 403 403 404 404 403 422 404 401 403"),
      Row(
        route: "POST /api/v1/teams/:id/overrides/:grantID/end",
        path: { "/api/v1/teams/\($0.team)/overrides/\(UUID().uuidString)/end" },
        expected: "403 403 403 403 404 404 403 404 404 401 403"),
      Row(
        route: "POST /api/v1/teams/:id/overrides/:grantID/review",
        path: { "/api/v1/teams/\($0.team)/overrides/\(UUID().uuidString)/review" },
        json: #"{"outcome":"maybe","note":""}"#, expected: "404 404 404 404 404 404 404 404 404 401 404"),
      Row(
        route: "GET /api/v1/teams/:id", path: { "/api/v1/teams/\($0.team)" },
        expected: "200 200 200 200 404 404 200 200 404 401 200"),
      Row(
        route: "POST /api/v1/teams/:id/invitations", path: { "/api/v1/teams/\($0.team)/invitations" },
        json: #"{"name":"","email":""}"#, expected: "422 422 403 403 404 404 403 403 404 401 403"),
      Row(
        route: "PUT /api/v1/teams/:id/details", path: { "/api/v1/teams/\($0.team)/details" }, json: #"{"circleID":""}"#,
        expected: "422 422 403 403 404 404 403 422 404 401 403"),
      Row(
        route: "POST /api/v1/teams/:id/answer", path: { "/api/v1/teams/\($0.team)/answer" }, json: #"{"accept":true}"#,
        expected: "404 404 404 404 404 404 404 404 404 401 404"),
      Row(
        route: "DELETE /api/v1/teams/:id/members/:membershipID",
        path: { "/api/v1/teams/\($0.team)/members/\($0.workerMembership)" },
        expected: "204 204 403 403 404 404 403 403 404 401 403"),
    ])
}
