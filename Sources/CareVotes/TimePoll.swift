/// A poll to find a time for a meeting: each member says yes, if need be, or no to each time. The best time is
/// the one most can come to (yes or if need be), then the one most said yes to, then the earliest offered.
public enum TimePoll {
  public enum Answer: String, Sendable, Hashable, Codable, CaseIterable {
    case yes
    case ifNeedBe = "if-need-be"
    case no
  }

  public struct OptionTally: Sendable, Hashable {
    public let option: Int
    public let yes: Int
    public let ifNeedBe: Int
    public var canCome: Int { yes + ifNeedBe }
  }

  /// `answers[member][option]`; a member who left an option unanswered counts as no for it. Nil when no
  /// time has anyone who can come.
  public static func best(options: Int, answers: [[Answer]]) -> (best: Int?, tallies: [OptionTally]) {
    let tallies = (0..<options).map { option in
      OptionTally(
        option: option, yes: answers.filter { $0.indices.contains(option) && $0[option] == .yes }.count,
        ifNeedBe: answers.filter { $0.indices.contains(option) && $0[option] == .ifNeedBe }.count)
    }
    let best = tallies.filter { $0.canCome > 0 }.min { a, b in
      (-a.canCome, -a.yes, a.option) < (-b.canCome, -b.yes, b.option)
    }
    return (best?.option, tallies)
  }
}
