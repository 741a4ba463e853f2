import Vapor

/// bcrypt off the event loop: a hash takes ~0.4 s at cost 12 and must not stall other requests.
extension Request {
  func hashPassword(_ password: String) async throws -> String {
    let cost = care.config.bcryptCost
    return try await application.threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
  }

  func verifyPassword(_ password: String, hash: String) async throws -> Bool {
    try await application.threadPool.runIfActive { try Bcrypt.verify(password, created: hash) }
  }

  /// Spends the same time as a real check (one bcrypt at the same cost), so an unknown email cannot be
  /// told apart from a wrong password by timing.
  func verifyAgainstDummy(_ password: String) async throws {
    let cost = care.config.bcryptCost
    _ = try await application.threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
  }
}
