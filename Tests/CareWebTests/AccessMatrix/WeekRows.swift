import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// A Monday for forms that name a week.
  static let matrixMonday = "2030-01-07"
  /// An id no version has: the rota keeper and administrators get "not found", everyone else is refused first.
  static let noVersion = "00000000-0000-4000-8000-00000000dead"

  /// The week of care. Planning, stopping and publishing are the circle's rota keeper's (the hat holder) and
  /// administrators' (each role runs on its own fresh app, so both start the engine; the page's "stop" ends
  /// that plan before the API's "plan" starts another).
  static let weekRows = CapabilityRows(
    pages: [
      Row(
        route: "GET /circles/:id/week", path: { "/circles/\($0.circle)/week" },
        expected: "403 403 403 403 403 403 200 200 404 303 403"),
      Row(
        route: "GET /circles/:id/week/progress", path: { "/circles/\($0.circle)/week/progress" },
        expected: "403 403 403 403 403 403 200 200 404 303 403"),
      Row(
        route: "POST /circles/:id/week/plan", path: { "/circles/\($0.circle)/week/plan" },
        form: ["week": matrixMonday], expected: "403 403 403 403 403 403 303 303 404 303 403"),
      Row(
        route: "POST /circles/:id/week/stop", path: { "/circles/\($0.circle)/week/stop" },
        form: ["week": matrixMonday], expected: "403 403 403 403 403 403 303 303 404 303 403"),
      Row(
        route: "POST /circles/:id/week/publish", path: { "/circles/\($0.circle)/week/publish" },
        form: ["week": matrixMonday, "version": noVersion, "edits": "0"],
        expected: "403 403 403 403 403 403 409 409 404 303 403"),
      Row(
        route: "GET /circles/:id/week/visits/:visitID", path: { "/circles/\($0.circle)/week/visits/\(noVersion)" },
        expected: "403 403 403 403 403 403 404 404 404 303 403"),
      Row(
        route: "POST /circles/:id/week/visits/:visitID", path: { "/circles/\($0.circle)/week/visits/\(noVersion)" },
        form: ["week": matrixMonday, "worker": noVersion, "start": "08:00", "edits": "0"],
        expected: "403 403 403 403 403 403 404 404 404 303 403"),
      Row(
        route: "GET /teams/:id/week", path: { "/teams/\($0.team)/week" },
        expected: "200 200 200 200 404 404 200 200 404 303 200"),
      Row(route: "GET /my-week", path: { _ in "/my-week" }, expected: "200 200 200 200 200 200 200 200 200 303 200"),
      // A calendar address is its own key: an unknown token is not found for everyone, signed in or not.
      Row(
        route: "GET /calendars/:token", path: { _ in "/calendars/not-a-token" },
        expected: "404 404 404 404 404 404 404 404 404 404 404"),
      Row(
        route: "POST /my-week/calendar", path: { _ in "/my-week/calendar" }, form: [:],
        expected: "200 200 200 200 200 200 200 200 200 303 200"),
      Row(
        route: "POST /my-week/calendar/stop", path: { _ in "/my-week/calendar/stop" }, form: [:],
        expected: "303 303 303 303 303 303 303 303 303 303 303"),
      Row(
        route: "POST /teams/:id/week/calendar", path: { "/teams/\($0.team)/week/calendar" }, form: [:],
        expected: "200 200 200 200 404 404 200 200 404 303 200"),
      Row(
        route: "POST /teams/:id/week/calendar/stop", path: { "/teams/\($0.team)/week/calendar/stop" }, form: [:],
        expected: "303 303 303 303 404 404 303 303 404 303 303"),
      // Cover: one's own page and forms; an unknown visit or offer is not found for everyone (nobody learns
      // whether someone else's exists); days with no visits of one's own need no cover (409).
      // A person's visits (support pattern) and home: seen by whoever sees the team; proposed by anyone in it
      // (and the rota keeper); answered by the person or their arranger; the home set by them or the rota keeper.
      Row(
        route: "GET /teams/:id/pattern", path: { "/teams/\($0.team)/pattern" },
        expected: "200 200 200 200 404 404 200 200 404 303 200"),
      Row(
        route: "GET /teams/:id/pattern/new", path: { "/teams/\($0.team)/pattern/new" },
        expected: "200 200 200 200 404 404 200 200 404 303 200"),
      Row(
        route: "POST /teams/:id/pattern/new", path: { "/teams/\($0.team)/pattern/new" }, form: ["rows": "1"],
        expected: "422 422 422 422 404 404 422 422 404 303 422"),
      Row(
        route: "POST /teams/:id/pattern/:versionID/answer", path: { "/teams/\($0.team)/pattern/\(noVersion)/answer" },
        form: ["answer": "agree"], expected: "404 404 403 403 404 404 403 403 404 303 403"),
      Row(
        route: "GET /teams/:id/home", path: { "/teams/\($0.team)/home" },
        expected: "200 200 403 403 404 404 200 200 404 303 403"),
      Row(
        route: "POST /teams/:id/home", path: { "/teams/\($0.team)/home" }, form: ["address": ""],
        expected: "422 422 403 403 404 404 422 422 404 303 403"),
      // What a worker agrees to: everyone keeps their own (an empty form is refused with the reasons).
      Row(
        route: "GET /my-week/consent", path: { _ in "/my-week/consent" },
        expected: "200 200 200 200 200 200 200 200 200 303 200"),
      Row(
        route: "POST /my-week/consent", path: { _ in "/my-week/consent" }, form: ["mostHours": ""],
        expected: "422 422 422 422 422 422 422 422 422 303 422"),
      Row(
        route: "GET /my-week/cover", path: { _ in "/my-week/cover" },
        expected: "200 200 200 200 200 200 200 200 200 303 200"),
      Row(
        route: "GET /my-week/visits/:visitID/cover", path: { _ in "/my-week/visits/\(noVersion)/cover" },
        expected: "404 404 404 404 404 404 404 404 404 303 404"),
      Row(
        route: "POST /my-week/visits/:visitID/cover", path: { _ in "/my-week/visits/\(noVersion)/cover" },
        form: ["reason": ""], expected: "404 404 404 404 404 404 404 404 404 303 404"),
      Row(
        route: "GET /my-week/away", path: { _ in "/my-week/away" },
        expected: "200 200 200 200 200 200 200 200 200 303 200"),
      Row(
        route: "POST /my-week/away", path: { _ in "/my-week/away" },
        form: [
          "from-day": "7", "from-month": "1", "from-year": "2030", "through-day": "8", "through-month": "1",
          "through-year": "2030", "reason": "",
        ], expected: "409 409 409 409 409 409 409 409 409 303 409"),
      Row(
        route: "POST /my-week/cover/:offerID", path: { _ in "/my-week/cover/\(noVersion)" }, form: ["answer": "yes"],
        expected: "404 404 404 404 404 404 404 404 404 303 404"),
    ],
    api: [
      Row(
        route: "GET /api/v1/circles/:id/week", path: { "/api/v1/circles/\($0.circle)/week" },
        expected: "403 403 403 403 403 403 200 200 404 401 403"),
      Row(
        route: "POST /api/v1/circles/:id/week/plans", path: { "/api/v1/circles/\($0.circle)/week/plans" },
        json: #"{"week":"2030-01-14"}"#, expected: "403 403 403 403 403 403 202 202 404 401 403"),
      Row(
        route: "POST /api/v1/circles/:id/week/stop", path: { "/api/v1/circles/\($0.circle)/week/stop" },
        expected: "403 403 403 403 403 403 204 204 404 401 403"),
      Row(
        route: "POST /api/v1/circles/:id/week/publish", path: { "/api/v1/circles/\($0.circle)/week/publish" },
        json: #"{"version":"\#(noVersion)","edits":0}"#, expected: "403 403 403 403 403 403 409 409 404 401 403"),
      Row(
        route: "PUT /api/v1/circles/:id/week/visits/:visitID",
        path: { "/api/v1/circles/\($0.circle)/week/visits/\(noVersion)" },
        json: #"{"worker":"\#(noVersion)","start":"08:00","edits":0}"#,
        expected: "403 403 403 403 403 403 404 404 404 401 403"),
      Row(
        route: "GET /api/v1/teams/:id/week", path: { "/api/v1/teams/\($0.team)/week" },
        expected: "200 200 200 200 404 404 200 200 404 401 200"),
      Row(
        route: "GET /api/v1/my-week", path: { _ in "/api/v1/my-week" },
        expected: "200 200 200 200 200 200 200 200 200 401 200"),
      Row(
        route: "POST /api/v1/my-week/calendar", path: { _ in "/api/v1/my-week/calendar" },
        expected: "201 201 201 201 201 201 201 201 201 401 201"),
      Row(
        route: "POST /api/v1/teams/:id/week/calendar", path: { "/api/v1/teams/\($0.team)/week/calendar" },
        expected: "201 201 201 201 404 404 201 201 404 401 201"),
      Row(
        route: "GET /api/v1/teams/:id/pattern", path: { "/api/v1/teams/\($0.team)/pattern" },
        expected: "200 200 200 200 404 404 200 200 404 401 200"),
      Row(
        route: "POST /api/v1/teams/:id/pattern", path: { "/api/v1/teams/\($0.team)/pattern" },
        json:
          #"{"from":"2030-01-07","visits":[{"days":["monday"],"start":"08:00","windowMinutes":15,"lengthMinutes":30,"tasks":["meals"],"workers":1,"together":true}],"flexibilityMinutes":0,"chosen":[],"declined":[],"backup":null}"#,
        expected: "201 201 201 201 404 404 201 201 404 401 201"),
      Row(
        route: "POST /api/v1/teams/:id/pattern/:versionID/answer",
        path: { "/api/v1/teams/\($0.team)/pattern/\(noVersion)/answer" }, json: #"{"answer":"agree"}"#,
        expected: "404 404 403 403 404 404 403 403 404 401 403"),
      Row(
        route: "GET /api/v1/teams/:id/home", path: { "/api/v1/teams/\($0.team)/home" },
        expected: "200 200 200 200 404 404 200 200 404 401 200"),
      Row(
        route: "PUT /api/v1/teams/:id/home", path: { "/api/v1/teams/\($0.team)/home" },
        json:
          #"{"address":"1 Mill Lane","postcode":"HX7 8AA","latitude":53.744,"longitude":-2.011,"hasPets":true,"someoneSmokes":false}"#,
        expected: "200 200 403 403 404 404 200 200 404 401 403"),
      Row(
        route: "GET /api/v1/my-week/consent", path: { _ in "/api/v1/my-week/consent" },
        expected: "200 200 200 200 200 200 200 200 200 401 200"),
      Row(
        route: "PUT /api/v1/my-week/consent", path: { _ in "/api/v1/my-week/consent" },
        json:
          #"{"availability":[{"day":"monday","from":"08:00","until":"17:00"}],"mostHoursAWeek":20,"travelMode":"walk","base":{"latitude":53.74,"longitude":-2.01},"longestJourneyMinutes":30,"tasks":["meals"],"petsAreFine":true,"smokingIsFine":false,"coversInCircle":false}"#,
        expected: "200 200 200 200 200 200 200 200 200 401 200"),
      Row(
        route: "GET /api/v1/my-week/cover", path: { _ in "/api/v1/my-week/cover" },
        expected: "200 200 200 200 200 200 200 200 200 401 200"),
      Row(
        route: "POST /api/v1/my-week/visits/:visitID/cover", path: { _ in "/api/v1/my-week/visits/\(noVersion)/cover" },
        json: "{}", expected: "404 404 404 404 404 404 404 404 404 401 404"),
      Row(
        route: "POST /api/v1/my-week/away", path: { _ in "/api/v1/my-week/away" },
        json: #"{"from":"2030-01-07","through":"2030-01-08"}"#,
        expected: "409 409 409 409 409 409 409 409 409 401 409"),
      Row(
        route: "POST /api/v1/my-week/cover/:offerID", path: { _ in "/api/v1/my-week/cover/\(noVersion)" },
        json: #"{"answer":"yes"}"#, expected: "404 404 404 404 404 404 404 404 404 401 404"),
      Row(
        route: "GET /api/v1/circles/:id/week/cover", path: { "/api/v1/circles/\($0.circle)/week/cover" },
        expected: "403 403 403 403 403 403 200 200 404 401 403"),
    ])
}
