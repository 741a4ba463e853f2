import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// The co-op's invoices: the finance hat's alone (no role here wears it: the finance hat's own answers are
  /// in `InvoicePagesTests`). Refused before any id is looked up or any body is read, so an unknown id is
  /// 403 too, not 404.
  static let invoiceRows = CapabilityRows(
    pages: [
      Row(route: "GET /invoices", path: { _ in "/invoices" }, expected: "403 403 403 403 403 403 403 403 403 303 403"),
      Row(
        route: "POST /invoice-runs", path: { _ in "/invoice-runs" }, form: [:],
        expected: "403 403 403 403 403 403 403 403 403 303 403"),
      Row(
        route: "GET /invoices/:id", path: { "/invoices/\($0.team)" },
        expected: "403 403 403 403 403 403 403 403 403 303 403"),
      Row(
        route: "GET /invoices/:id/csv", path: { "/invoices/\($0.team)/csv" },
        expected: "403 403 403 403 403 403 403 403 403 303 403"),
      Row(
        route: "GET /invoices/:id/pdf", path: { "/invoices/\($0.team)/pdf" },
        expected: "403 403 403 403 403 403 403 403 403 303 403"),
      Row(
        route: "POST /invoices/:id/credit", path: { "/invoices/\($0.team)/credit" }, form: [:],
        expected: "403 403 403 403 403 403 403 403 403 303 403"),
    ],
    api: [
      Row(
        route: "GET /api/v1/invoices", path: { _ in "/api/v1/invoices" },
        expected: "403 403 403 403 403 403 403 403 403 401 403"),
      Row(
        route: "POST /api/v1/invoice-runs", path: { _ in "/api/v1/invoice-runs" }, json: "{}",
        expected: "403 403 403 403 403 403 403 403 403 401 403"),
      Row(
        route: "GET /api/v1/invoices/:id", path: { "/api/v1/invoices/\($0.team)" },
        expected: "403 403 403 403 403 403 403 403 403 401 403"),
      Row(
        route: "GET /api/v1/invoices/:id/pdf", path: { "/api/v1/invoices/\($0.team)/pdf" },
        expected: "403 403 403 403 403 403 403 403 403 401 403"),
      Row(
        route: "POST /api/v1/invoices/:id/credit", path: { "/api/v1/invoices/\($0.team)/credit" }, json: "{}",
        expected: "403 403 403 403 403 403 403 403 403 401 403"),
    ])
}
