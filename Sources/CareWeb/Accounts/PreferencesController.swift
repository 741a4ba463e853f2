import CareCases
import CareCore
import Vapor

/// How the signed-in person likes their pages shown.
enum PreferencesController {
  /// Turns Easy Read on or off for the account and goes back to the page the switch was on.
  static func setEasyRead(_ req: Request) async throws -> Response {
    guard let account = req.account else { throw Abort(.unauthorized) }
    let form = try req.formState()
    try await req.cases.setEasyRead(form["easy_read"], account: account)
    return req.redirect(to: safeReturn(form["return_to"]), redirectType: .normal)
  }

  /// Only a path on this site: "//evil.example" or "https://…" would send the person elsewhere.
  static func safeReturn(_ path: String) -> String {
    path.hasPrefix("/") && !path.hasPrefix("//") && !path.contains("\\") ? path : SiteURL.home.path
  }
}
