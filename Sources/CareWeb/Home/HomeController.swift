import CareCases
import CareCore
import Vapor

enum HomeController {
  static func home(_ req: Request) async throws -> Response {
    if try await req.cases.needsSetup() { return req.redirect(to: SiteURL.setup.path) }
    guard req.account != nil else { return req.redirect(to: SiteURL.signIn.path) }
    let model = try await req.cases.home(for: try await req.actor())
    return HomePage(
      layout: req.layout("Home"), account: model.account, teams: model.teams, circles: model.circles,
      hats: model.hats, model: model
    ).response()
  }

  static func health(_ req: Request) async throws -> Response {
    let engine = try await req.cases.health()
    return try await ["status": "ok", "database": engine].encodeResponse(for: req)
  }
}
