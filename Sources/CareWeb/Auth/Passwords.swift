import CareCore
import Vapor

/// bcrypt off the event loop: a hash takes ~0.4 s at cost 12 and must not stall other requests. At most
/// `bcryptGate.slots` run at once; when the line is full the caller gets "too many tries" (429).
extension Request {
  func hashPassword(_ password: String) async throws -> String {
    let cost = care.config.bcryptCost
    return try await gated { try Bcrypt.hash(password, cost: cost) }
  }

  func verifyPassword(_ password: String, hash: String) async throws -> Bool {
    try await gated { try Bcrypt.verify(password, created: hash) }
  }

  /// Spends the same time as a real check (one bcrypt at the same cost), so an unknown email cannot be
  /// told apart from a wrong password by timing.
  func verifyAgainstDummy(_ password: String) async throws {
    let cost = care.config.bcryptCost
    _ = try await gated { try Bcrypt.hash(password, cost: cost) }
  }

  private func gated<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    let gate = care.bcryptGate
    guard await gate.enter() else { throw CareError.throttled }
    do {
      let result = try await application.threadPool.runIfActive(work)
      await gate.leave()
      return result
    } catch {
      await gate.leave()
      throw error
    }
  }

  /// Where the request came from, for the per-address limits (the peer's IP; a proxy in front of the app
  /// makes every request look alike, so run it with the app's own address or none).
  var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
