import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// The register of members.
  static let membersRows = CapabilityRows(
    pages: [
      Row(route: "GET /members", path: { _ in "/members" }, expected: "403 403 403 403 403 403 403 200 200 303 403"),
      Row(
        route: "GET /members/register.csv", path: { _ in "/members/register.csv" },
        expected: "403 403 403 403 403 403 403 200 200 303 403"),
      Row(
        route: "POST /members", path: { _ in "/members" }, form: [:],
        expected: "403 403 403 403 403 403 403 422 422 303 403"),
      Row(
        route: "GET /members/existing", path: { _ in "/members/existing" },
        expected: "403 403 403 403 403 403 403 200 200 303 403"),
      Row(
        route: "POST /members/existing", path: { _ in "/members/existing" }, form: [:],
        expected: "403 403 403 403 403 403 403 422 422 303 403"),
      Row(
        route: "GET /members/:id", path: { "/members/\($0.member)" },
        expected: "403 403 403 403 403 403 403 200 404 303 403"),
      Row(
        route: "POST /members/:id", path: { "/members/\($0.member)" }, form: [:],
        expected: "403 403 403 403 403 403 403 422 404 303 403"),
      Row(
        route: "GET /workers/:id/engagements", path: { "/workers/\($0.worker)/engagements" },
        expected: "403 403 403 200 403 403 403 200 404 303 403"),
      Row(
        route: "POST /workers/:id/engagements", path: { "/workers/\($0.worker)/engagements" }, form: [:],
        expected: "403 403 403 403 403 403 403 422 404 303 403"),
    ],
    api: [
      Row(
        route: "GET /api/v1/members", path: { _ in "/api/v1/members" },
        expected: "403 403 403 403 403 403 403 200 200 401 403"),
      Row(
        route: "POST /api/v1/members", path: { _ in "/api/v1/members" }, json: #"{"name":"","joinedOn":""}"#,
        expected: "403 403 403 403 403 403 403 422 422 401 403"),
      Row(
        route: "POST /api/v1/memberships", path: { _ in "/api/v1/memberships" },
        json: #"{"accountID":"","joinedOn":""}"#,
        expected: "403 403 403 403 403 403 403 422 422 401 403"),
      Row(
        route: "GET /api/v1/workers/:id/engagements", path: { "/api/v1/workers/\($0.worker)/engagements" },
        expected: "403 403 403 200 403 403 403 200 404 401 403"),
      Row(
        route: "POST /api/v1/workers/:id/engagements", path: { "/api/v1/workers/\($0.worker)/engagements" },
        json: #"{"startedOn":""}"#, expected: "403 403 403 403 403 403 403 422 404 401 403"),
      Row(
        route: "PUT /api/v1/members/:id", path: { "/api/v1/members/\($0.member)" }, json: #"{"sharePence":-1}"#,
        expected: "403 403 403 403 403 403 403 422 404 401 403"),
    ])
}
