import CareCore
import CareStore
import Vapor

enum HomeController {
  static func home(_ req: Request) async throws -> Response {
    if try await req.store.needsSetup() { return req.redirect(to: SiteURL.setup.path) }
    guard let account = req.account else { return req.redirect(to: SiteURL.signIn.path) }
    let actor = try await req.actor()
    let teams = try await req.store.teams(for: account.id)
    let circles = try await req.store.circles(coop: account.coopID).filter { actor.circleIDs.contains($0.id) }
    let hats = try await req.store.hats(coop: account.coopID)
      .filter { !$0.current(on: req.today).filter { $0.1.id == account.id }.isEmpty }.map(\.hat)
    return HomePage(
      layout: req.layout("Home"), account: account, teams: teams, circles: circles, hats: hats
    ).response()
  }

  static func health(_ req: Request) async throws -> Response {
    _ = try await req.store.needsSetup()
    return try await ["status": "ok", "database": req.store.location.engineName].encodeResponse(for: req)
  }
}
