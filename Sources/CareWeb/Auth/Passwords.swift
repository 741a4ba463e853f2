import CareCases
import CareCore
import Vapor

/// bcrypt off the event loop: a hash takes ~0.4 s at cost 12 and must not stall other requests. At most
/// `gate.slots` run at once; when the line is full the caller gets "too many tries" (429).
struct BcryptPasswords: PasswordHashing {
  let cost: Int
  let gate: WorkGate
  let pool: NIOThreadPool

  func hash(_ password: String) async throws -> String {
    let cost = cost
    return try await gated { try Bcrypt.hash(password, cost: cost) }
  }

  func verify(_ password: String, hash: String) async throws -> Bool {
    try await gated { try Bcrypt.verify(password, created: hash) }
  }

  /// Spends the same time as a real check (one bcrypt at the same cost), so an unknown email cannot be
  /// told apart from a wrong password by timing.
  func spendOneCheck(_ password: String) async throws {
    _ = try await hash(password)
  }

  private func gated<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    guard await gate.enter() else { throw CareError.throttled }
    do {
      let result = try await pool.runIfActive(work)
      await gate.leave()
      return result
    } catch {
      await gate.leave()
      throw error
    }
  }
}

extension Request {

  /// Where the request came from, for the per-address limits (the peer's IP; a proxy in front of the app
  /// makes every request look alike, so run it with the app's own address or none).
  var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}

/// A cap on bcrypt work running at once (each ties up a thread for ~0.4 s): past `slots`, callers wait in
/// line; past `queue` waiting, they are told to try again later rather than pile up.
actor WorkGate {
  let slots: Int
  let queue: Int
  private var busy = 0
  private var waiting: [CheckedContinuation<Void, Never>] = []

  init(slots: Int, queue: Int) {
    self.slots = slots
    self.queue = queue
  }

  func enter() async -> Bool {
    if busy < slots {
      busy += 1
      return true
    }
    guard waiting.count < queue else { return false }
    await withCheckedContinuation { waiting.append($0) }
    return true  // the slot was handed over by `leave`
  }

  func leave() {
    if waiting.isEmpty {
      busy -= 1
    } else {
      waiting.removeFirst().resume()
    }
  }
}
