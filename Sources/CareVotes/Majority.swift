/// A majority vote: for, against, abstain. It needs a quorum (enough of those who may vote took part,
/// abstentions counting) and then a threshold of the votes for or against (abstentions not counting).
public enum Majority {
  /// What share of the votes cast for or against must be for.
  public struct Threshold: Sendable, Hashable, Codable {
    public let numerator: Int
    public let denominator: Int
    /// `true`: more than the share (a simple majority is more than 1/2); `false`: at least it (two thirds).
    public let strictlyMore: Bool

    public init(numerator: Int, denominator: Int, strictlyMore: Bool) {
      precondition(numerator >= 0 && denominator > 0 && numerator <= denominator)
      (self.numerator, self.denominator, self.strictlyMore) = (numerator, denominator, strictlyMore)
    }

    /// More than half of the votes cast for or against: a tie fails.
    public static let simple = Threshold(numerator: 1, denominator: 2, strictlyMore: true)
    /// At least two thirds (a special resolution, a change to the rules).
    public static let twoThirds = Threshold(numerator: 2, denominator: 3, strictlyMore: false)
    /// At least three quarters.
    public static let threeQuarters = Threshold(numerator: 3, denominator: 4, strictlyMore: false)
  }

  public enum Outcome: String, Sendable, Hashable, Codable {
    case passed, failed
    /// Too few took part: nothing is decided.
    case inquorate
  }

  public struct Result: Sendable, Hashable {
    public let outcome: Outcome
    public let votesFor: Int
    public let against: Int
    public let abstain: Int
    /// How many took part (for, against and abstaining), and how many were needed.
    public let turnout: Int
    public let quorum: Int
  }

  /// Counts a majority vote. `quorum` is the number of voters who must take part (0: none needed).
  public static func count(votesFor: Int, against: Int, abstain: Int, quorum: Int, threshold: Threshold) -> Result {
    precondition(votesFor >= 0 && against >= 0 && abstain >= 0 && quorum >= 0)
    let turnout = votesFor + against + abstain
    let outcome: Outcome
    if turnout < quorum {
      outcome = .inquorate
    } else {
      // for / (for + against) compared with numerator / denominator, in whole numbers.
      let cast = votesFor + against
      let left = votesFor * threshold.denominator
      let right = threshold.numerator * cast
      let passes = cast > 0 && (threshold.strictlyMore ? left > right : left >= right)
      outcome = passes ? .passed : .failed
    }
    return Result(
      outcome: outcome, votesFor: votesFor, against: against, abstain: abstain, turnout: turnout, quorum: quorum)
  }
}
