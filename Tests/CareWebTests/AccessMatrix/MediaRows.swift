import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// A person's photos, voice notes and videos: the team, the registered manager (the demo's administrator)
  /// and the joined invitee see the list and the demo's photo (its consent lets the whole team see it); the
  /// rota keeper sees the team but not its media; the person and their arranger alone give or withdraw
  /// consent, and answer whether a photo a worker sent may be kept; anyone in the team may send an item (the
  /// empty upload here is refused for its missing kind).
  static let mediaRows = CapabilityRows(
    pages: [
      Row(
        route: "GET /teams/:id/media", path: { "/teams/\($0.team)/media" },
        expected: "200 200 200 200 404 404 403 200 404 303 200"),
      // The upload form is multipart; this row's plain form is not one: 400 for those who may send.
      Row(
        route: "POST /teams/:id/media", path: { "/teams/\($0.team)/media" }, form: [:],
        expected: "400 400 400 400 404 404 403 403 404 303 400"),
      Row(
        route: "POST /teams/:id/media/consents", path: { "/teams/\($0.team)/media/consents" }, form: [:],
        expected: "422 422 403 403 404 404 403 403 404 303 403"),
      Row(
        route: "GET /media/:mediaID", path: { "/media/\($0.mediaItem)" },
        expected: "200 200 200 200 404 404 403 200 404 303 200"),
      // A photo waiting for the person's answer: the person and arranger answer (an empty form: 422).
      Row(
        route: "POST /teams/:id/media/items/:mediaID/answer",
        path: { "/teams/\($0.team)/media/items/\($0.mediaWaiting)/answer" }, form: [:],
        expected: "422 422 403 403 404 404 403 403 404 303 403"),
    ],
    api: [
      Row(
        route: "GET /api/v1/teams/:id/media", path: { "/api/v1/teams/\($0.team)/media" },
        expected: "200 200 200 200 404 404 403 200 404 401 200"),
      Row(
        route: "POST /api/v1/teams/:id/media", path: { "/api/v1/teams/\($0.team)/media" }, json: "{}",
        expected: "422 422 422 422 404 404 403 403 404 401 422"),
      Row(
        route: "POST /api/v1/teams/:id/media/consents", path: { "/api/v1/teams/\($0.team)/media/consents" },
        json: #"{"kind":"photo","about":"","audience":"workers","keepDays":0}"#,
        expected: "422 422 403 403 404 404 403 403 404 401 403"),
      Row(
        route: "GET /api/v1/media/:mediaID/content", path: { "/api/v1/media/\($0.mediaItem)/content" },
        expected: "200 200 200 200 404 404 403 200 404 401 200"),
      Row(
        route: "POST /api/v1/teams/:id/media/items/:mediaID/answer",
        path: { "/api/v1/teams/\($0.team)/media/items/\($0.mediaWaiting)/answer" }, json: #"{"answer":"no"}"#,
        expected: "200 200 403 403 404 404 403 403 404 401 403"),
    ],
    // After everything else (withdrawing removes the photo): the page withdraws it, so the API's second
    // withdrawal is a conflict for the two who may.
    last: [
      Row(
        route: "POST /teams/:id/media/consents/:consentID/withdraw",
        path: { "/teams/\($0.team)/media/consents/\($0.mediaConsent)/withdraw" }, form: [:],
        expected: "303 303 403 403 404 404 403 403 404 303 403"),
      Row(
        route: "POST /api/v1/teams/:id/media/consents/:consentID/withdraw",
        path: { "/api/v1/teams/\($0.team)/media/consents/\($0.mediaConsent)/withdraw" }, json: "{}",
        expected: "409 409 403 403 404 404 403 403 404 401 403"),
    ])
}
