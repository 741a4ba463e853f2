import CareCore

// Roles: P A F W S O H D X N I (see `AccessMatrixTests.Role`).
extension AccessMatrixTests {
  /// "Who looked at my things".
  static let whoLookedRows = CapabilityRows(
    pages: [
      Row(
        route: "GET /teams/:id/who-looked", path: { "/teams/\($0.team)/who-looked" },
        expected: "200 200 403 403 404 404 403 200 404 303 404")
    ])
}
