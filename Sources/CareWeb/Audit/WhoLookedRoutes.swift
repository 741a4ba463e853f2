import Vapor

/// "Who looked at my things" (a page only).
enum WhoLookedWeb: WebCapability {
  static func pages(_ r: PageRoutes) {
    r.get(.teamWhoLooked(.any), WhoLookedController.show)
  }

  static func api(_ v1: any RoutesBuilder) {}
}
