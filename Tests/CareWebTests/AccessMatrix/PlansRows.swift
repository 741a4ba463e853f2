import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// A person's support plan, as their medicines: everyone in the team reads it and proposes changes (the
  /// invitee has joined by now), as does the registered manager (the demo's administrator); only the person
  /// and their arranger answer a change; the rota keeper sees the team but not its plan; nobody else learns
  /// of it. An answer is checked before its change is looked up (none such here).
  static let plansRows = CapabilityRows(
    pages: [
      Row(
        route: "GET /teams/:id/plan", path: { "/teams/\($0.team)/plan" },
        expected: "200 200 200 200 404 404 403 200 404 303 200"),
      Row(
        route: "GET /teams/:id/plan/sections/:section", path: { "/teams/\($0.team)/plan/sections/strengths" },
        expected: "200 200 200 200 404 404 403 200 404 303 200"),
      Row(
        route: "POST /teams/:id/plan/changes", path: { "/teams/\($0.team)/plan/changes" }, form: [:],
        expected: "422 422 422 422 404 404 403 422 404 303 422"),
      Row(
        route: "POST /teams/:id/plan/changes/:changeID/answer",
        path: { "/teams/\($0.team)/plan/changes/\($0.team)/answer" }, form: [:],
        expected: "422 422 403 403 404 404 403 403 404 303 403"),
      Row(
        route: "GET /teams/:id/plan/history", path: { "/teams/\($0.team)/plan/history" },
        expected: "200 200 200 200 404 404 403 200 404 303 200"),
      Row(
        route: "POST /teams/:id/plan/review-date", path: { "/teams/\($0.team)/plan/review-date" }, form: [:],
        expected: "422 422 422 422 404 404 403 422 404 303 422"),
      Row(
        route: "POST /teams/:id/plan/reviews", path: { "/teams/\($0.team)/plan/reviews" }, form: [:],
        expected: "422 422 422 422 404 404 403 422 404 303 422"),
      Row(
        route: "GET /teams/:id/plan/print", path: { "/teams/\($0.team)/plan/print?section=goals&section=risks" },
        expected: "200 200 200 200 404 404 403 200 404 303 200"),
      // Goals: the person and their arranger set goals and steps and say when one is reached; anyone in the
      // team notes progress (the demo's first step is done already: 409 for a second tick).
      Row(
        route: "POST /teams/:id/plan/goals", path: { "/teams/\($0.team)/plan/goals" }, form: [:],
        expected: "422 422 403 403 404 404 403 403 404 303 403"),
      Row(
        route: "GET /teams/:id/plan/goals/:goalID", path: { "/teams/\($0.team)/plan/goals/\($0.goal)" },
        expected: "200 200 200 200 404 404 403 200 404 303 200"),
      Row(
        route: "POST /teams/:id/plan/goals/:goalID/steps", path: { "/teams/\($0.team)/plan/goals/\($0.goal)/steps" },
        form: [:], expected: "422 422 403 403 404 404 403 403 404 303 403"),
      Row(
        route: "POST /teams/:id/plan/goals/:goalID/progress",
        path: { "/teams/\($0.team)/plan/goals/\($0.goal)/progress" }, form: ["kind": "done", "step": "1"],
        expected: "409 409 409 409 404 404 403 409 404 303 409"),
      Row(
        route: "POST /teams/:id/plan/goals/:goalID/status",
        path: { "/teams/\($0.team)/plan/goals/\($0.goal)/status" }, form: ["status": "working"],
        expected: "409 409 403 403 404 404 403 403 404 303 403"),
      // The matrix's server has no Chromium to print with: those who may read the plan are told to use the
      // browser's Print (503).
      Row(
        route: "GET /teams/:id/plan/pdf", path: { "/teams/\($0.team)/plan/pdf" },
        expected: "503 503 503 503 404 404 403 503 404 303 503"),
    ],
    api: [
      Row(
        route: "PUT /api/v1/teams/:id/plan/review-date", path: { "/api/v1/teams/\($0.team)/plan/review-date" },
        json: #"{"due":"2020-01-01"}"#, expected: "422 422 422 422 404 404 403 422 404 401 422"),
      Row(
        route: "POST /api/v1/teams/:id/plan/reviews", path: { "/api/v1/teams/\($0.team)/plan/reviews" },
        json: #"{"held":"2099-01-01","notes":""}"#, expected: "422 422 422 422 404 404 403 422 404 401 422"),
      Row(
        route: "GET /api/v1/teams/:id/plan", path: { "/api/v1/teams/\($0.team)/plan" },
        expected: "200 200 200 200 404 404 403 200 404 401 200"),
      Row(
        route: "POST /api/v1/teams/:id/plan/changes", path: { "/api/v1/teams/\($0.team)/plan/changes" },
        json: #"{"section":"wishes","basedOn":-1,"text":""}"#,
        expected: "422 422 422 422 404 404 403 422 404 401 422"),
      Row(
        route: "POST /api/v1/teams/:id/plan/changes/:changeID/answer",
        path: { "/api/v1/teams/\($0.team)/plan/changes/\($0.team)/answer" }, json: #"{"answer":"maybe"}"#,
        expected: "422 422 403 403 404 404 403 403 404 401 403"),
      Row(
        route: "GET /api/v1/teams/:id/plan/goals", path: { "/api/v1/teams/\($0.team)/plan/goals" },
        expected: "200 200 200 200 404 404 403 200 404 401 200"),
      Row(
        route: "POST /api/v1/teams/:id/plan/goals", path: { "/api/v1/teams/\($0.team)/plan/goals" },
        json: #"{"title":" "}"#, expected: "422 422 403 403 404 404 403 403 404 401 403"),
      Row(
        route: "GET /api/v1/teams/:id/plan/goals/:goalID", path: { "/api/v1/teams/\($0.team)/plan/goals/\($0.goal)" },
        expected: "200 200 200 200 404 404 403 200 404 401 200"),
      Row(
        route: "POST /api/v1/teams/:id/plan/goals/:goalID/steps",
        path: { "/api/v1/teams/\($0.team)/plan/goals/\($0.goal)/steps" }, json: #"{"text":""}"#,
        expected: "422 422 403 403 404 404 403 403 404 401 403"),
      Row(
        route: "POST /api/v1/teams/:id/plan/goals/:goalID/progress",
        path: { "/api/v1/teams/\($0.team)/plan/goals/\($0.goal)/progress" }, json: #"{"kind":"done","step":1}"#,
        expected: "409 409 409 409 404 404 403 409 404 401 409"),
      Row(
        route: "PUT /api/v1/teams/:id/plan/goals/:goalID/status",
        path: { "/api/v1/teams/\($0.team)/plan/goals/\($0.goal)/status" }, json: #"{"status":"working"}"#,
        expected: "409 409 403 403 404 404 403 403 404 401 403"),
    ])
}
