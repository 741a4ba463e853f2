import CareCore
import CareStore

public typealias DemoCoop = CareStore.DemoCoop

extension Cases {
  /// `carecoop demo`: fills an empty database with the demo co-op, every account with one new password
  /// (there are no default passwords, even in a demo), hashed as a real sign-in's would be. Nil when the
  /// database already holds a co-op: nothing is written then.
  public func seedDemo() async throws -> (demo: DemoCoop, password: String)? {
    guard try await store.needsSetup() else { return nil }
    let password = "demo-" + String(Tokens.random().prefix(12))
    let hash = try await passwords.hash(password)
    return (try await store.seedDemo(passwordHash: hash, env: effects), password)
  }
}
