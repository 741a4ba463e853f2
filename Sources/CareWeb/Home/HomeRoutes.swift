import Vapor

enum HomeWeb: WebCapability {
  static func pages(_ r: PageRoutes) {
    r.get(.home, HomeController.home)
    r.get(.health, HomeController.health)
  }

  static func api(_ v1: APIRoutes) {}
}
