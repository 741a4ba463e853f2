import Foundation

/// Slows guessing: at most 5 tries for one email within 15 minutes. A try is reserved *before* the
/// ~0.4 s bcrypt check and settled after it, so parallel requests cannot all pass the check while the
/// first ones are still hashing: tries in flight count against the limit like failures do.
actor SignInThrottle {
  let limit: Int
  let window: TimeInterval
  private var failures: [String: [Date]] = [:]
  private var inFlight: [String: Int] = [:]

  init(limit: Int = 5, window: TimeInterval = 15 * 60) {
    self.limit = limit
    self.window = window
  }

  /// Takes one try for `key`, or answers false when recent failures and tries under way reach the limit.
  func reserve(_ key: String, now: Date) -> Bool {
    let used = recent(key, now: now).count + inFlight[key, default: 0]
    guard used < limit else { return false }
    inFlight[key, default: 0] += 1
    return true
  }

  /// Ends a reserved try: a failure counts for the window; a success clears the failures.
  func settle(_ key: String, failed: Bool, now: Date) {
    inFlight[key] = max(0, inFlight[key, default: 0] - 1)
    if inFlight[key] == 0 { inFlight[key] = nil }
    if failed {
      failures[key] = recent(key, now: now) + [now]
    } else {
      failures[key] = nil
    }
  }

  func isBlocked(_ key: String, now: Date) -> Bool {
    recent(key, now: now).count + inFlight[key, default: 0] >= limit
  }

  private func recent(_ key: String, now: Date) -> [Date] {
    (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
  }
}
