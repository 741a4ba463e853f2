import Foundation

/// The limits on work that costs a bcrypt check or sends mail. Counts of what happened (failed sign-ins,
/// mails sent) live in the database (`rate_events`), so a restart or a second instance does not reset
/// them; tries still under way are counted here, in memory, because they last under a second.
public enum Limits {
  /// Failed sign-ins within `window`: per account from one address (the lock a guesser meets), per account
  /// from anywhere (so one address cannot lock the person out, yet many addresses cannot guess freely),
  /// and per address across accounts (password spraying).
  public static let window: TimeInterval = 15 * 60
  public static func signIn(email: String, address: String) -> [(key: String, limit: Int)] {
    [("signin:\(email)|\(address)", 5), ("signin:\(email)", 20), ("signin-from:\(address)", 50)]
  }

  /// Reset mails within `mailWindow`: per address asked for, per asking address, and for the whole site.
  public static let mailWindow: TimeInterval = 3600
  public static func resetMail(email: String, address: String) -> [(key: String, limit: Int)] {
    [("mail:\(email)", 3), ("mail-from:\(address)", 10), ("mail-all", 500)]
  }

  /// Reset links tried that did not work, per address, within `window`.
  public static func resetTries(address: String) -> [(key: String, limit: Int)] { [("reset-from:\(address)", 20)] }
}

/// Sign-in tries under way. A try is reserved *before* the ~0.4 s bcrypt check and released after its
/// outcome is stored, so parallel requests cannot all pass the limit while the first are still hashing.
///
/// The count of failures comes from the database, read just before reserving; a try that fails and is
/// released between that read and the reservation would be missed. So each key also counts failures
/// released here: a request takes a `mark` before reading the database and adds the failures released
/// since (counted twice at worst, never missed).
public actor SignInThrottle {
  private var inFlight: [String: Int] = [:]
  private var released: [String: Int] = [:]

  public init() {}

  /// Failures released so far under each key: take this before reading the database's count.
  public func mark(_ keys: [(key: String, limit: Int)]) -> [String: Int] {
    Dictionary(uniqueKeysWithValues: keys.map { ($0.key, released[$0.key, default: 0]) })
  }

  /// Takes one try under every key, or none when any key's recent failures (the database's, plus those
  /// released since `mark`) and tries under way reach its limit.
  public func reserve(_ keys: [(key: String, limit: Int)], recent: [String: Int], mark: [String: Int] = [:]) -> Bool {
    for (key, limit) in keys {
      let since = released[key, default: 0] - mark[key, default: released[key, default: 0]]
      if recent[key, default: 0] + since + inFlight[key, default: 0] >= limit { return false }
    }
    for (key, _) in keys { inFlight[key, default: 0] += 1 }
    return true
  }

  /// Ends a try, after its outcome is in the database.
  public func release(_ keys: [(key: String, limit: Int)], failed: Bool = false) {
    for (key, _) in keys {
      let left = inFlight[key, default: 0] - 1
      inFlight[key] = left > 0 ? left : nil
      if failed { released[key, default: 0] += 1 }
    }
  }
}
