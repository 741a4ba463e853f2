import CareCases
import CareCore
import Vapor

/// One capability's routes: its pages (registered from `SiteURL`, so links and routes cannot drift
/// apart) and its part of the JSON API under `/api/v1`. `routes(_:)` registers every capability in
/// `WebCapabilities.all`; adding a capability is a folder plus one line there.
protocol WebCapability {
  static func pages(_ routes: PageRoutes)
  static func api(_ v1: any RoutesBuilder)
}

/// Registers pages by their typed address.
struct PageRoutes {
  let app: Application

  func get(_ url: SiteURL, _ handler: @escaping @Sendable (Request) async throws -> Response) {
    app.get(SiteURL.pattern(url), use: handler)
  }

  func post(_ url: SiteURL, _ handler: @escaping @Sendable (Request) async throws -> Response) {
    app.post(SiteURL.pattern(url), use: handler)
  }
}

/// Template ids for registering routes with parameters.
extension ID {
  static var any: ID { ID(SiteURL.placeholder) }
  static var other: ID { ID(SiteURL.placeholder2) }
}
