import Vapor

/// "Who looked at my things" (a page only).
enum WhoLookedWeb: WebCapability {
  static func pages(_ r: PageRoutes) {
    r.get(.teamWhoLooked(.key), WhoLookedController.show)
  }

  static func api(_ v1: APIRoutes) {}
}
