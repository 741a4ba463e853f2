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
    ])
}
