import Foundation

/// Slows guessing: after 5 failed sign-ins for one email within 15 minutes, refuse until the window
/// passes. bcrypt makes each guess cost 0.4 s; this caps how many guesses there are.
actor SignInThrottle {
  let limit: Int
  let window: TimeInterval
  private var failures: [String: [Date]] = [:]

  init(limit: Int = 5, window: TimeInterval = 15 * 60) {
    self.limit = limit
    self.window = window
  }

  func isBlocked(_ key: String, now: Date) -> Bool {
    recent(key, now: now).count >= limit
  }

  func recordFailure(_ key: String, now: Date) {
    failures[key] = recent(key, now: now) + [now]
  }

  func reset(_ key: String) { failures[key] = nil }

  private func recent(_ key: String, now: Date) -> [Date] {
    (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
  }
}
