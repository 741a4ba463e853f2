import CareCore
import Foundation

/// The limits on work that costs a bcrypt check or sends mail. Counts of what happened (failed sign-ins,
/// mails sent) and tries under way (`rate_reservations`) live in the database, so a restart or a second
/// instance does not reset them and every instance counts against one limit.
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

  /// Wrong codes for an account's second step within `window`, wherever they come from.
  public static func secondFactor(account: ID<Account>) -> [(key: String, limit: Int)] {
    [("code:\(account)", 5)]
  }

  /// Reset links tried that did not work, per address, within `window`.
  public static func resetTries(address: String) -> [(key: String, limit: Int)] { [("reset-from:\(address)", 20)] }
}
