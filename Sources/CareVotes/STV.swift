/// The single transferable vote, for electing one hat holder or several (with one seat it is the
/// instant-runoff vote). Counted as the Scottish local government rules count it (the Scottish Local
/// Government Elections Order 2007, rules 45–52): the Droop quota; a surplus passed on by the weighted
/// inclusive Gregory method; values kept to five decimal places and truncated, so every count is in whole
/// numbers and the same every time it is run.
///
/// Ties (for exclusion, or for the order of election) are broken backwards: the candidate with fewer votes at
/// the most recent earlier stage where they differed goes first; if they were equal at every stage, the order
/// drawn by lot when the poll opened decides (`lot`: the earlier in it is excluded first, and elected last).
public enum STV {
  /// One vote, in units: five decimal places.
  public static let unit = 100_000

  public struct Stage: Sendable, Hashable {
    public enum Event: Sendable, Hashable {
      /// The first preferences counted.
      case firstPreferences
      /// A candidate's surplus passed on to the next preferences of the ballots that elected them.
      case surplus(Int)
      /// A candidate excluded, their ballots passed on at the value they had.
      case excluded(Int)
    }

    public let event: Event
    /// Each candidate's votes after this stage, in units (an elected candidate's stays at the quota once
    /// their surplus has gone).
    public let tallies: [Int]
    /// Votes with no further preference for a continuing candidate, in units, so far.
    public let exhausted: Int
    /// Elected at this stage, in order.
    public let elected: [Int]
  }

  public struct Result: Sendable, Hashable {
    /// In the order elected.
    public let elected: [Int]
    /// The quota, in units.
    public let quota: Int
    public let validBallots: Int
    public let stages: [Stage]
  }

  /// Counts ranked ballots (`ballots[i]`: candidate numbers, most preferred first; a number out of range or
  /// repeated ends the ballot's usable preferences there) for `seats` seats among `candidates` candidates.
  public static func count(candidates: Int, seats: Int, ballots: [[Int]], lot: [Int]) -> Result {
    precondition(candidates >= 0 && seats >= 1)
    precondition(Set(lot) == Set(0..<candidates) && lot.count == candidates, "the lot orders every candidate once")
    let lotRank = Dictionary(uniqueKeysWithValues: lot.enumerated().map { ($1, $0) })
    let usable = ballots.map { usablePreferences($0, candidates: candidates) }.filter { !$0.isEmpty }
    let quota = (usable.count / (seats + 1) + 1) * unit

    var papers = usable.map { Paper(preferences: $0, position: 0, value: unit) }
    var continuing = Set(0..<candidates)
    var elected: [Int] = []
    var surpluses: [Int] = []  // elected, surplus not yet passed on
    var tallies = [Int](repeating: 0, count: candidates)
    var exhausted = 0
    var stages: [Stage] = []

    func pile(_ candidate: Int) -> [Int] {
      papers.indices.filter { papers[$0].current == candidate }
    }
    /// Moves papers on to their next continuing preference at `value(paper)`; those with none are exhausted.
    func move(_ indices: [Int], value: (Paper) -> Int) {
      for index in indices {
        let from = papers[index].current
        let old = papers[index].value
        if let from { tallies[from] -= old }
        papers[index].value = value(papers[index])
        papers[index].advance(continuing: continuing)
        if let to = papers[index].current {
          tallies[to] += papers[index].value
        } else {
          exhausted += papers[index].value
        }
      }
    }
    /// Candidates ordered for a tie: fewer votes first, then fewer at the latest earlier stage where they
    /// differed, then the lot.
    func ascending(_ a: Int, _ b: Int) -> Bool {
      if tallies[a] != tallies[b] { return tallies[a] < tallies[b] }
      for stage in stages.reversed() where stage.tallies[a] != stage.tallies[b] {
        return stage.tallies[a] < stage.tallies[b]
      }
      return lotRank[a]! < lotRank[b]!
    }
    for index in papers.indices {
      papers[index].advance(continuing: continuing)
      tallies[papers[index].current!] += unit
    }
    var newly = electNow(&continuing, &elected, &surpluses, tallies: tallies, quota: quota, seats: seats, ascending)
    stages.append(Stage(event: .firstPreferences, tallies: tallies, exhausted: exhausted, elected: newly))

    while elected.count < seats {
      // As many continuing as seats left: they are elected, the largest first.
      if continuing.count <= seats - elected.count {
        let rest = continuing.sorted { ascending($1, $0) }
        elected += rest
        if var last = stages.popLast() {
          last = Stage(
            event: last.event, tallies: last.tallies, exhausted: last.exhausted, elected: last.elected + rest)
          stages.append(last)
        }
        continuing.removeAll()
        break
      }
      let event: Stage.Event
      if let candidate = surpluses.sorted(by: { ascending($1, $0) }).first, tallies[candidate] > quota {
        // The largest surplus first: every paper that elected the candidate moves on at
        // value × surplus ÷ the candidate's votes, truncated.
        surpluses.removeAll { $0 == candidate }
        let total = tallies[candidate]
        let surplus = total - quota
        move(pile(candidate), value: { $0.value * surplus / total })
        tallies[candidate] = quota
        event = .surplus(candidate)
      } else {
        surpluses.removeAll()
        guard let lowest = continuing.sorted(by: ascending).first else { break }
        continuing.remove(lowest)
        move(pile(lowest), value: \.value)
        tallies[lowest] = 0
        event = .excluded(lowest)
      }
      newly = electNow(&continuing, &elected, &surpluses, tallies: tallies, quota: quota, seats: seats, ascending)
      stages.append(Stage(event: event, tallies: tallies, exhausted: exhausted, elected: newly))
    }
    return Result(elected: elected, quota: quota, validBallots: usable.count, stages: stages)
  }

  /// Elects every continuing candidate at or over the quota, the largest first, up to the seats left.
  private static func electNow(
    _ continuing: inout Set<Int>, _ elected: inout [Int], _ surpluses: inout [Int], tallies: [Int], quota: Int,
    seats: Int, _ ascending: (Int, Int) -> Bool
  ) -> [Int] {
    let reaching = continuing.filter { tallies[$0] >= quota }.sorted { ascending($1, $0) }
    let now = Array(reaching.prefix(seats - elected.count))
    for candidate in now {
      continuing.remove(candidate)
      elected.append(candidate)
      surpluses.append(candidate)
    }
    return now
  }

  /// The preferences up to the first that is out of range or repeated.
  static func usablePreferences(_ ballot: [Int], candidates: Int) -> [Int] {
    var seen = Set<Int>()
    var out: [Int] = []
    for candidate in ballot {
      guard (0..<candidates).contains(candidate), seen.insert(candidate).inserted else { break }
      out.append(candidate)
    }
    return out
  }

  struct Paper {
    let preferences: [Int]
    var position: Int
    var value: Int

    var current: Int? { position < preferences.count ? preferences[position] : nil }

    /// On to the first preference, from here, for a continuing candidate.
    mutating func advance(continuing: Set<Int>) {
      while let candidate = current, !continuing.contains(candidate) { position += 1 }
    }
  }
}
