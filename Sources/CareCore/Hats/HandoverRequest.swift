import Foundation

/// A hand-over of a privileged hat (the registered manager, a safeguarding lead, the finance hat) waiting for
/// a second hat holder's approval, when the members decided so (`Setting.privilegedSecondApproval`): nobody
/// alone gives themselves or a friend the keys to everyone's records or money. The one who asked and the one
/// who would wear it cannot approve it; it lapses after `lapsesAfterDays` days unanswered.
public struct HandoverRequest: Sendable, Hashable, Identifiable {
  public let id: ID<HandoverRequest>
  public let hatID: ID<Hat>
  public let to: ID<Account>
  public let termStart: Day
  public let termEnd: Day?
  /// The open term the asker saw ("" for none): approving hands over only if it is still the open term.
  public let replacing: String
  public let askedBy: ID<Account>
  public let askedAt: Date
  public let answer: Answer?

  public struct Answer: Sendable, Hashable {
    public let approved: Bool
    public let by: ID<Account>
    public let at: Date
    public let reason: String
    public init(approved: Bool, by: ID<Account>, at: Date, reason: String) {
      (self.approved, self.by, self.at, self.reason) = (approved, by, at, reason)
    }
  }

  public init(
    id: ID<HandoverRequest>, hatID: ID<Hat>, to: ID<Account>, termStart: Day, termEnd: Day?, replacing: String,
    askedBy: ID<Account>, askedAt: Date, answer: Answer?
  ) {
    (self.id, self.hatID, self.to, self.termStart, self.termEnd, self.replacing) = (
      id, hatID, to, termStart, termEnd, replacing
    )
    (self.askedBy, self.askedAt, self.answer) = (askedBy, askedAt, answer)
  }

  public static let lapsesAfterDays = 14

  public func lapsed(at now: Date) -> Bool {
    answer == nil && now >= askedAt.addingTimeInterval(TimeInterval(Self.lapsesAfterDays * 86_400))
  }

  /// Waiting for a second holder: not answered, not lapsed.
  public func isWaiting(at now: Date) -> Bool { answer == nil && !lapsed(at: now) }

  public static let longestReason = 1_000
}
