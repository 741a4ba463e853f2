import Foundation
import PropertyBased
import Testing

@testable import CareLedger

/// The hours ledger's arithmetic: random histories of allocations, visits, banking, drawing, expiry, lapses
/// and reversals, each command checked against the book before it is kept.
@Suite("Hours ledger arithmetic")
struct HoursLedgerTests {
  static let start = Date(timeIntervalSince1970: 1_780_000_000)
  static let rules = BankingRules(limit: 10 * 60, weeks: 4)

  /// One step of a random history: what to try, how many minutes, how long after the step before.
  struct Step: Sendable, CustomStringConvertible {
    let op: Int
    let minutes: Int
    let later: Int
    var description: String { "op \(op), \(minutes) min, +\(later) h" }
  }

  /// A step from one random number: the operation, minutes from -30 to 900, 0 to 200 hours later.
  static let history = Gen.int(in: 0...Int(Int32.max))
    .map { Step(op: $0 % 7, minutes: ($0 / 7) % 931 - 30, later: ($0 / 6517) % 201) }.array(of: 0...80)

  /// Plays a history: each command the book allows is kept (and applied); returns the kept entries and the
  /// book, after checking each refusal was right.
  static func play(_ steps: [Step]) -> (entries: [HoursEntry], book: HoursBook) {
    var book = HoursBook()
    var entries: [HoursEntry] = []
    var now = start
    for step in steps {
      now = now.addingTimeInterval(TimeInterval(step.later) * 3600)
      let id = UUID()
      let tried: Result<HoursEntry?, LedgerError>
      do {
        switch step.op {
        case 0: tried = .success(try book.allocate(step.minutes, id: id, at: now))
        case 1: tried = .success(try book.use(step.minutes, id: id, at: now))
        case 2: tried = .success(try book.bank(step.minutes, rules: rules, id: id, at: now))
        case 3: tried = .success(try book.draw(step.minutes, id: id, at: now))
        case 4: tried = .success(book.expire(at: now, rules: rules, id: id))
        case 5: tried = .success(book.lapse(id: id, at: now))
        default:
          guard !entries.isEmpty else { continue }
          let target = entries[abs(step.minutes) % entries.count]
          tried = .success(try book.reverse(target, rules: rules, id: id, at: now))
        }
      } catch {
        tried = .failure(error)
      }
      switch tried {
      case .success(let entry?):
        book.apply(entry)
        entries.append(entry)
      case .success(nil):
        break
      case .failure(let error):
        // A refusal is right: the minutes were not positive, or the book really did not hold them.
        switch error {
        case .notPositive: #expect(step.minutes <= 0)
        case .notEnough(let bucket, let have, let want): #expect(book.balance(bucket) == have && have < want)
        case .overBankLimit(let limit, let wouldBe):
          #expect(wouldBe > limit && limit == rules.limit && [2, 6].contains(step.op))
        case .bankingNotAllowed: Issue.record("banking is allowed under these rules")
        case .cannotReverse: #expect(step.op == 6)
        }
      }
    }
    return (entries, book)
  }

  @Test func everyEntrySumsToZeroAndNoBucketButTheFundersGoesBelowZero() async {
    await propertyCheck(count: 400, input: Self.history) { steps in
      let (entries, book) = Self.play(steps)
      #expect(entries.allSatisfy { $0.isBalanced })
      #expect(book.balances.values.reduce(0, +) == 0)
      for bucket in HoursBucket.allCases where !bucket.mayBeNegative { #expect(book.balance(bucket) >= 0) }
      #expect(book.balance(.banked) <= Self.rules.limit!)
    }
  }

  @Test func balancesAreTheFoldOfTheLogAndReplayingItGivesTheSameBook() async {
    await propertyCheck(count: 400, input: Self.history) { steps in
      let (entries, book) = Self.play(steps)
      let replayed = HoursBook(entries)
      for bucket in HoursBucket.allCases {
        #expect(replayed.balance(bucket) == book.balance(bucket))
        let fold = entries.flatMap(\.postings).filter { $0.bucket == bucket }.reduce(0) { $0 + $1.minutes }
        #expect(book.balance(bucket) == fold)
      }
      #expect(replayed.lots == book.lots)
      // The banked lots hold exactly the banked balance, oldest first.
      #expect(book.lots.reduce(0) { $0 + $1.minutes } == book.balance(.banked))
      #expect(zip(book.lots, book.lots.dropFirst()).allSatisfy { $0.at <= $1.at })
    }
  }

  @Test func aReversalLeavesEachBalanceAsIfTheEntryHadNeverBeenMade() async {
    await propertyCheck(count: 300, input: Self.history, Gen.int(in: 0...1000)) { steps, pick in
      let (entries, book) = Self.play(steps)
      let candidates = entries.filter { c in c.kind != .reverse && !entries.contains { $0.reverses == c.id } }
      guard !candidates.isEmpty else { return }
      let target = candidates[pick % candidates.count]
      guard
        let reversal = try? book.reverse(target, rules: Self.rules, id: UUID(), at: Self.start.addingTimeInterval(1e8))
      else {
        return
      }
      var after = book
      after.apply(reversal)
      let without = HoursBook(entries.filter { $0.id != target.id })
      for bucket in HoursBucket.allCases { #expect(after.balance(bucket) == without.balance(bucket)) }
      // Once only; a reversal is not itself reversed.
      #expect(throws: LedgerError.cannotReverse) {
        try after.reverse(target, rules: Self.rules, id: UUID(), at: Self.start)
      }
      #expect(throws: LedgerError.cannotReverse) {
        try after.reverse(reversal, rules: Self.rules, id: UUID(), at: Self.start)
      }
    }
  }

