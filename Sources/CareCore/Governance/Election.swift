import Foundation

/// An election by ranked, secret ballot: members rank the candidates standing; the single transferable vote
/// (`CareVotes.STV`) fills the seats.
public struct Election: Sendable, Hashable {
  public let seats: Int
  /// In the order shown on the ballot, numbered from 1.
  public let candidates: [Candidate]
  /// Candidate numbers in the order drawn by lot when the poll opened: the last resort in a tie (the
  /// earlier in the lot is excluded first).
  public let lot: [Int]
  /// The hat the one elected wears, from the day after the poll closes to the term's end.
  public let hat: ElectedHat?

  public init(seats: Int, candidates: [Candidate], lot: [Int], hat: ElectedHat? = nil) {
    (self.seats, self.candidates, self.lot, self.hat) = (seats, candidates, lot, hat)
  }

  public func candidate(_ number: Int) -> Candidate? {
    candidates.indices.contains(number - 1) ? candidates[number - 1] : nil
  }

  public static let mostSeats = 10
  public static let mostCandidates = 30
}

/// A hat filled by election, and the day its term ends.
public struct ElectedHat: Sendable, Hashable {
  public let hatID: ID<Hat>
  public let name: String
  public let termEnd: Day

  public init(hatID: ID<Hat>, name: String, termEnd: Day) {
    (self.hatID, self.name, self.termEnd) = (hatID, name, termEnd)
  }

  /// The longest term an election gives, in days (five years).
  public static let longestTerm = 5 * 366
}

/// A member standing for election: numbered from 1 in the order shown on the ballot.
public struct Candidate: Sendable, Hashable {
  public let number: Int
  public let accountID: ID<Account>
  public let name: String

  public init(number: Int, accountID: ID<Account>, name: String) {
    (self.number, self.accountID, self.name) = (number, accountID, name)
  }
}

/// Who has voted in a secret ballot (never how): the receipt the co-op keeps so that nobody votes twice.
public struct BallotReceipt: Sendable, Hashable {
  public let voterID: ID<Account>
  public let way: VoteWay
  /// Who entered a postal or proxy ballot (nil: the member themselves).
  public let enteredBy: ID<Account>?

  public init(voterID: ID<Account>, way: VoteWay, enteredBy: ID<Account>?) {
    (self.voterID, self.way, self.enteredBy) = (voterID, way, enteredBy)
  }
}

/// A ranked ballot as filled in: for each candidate number, the rank given ("" or absent: not ranked).
/// Ranks must run 1, 2, 3… with no number used twice and none skipped; at least one candidate ranked.
public enum RankedBallot {
  /// The candidate numbers, most preferred first.
  public static func ranking(_ ranks: [Int: String], candidates: Int, field: String = "ranking") throws(CareError)
    -> [Int]
  {
    var byRank: [Int: Int] = [:]
    for (candidate, text) in ranks.sorted(by: { $0.key < $1.key }) {
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      guard !trimmed.isEmpty else { continue }
      guard (1...candidates).contains(candidate) else {
        throw CareError.invalid(field, "Rank only the candidates on the ballot")
      }
      guard let rank = Int(trimmed), (1...candidates).contains(rank) else {
        throw CareError.invalid(field, "Give each candidate you rank a number from 1 to \(candidates)")
      }
      guard byRank[rank] == nil else {
        throw CareError.invalid(field, "You gave two candidates number \(rank): give each number once")
      }
      byRank[rank] = candidate
    }
    guard !byRank.isEmpty else {
      throw CareError.invalid(field, "Number at least one candidate: 1 for your first choice")
    }
    for rank in 1...byRank.count where byRank[rank] == nil {
      throw CareError.invalid(field, "Number your choices 1, 2, 3… without missing one out: there is no \(rank)")
    }
    return (1...byRank.count).map { byRank[$0]! }
  }

  /// A ranking given as a list (the API's form): the same rules.
  public static func ranking(_ list: [Int], candidates: Int, field: String = "ranking") throws(CareError) -> [Int] {
    guard !list.isEmpty else {
      throw CareError.invalid(field, "Number at least one candidate: 1 for your first choice")
    }
    guard list.allSatisfy({ (1...candidates).contains($0) }) else {
      throw CareError.invalid(field, "Rank only the candidates on the ballot: numbers from 1 to \(candidates)")
    }
    guard Set(list).count == list.count else {
      throw CareError.invalid(field, "Each candidate can be ranked once only")
    }
    return list
  }
}

/// The code a member is shown once when their secret ballot goes in: with it (and only with it) they can
/// change their ballot until the poll closes. The co-op keeps its SHA-256 beside the ballot, never beside the
/// member, so nobody can tell whose ballot is whose.
public enum BallotCode {
  /// Sixteen characters in four groups, from letters and digits that are not easily mixed up.
  public static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")

  public static func make<G: RandomNumberGenerator>(using generator: inout G) -> String {
    let chars = (0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
    return stride(from: 0, to: 16, by: 4).map { String(chars[$0..<$0 + 4]) }.joined(separator: "-")
  }

  /// As typed: upper case, without spaces or dashes, regrouped; nil when it cannot be a code.
  public static func normalised(_ text: String) -> String? {
    let chars = text.uppercased().filter { !$0.isWhitespace && $0 != "-" }
    guard chars.count == 16, chars.allSatisfy(alphabet.contains) else { return nil }
    let array = Array(chars)
    return stride(from: 0, to: 16, by: 4).map { String(array[$0..<$0 + 4]) }.joined(separator: "-")
  }
}
