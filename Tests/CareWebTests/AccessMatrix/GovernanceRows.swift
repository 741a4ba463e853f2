import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// Proposals: everyone in the co-op reads them (another co-op's administrator sees their own list, and not
  /// this proposal); members and administrators propose (the invitee has no membership: 403); members answer,
  /// the administrator (no membership) and the invitee may not. The demo's poll is open, so nothing is counted
  /// yet: a recount is refused (409).
  static let governanceRows = CapabilityRows(
    pages: [
      Row(
        route: "GET /proposals", path: { _ in "/proposals" }, expected: "200 200 200 200 200 200 200 200 200 303 200"),
      // The co-op's settings, as decisions set them: everyone in the co-op reads them.
      Row(
        route: "GET /settings", path: { _ in "/settings" }, expected: "200 200 200 200 200 200 200 200 200 303 200"),
      Row(
        route: "POST /proposals", path: { _ in "/proposals" }, form: [:],
        expected: "422 422 422 422 422 422 422 422 422 303 403"),
      Row(
        route: "GET /proposals/:proposalID", path: { "/proposals/\($0.proposal)" },
        expected: "200 200 200 200 200 200 200 200 404 303 200"),
      Row(
        route: "POST /proposals/:proposalID/votes", path: { "/proposals/\($0.proposal)/votes" }, form: [:],
        expected: "422 422 422 422 422 422 422 403 403 303 403"),
      // Answers to a time poll, sent to the majority vote: members are told it is not a time poll (409).
      Row(
        route: "POST /proposals/:proposalID/times", path: { "/proposals/\($0.proposal)/times" }, form: [:],
        expected: "409 409 409 409 409 409 409 403 403 303 403"),
      // Postal answers to a time poll, sent to the majority vote: the administrator is told it is not one.
      Row(
        route: "POST /proposals/:proposalID/entered-times", path: { "/proposals/\($0.proposal)/entered-times" },
        form: [:], expected: "403 403 403 403 403 403 403 409 404 303 403"),
      Row(
        route: "GET /proposals/:proposalID/recount", path: { "/proposals/\($0.proposal)/recount" },
        expected: "409 409 409 409 409 409 409 409 404 303 409"),
      // Postal and proxy votes: the administrator. Another co-op's administrator may enter votes in their own
      // co-op: the empty form is refused before anything is looked up (422 through the API), but the page that
      // would show the problems is of a proposal they cannot see (404).
      Row(
        route: "POST /proposals/:proposalID/entered-votes", path: { "/proposals/\($0.proposal)/entered-votes" },
        form: [:], expected: "403 403 403 403 403 403 403 422 404 303 403"),
      Row(
        route: "GET /proposals/:proposalID/ballot-paper", path: { "/proposals/\($0.proposal)/ballot-paper" },
        expected: "200 200 200 200 200 200 200 200 404 303 200"),
      // The open election: everyone in the co-op reads it; members cast a ballot (the empty one is refused);
      // the administrator enters postal and proxy ballots (another co-op's cannot find it: 404).
      Row(
        route: "GET /proposals/:proposalID", path: { "/proposals/\($0.election)" },
        expected: "200 200 200 200 200 200 200 200 404 303 200"),
      Row(
        route: "POST /proposals/:proposalID/ballots", path: { "/proposals/\($0.election)/ballots" }, form: [:],
        expected: "422 422 422 422 422 422 422 403 403 303 403"),
      // Answers to a time poll, sent to the majority vote: members are told it is not a time poll (409).
      Row(
        route: "POST /proposals/:proposalID/times", path: { "/proposals/\($0.proposal)/times" }, form: [:],
        expected: "409 409 409 409 409 409 409 403 403 303 403"),
      Row(
        route: "POST /proposals/:proposalID/entered-ballots", path: { "/proposals/\($0.election)/entered-ballots" },
        form: [:], expected: "403 403 403 403 403 403 403 422 404 303 403"),
    ],
    api: [
      Row(
        route: "GET /api/v1/proposals", path: { _ in "/api/v1/proposals" },
        expected: "200 200 200 200 200 200 200 200 200 401 200"),
      Row(
        route: "GET /api/v1/settings", path: { _ in "/api/v1/settings" },
        expected: "200 200 200 200 200 200 200 200 200 401 200"),
      Row(
        route: "POST /api/v1/proposals", path: { _ in "/api/v1/proposals" },
        json: #"{"title":"","text":"","kind":"lottery","closesOn":"soon"}"#,
        expected: "422 422 422 422 422 422 422 422 422 401 403"),
      Row(
        route: "GET /api/v1/proposals/:proposalID", path: { "/api/v1/proposals/\($0.proposal)" },
        expected: "200 200 200 200 200 200 200 200 404 401 200"),
      Row(
        route: "POST /api/v1/proposals/:proposalID/votes", path: { "/api/v1/proposals/\($0.proposal)/votes" },
        json: #"{"choice":"maybe"}"#, expected: "422 422 422 422 422 422 422 403 403 401 403"),
      Row(
        route: "POST /api/v1/proposals/:proposalID/times", path: { "/api/v1/proposals/\($0.proposal)/times" },
        json: #"{"answers":["yes"]}"#, expected: "409 409 409 409 409 409 409 403 403 401 403"),
      Row(
        route: "POST /api/v1/proposals/:proposalID/entered-times",
        path: { "/api/v1/proposals/\($0.proposal)/entered-times" },
        json: #"{"memberID":"x","answers":["yes"],"way":"postal"}"#,
        expected: "403 403 403 403 403 403 403 409 404 401 403"),
      Row(
        route: "GET /api/v1/proposals/:proposalID/recount", path: { "/api/v1/proposals/\($0.proposal)/recount" },
        expected: "409 409 409 409 409 409 409 409 404 401 409"),
      Row(
        route: "POST /api/v1/proposals/:proposalID/entered-votes",
        path: { "/api/v1/proposals/\($0.proposal)/entered-votes" },
        json: #"{"memberID":"nobody","choice":"maybe","way":"postal"}"#,
        expected: "403 403 403 403 403 403 403 422 422 401 403"),
      Row(
        route: "POST /api/v1/proposals/:proposalID/ballots", path: { "/api/v1/proposals/\($0.election)/ballots" },
        json: #"{"ranking":[]}"#, expected: "422 422 422 422 422 422 422 403 403 401 403"),
      Row(
        route: "POST /api/v1/proposals/:proposalID/entered-ballots",
        path: { "/api/v1/proposals/\($0.election)/entered-ballots" },
        json: #"{"memberID":"nobody","ranking":[],"way":"online"}"#,
        expected: "403 403 403 403 403 403 403 422 404 401 403"),
    ])
}
