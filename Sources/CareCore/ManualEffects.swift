import Foundation

/// A clock that moves only when told and ids that count up: for tests and reproducible demos.
public final class ManualEffects: @unchecked Sendable {
  private let lock = NSLock()
  private var now: Date
  private var counter: UInt64 = 0

  public init(start: Date = Date(timeIntervalSince1970: 1_780_000_000)) {  // 2026-05-28
    now = start
  }

  public func advance(_ seconds: TimeInterval) { lock.withLock { now += seconds } }

  public var env: Effects {
    Effects(
      now: { self.lock.withLock { self.now } },
      newID: {
        self.lock.withLock {
          self.counter += 1
          return UUID(uuidString: String(format: "00000000-0000-4000-8000-%012llx", self.counter))!
        }
      })
  }
}
