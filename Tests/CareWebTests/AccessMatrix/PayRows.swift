import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// Pay: every worker's is the finance hat's alone (no role here wears it: `PayPagesTests` has its
  /// answers), refused before any id or body is read; anyone signed in sees their own payslips (none, for
  /// most of these roles).
  static let payRows = CapabilityRows(
    pages: [
      Row(route: "GET /pay", path: { _ in "/pay" }, expected: "403 403 403 403 403 403 403 403 403 303 403"),
      Row(
        route: "POST /pay-runs", path: { _ in "/pay-runs" }, form: [:],
        expected: "403 403 403 403 403 403 403 403 403 303 403"),
      Row(
        route: "GET /pay-runs/:id", path: { "/pay-runs/\($0.team)" },
        expected: "403 403 403 403 403 403 403 403 403 303 403"),
      Row(
        route: "GET /pay-runs/:id/csv", path: { "/pay-runs/\($0.team)/csv" },
        expected: "403 403 403 403 403 403 403 403 403 303 403"),
      Row(route: "GET /my-pay", path: { _ in "/my-pay" }, expected: "200 200 200 200 200 200 200 200 200 303 200"),
      // Anyone signed in chooses for themselves: no choice sent is a clear error; no balance, nothing to ask.
      Row(
        route: "POST /my-pay/steady", path: { _ in "/my-pay/steady" }, form: [:],
        expected: "422 422 422 422 422 422 422 422 422 303 422"),
      Row(
        route: "POST /my-pay/balance", path: { _ in "/my-pay/balance" }, form: [:],
        expected: "409 409 409 409 409 409 409 409 409 303 409"),
    ],
    api: [
      Row(
        route: "GET /api/v1/pay-runs", path: { _ in "/api/v1/pay-runs" },
        expected: "403 403 403 403 403 403 403 403 403 401 403"),
      Row(
        route: "POST /api/v1/pay-runs", path: { _ in "/api/v1/pay-runs" }, json: "{}",
        expected: "403 403 403 403 403 403 403 403 403 401 403"),
      Row(
        route: "GET /api/v1/pay-runs/:id", path: { "/api/v1/pay-runs/\($0.team)" },
        expected: "403 403 403 403 403 403 403 403 403 401 403"),
      Row(
        route: "GET /api/v1/my-pay", path: { _ in "/api/v1/my-pay" },
        expected: "200 200 200 200 200 200 200 200 200 401 200"),
      Row(
        route: "GET /api/v1/my-pay/steady", path: { _ in "/api/v1/my-pay/steady" },
        expected: "200 200 200 200 200 200 200 200 200 401 200"),
      Row(
        route: "PUT /api/v1/my-pay/steady", path: { _ in "/api/v1/my-pay/steady" }, json: #"{"periods":5}"#,
        expected: "422 422 422 422 422 422 422 422 422 401 422"),
      Row(
        route: "POST /api/v1/my-pay/balance-requests", path: { _ in "/api/v1/my-pay/balance-requests" }, json: "{}",
        expected: "409 409 409 409 409 409 409 409 409 401 409"),
    ])
}