  @Test func expiryTakesTheBankedHoursPastTheirWeeksOldestFirst() async {
    await propertyCheck(count: 300, input: Self.history, Gen.int(in: 0...2000)) { steps, hoursLater in
      var (_, book) = Self.play(steps)
      let at = Self.start.addingTimeInterval(TimeInterval(steps.reduce(0) { $0 + $1.later } + hoursLater) * 3600)
      let due = book.expiring(at: at, rules: Self.rules)
      let banked = book.balance(.banked)
      if let entry = book.expire(at: at, rules: Self.rules, id: UUID()) {
        #expect(entry.minutes == due && entry.isBalanced)
        book.apply(entry)
      } else {
        #expect(due == 0)
      }
      #expect(book.expiring(at: at, rules: Self.rules) == 0)
      #expect(book.balance(.banked) == banked - due)
      let cutoff = at.addingTimeInterval(-4 * 7 * 86_400)
      #expect(book.lots.allSatisfy { $0.at > cutoff })
    }
  }

  /// A week of ten hours: two banked, two drawn later (the oldest lot first), the rest used; a lot left
  /// banked expires after four weeks; the week's last minutes lapse.
  @Test func aWorkedWeek() throws {
    var book = HoursBook()
    func keep(_ entry: HoursEntry?) {
      if let entry { book.apply(entry) }
    }
    let day: TimeInterval = 86_400
    keep(try book.allocate(600, id: UUID(), at: Self.start))
    keep(try book.bank(120, rules: Self.rules, id: UUID(), at: Self.start))
    keep(try book.use(240, id: UUID(), at: Self.start.addingTimeInterval(day)))
    #expect(throws: LedgerError.notEnough(.available, have: 240, want: 300)) {
      try book.use(300, id: UUID(), at: Self.start)
    }
    keep(try book.use(180, id: UUID(), at: Self.start.addingTimeInterval(2 * day)))
    keep(try book.bank(60, rules: Self.rules, id: UUID(), at: Self.start.addingTimeInterval(3 * day)))
    #expect(book.lots.map(\.minutes) == [120, 60])
    keep(try book.draw(90, id: UUID(), at: Self.start.addingTimeInterval(4 * day)))
    #expect(book.lots.map(\.minutes) == [30, 60])
    #expect(throws: LedgerError.overBankLimit(limit: 600, wouldBe: 690)) {
      try book.bank(600, rules: Self.rules, id: UUID(), at: Self.start)
    }
    #expect(throws: LedgerError.bankingNotAllowed) { try book.bank(10, rules: .none, id: UUID(), at: Self.start) }
    keep(book.lapse(id: UUID(), at: Self.start.addingTimeInterval(7 * day)))
    #expect(book.balance(.available) == 0 && book.balance(.expired) == 90)
    // Four weeks after the first lot was banked, its 30 minutes go; the later lot stays three days more.
    keep(book.expire(at: Self.start.addingTimeInterval(28 * day), rules: Self.rules, id: UUID()))
    #expect(book.balance(.banked) == 60 && book.balance(.expired) == 120)
    #expect(book.balance(.used) == 420 && book.balance(.funder) == -600)
  }
}
