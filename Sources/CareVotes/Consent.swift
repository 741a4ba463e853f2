/// A consent decision: it passes unless a reasoned objection stands. A concern is heard and recorded but does
/// not block; an objection blocks until the member who raised it changes their answer (their latest answer is
/// the one counted).
public enum Consent {
  public enum Answer: String, Sendable, Hashable, Codable, CaseIterable {
    case consent, concern, objection
  }

  public enum Outcome: String, Sendable, Hashable, Codable {
    case passed, blocked, inquorate
  }

  public struct Result: Sendable, Hashable {
    public let outcome: Outcome
    public let consents: Int
    public let concerns: Int
    public let objections: Int
  }

  /// Counts the latest answer of each member who answered; `quorum` answers are needed (0: none).
  public static func count(_ answers: [Answer], quorum: Int = 0) -> Result {
    let consents = answers.filter { $0 == .consent }.count
    let concerns = answers.filter { $0 == .concern }.count
    let objections = answers.filter { $0 == .objection }.count
    let outcome: Outcome = answers.count < quorum ? .inquorate : objections > 0 ? .blocked : .passed
    return Result(outcome: outcome, consents: consents, concerns: concerns, objections: objections)
  }
}
