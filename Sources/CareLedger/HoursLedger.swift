import Foundation

/// Where a person's hours sit under one funding agreement. Every movement of hours is an entry whose postings
/// move minutes between these buckets and sum to zero: hours are never made or lost, only moved, and a
/// balance is the sum of the postings to its bucket.
public enum HoursBucket: String, CaseIterable, Sendable, Codable, Hashable {
  /// The funder's side: each allocation comes from here, so its balance is minus everything allocated.
  case funder
  /// Allocated for the period and not yet used, banked or lapsed.
  case available
  /// Put aside by the person's choice, to draw later (within the agreement's limit and weeks).
  case banked
  /// Spent on visits that really happened (confirmed).
  case used
  /// Gone: banked hours past their weeks, or a period's hours neither used nor banked by its end.
  case expired

  /// Only the funder's side may be below zero.
  public var mayBeNegative: Bool { self == .funder }
}

/// What an entry is.
public enum HoursEntryKind: String, CaseIterable, Sendable, Codable, Hashable {
  /// The period's hours, from the funder.
  case allocate
  /// A confirmed visit's minutes.
  case use
  /// The person puts available hours aside.
  case bank
  /// The person takes banked hours back to use.
  case draw
  /// Banked hours past the agreement's weeks.
  case expire
  /// The period's available hours at its end, neither used nor banked.
  case lapse
  /// Undoes an earlier entry: the same postings with the signs turned over.
  case reverse
}

/// Minutes moved into (positive) or out of (negative) one bucket.
public struct HoursPosting: Sendable, Hashable, Codable {
  public let bucket: HoursBucket
  public let minutes: Int

  public init(_ bucket: HoursBucket, _ minutes: Int) {
    self.bucket = bucket
    self.minutes = minutes
  }
}

/// One movement of hours: when, what kind, its postings (summing to zero), and the entry it reverses.
public struct HoursEntry: Sendable, Hashable, Identifiable {
  public let id: UUID
  public let at: Date
  public let kind: HoursEntryKind
  public let postings: [HoursPosting]
  public let reverses: UUID?

  public init(id: UUID, at: Date, kind: HoursEntryKind, postings: [HoursPosting], reverses: UUID? = nil) {
    self.id = id
    self.at = at
    self.kind = kind
    self.postings = postings
    self.reverses = reverses
  }

  /// Every entry moves hours: its postings sum to zero.
  public var isBalanced: Bool { postings.reduce(0) { $0 + $1.minutes } == 0 }

  /// The minutes it moves (the sum of its positive postings).
  public var minutes: Int { postings.filter { $0.minutes > 0 }.reduce(0) { $0 + $1.minutes } }

  /// A movement of `minutes` from one bucket to another.
  static func move(_ minutes: Int, from: HoursBucket, to: HoursBucket, kind: HoursEntryKind, id: UUID, at: Date)
    -> HoursEntry
  {
    HoursEntry(id: id, at: at, kind: kind, postings: [HoursPosting(from, -minutes), HoursPosting(to, minutes)])
  }
}

/// What the agreement allows of banking.
public struct BankingRules: Sendable, Hashable {
  /// The most that may be banked at once, in minutes (nil: the agreement does not allow banking).
  public let limit: Int?
  /// Banked hours expire this many weeks after they were banked (oldest first when drawn).
  public let weeks: Int

  public init(limit: Int?, weeks: Int) {
    self.limit = limit
    self.weeks = weeks
  }

  public static let none = BankingRules(limit: nil, weeks: 0)
}

/// Why an entry cannot be made.
public enum LedgerError: Error, Sendable, Hashable {
  /// Zero or fewer minutes.
  case notPositive
  /// The bucket holds fewer minutes than asked for.
  case notEnough(HoursBucket, have: Int, want: Int)
  /// The agreement does not allow banking.
  case bankingNotAllowed
  /// Banking this much would pass the agreement's limit.
  case overBankLimit(limit: Int, wouldBe: Int)
  /// The entry was reversed already, or is itself a reversal (correct it with a new entry instead), or is
  /// not in this book.
  case cannotReverse
}

/// Hours banked at one moment and not yet drawn or expired.
public struct BankLot: Sendable, Hashable, Codable {
  public let at: Date
  public var minutes: Int
}

/// The book of one person's hours under one agreement: the balances and the banked lots, folded from the
/// entries in the order they were made. Each command checks the book and returns a balanced entry to keep,
/// or says why not; nothing here reads a clock or a database. Codable and comparable, so a store may keep it
/// as a snapshot of the fold (checked against the fold by the tests).
public struct HoursBook: Sendable, Hashable, Codable {
  public private(set) var balances: [HoursBucket: Int] = [:]
  /// Banked minutes by when they were banked, oldest first; they sum to the banked balance.
  public private(set) var lots: [BankLot] = []
  /// How many entries it holds.
  public private(set) var count = 0
  private var atByID: [UUID: Date] = [:]
  private var reversed: Set<UUID> = []
  private var reversals: Set<UUID> = []

  public init() {}

  public init(_ entries: [HoursEntry]) {
    for entry in entries { apply(entry) }
  }

  public func balance(_ bucket: HoursBucket) -> Int { balances[bucket] ?? 0 }

  /// Takes an entry into the book (as kept: no checks beyond the arithmetic).
  public mutating func apply(_ entry: HoursEntry) {
    for posting in entry.postings {
      balances[posting.bucket, default: 0] += posting.minutes
      guard posting.bucket == .banked else { continue }
      if posting.minutes > 0 {
        // A reversal of a draw or an expiry returns the hours as of the entry it reverses.
        let at = entry.reverses.flatMap { atByID[$0] } ?? entry.at
        let index = lots.firstIndex { $0.at > at } ?? lots.endIndex
        lots.insert(BankLot(at: at, minutes: posting.minutes), at: index)
      } else {
        take(-posting.minutes)
      }
    }
    atByID[entry.id] = entry.at
    count += 1
    if let reverses = entry.reverses {
      reversed.insert(reverses)
      reversals.insert(entry.id)
    }
  }

  /// Takes minutes from the oldest lots first.
  private mutating func take(_ minutes: Int) {
    var left = minutes
    while left > 0, !lots.isEmpty {
      let taken = min(left, lots[0].minutes)
      lots[0].minutes -= taken
      left -= taken
      if lots[0].minutes == 0 { lots.removeFirst() }
    }
  }

  /// The entry, checked: no bucket but the funder's below zero after it.
  private func checked(_ entry: HoursEntry) throws(LedgerError) -> HoursEntry {
    for posting in entry.postings where !posting.bucket.mayBeNegative {
      let have = balance(posting.bucket)
      if have + posting.minutes < 0 { throw .notEnough(posting.bucket, have: have, want: -posting.minutes) }
    }
    return entry
  }

  private static func positive(_ minutes: Int) throws(LedgerError) {
    if minutes <= 0 { throw .notPositive }
  }

  /// The period's hours from the funder.
  public func allocate(_ minutes: Int, id: UUID, at: Date) throws(LedgerError) -> HoursEntry {
    try Self.positive(minutes)
    return .move(minutes, from: .funder, to: .available, kind: .allocate, id: id, at: at)
  }

  /// A visit's minutes from the hours available (the person's banked hours are drawn by their choice, not
  /// here).
  public func use(_ minutes: Int, id: UUID, at: Date) throws(LedgerError) -> HoursEntry {
    try Self.positive(minutes)
    return try checked(.move(minutes, from: .available, to: .used, kind: .use, id: id, at: at))
  }

  /// Puts available hours aside, within the agreement's limit.
  public func bank(_ minutes: Int, rules: BankingRules, id: UUID, at: Date) throws(LedgerError) -> HoursEntry {
    try Self.positive(minutes)
    guard let limit = rules.limit else { throw .bankingNotAllowed }
    let wouldBe = balance(.banked) + minutes
    if wouldBe > limit { throw .overBankLimit(limit: limit, wouldBe: wouldBe) }
    return try checked(.move(minutes, from: .available, to: .banked, kind: .bank, id: id, at: at))
  }

  /// Takes banked hours back to use (the oldest first).
  public func draw(_ minutes: Int, id: UUID, at: Date) throws(LedgerError) -> HoursEntry {
    try Self.positive(minutes)
    return try checked(.move(minutes, from: .banked, to: .available, kind: .draw, id: id, at: at))
  }

  /// The banked minutes past their weeks at `at`, if any.
  public func expiring(at: Date, rules: BankingRules) -> Int {
    let cutoff = at.addingTimeInterval(-TimeInterval(rules.weeks) * 7 * 86_400)
    return lots.filter { $0.at <= cutoff }.reduce(0) { $0 + $1.minutes }
  }

  /// The entry that expires banked hours past their weeks; nil when none are.
  public func expire(at: Date, rules: BankingRules, id: UUID) -> HoursEntry? {
    let minutes = expiring(at: at, rules: rules)
    return minutes > 0 ? .move(minutes, from: .banked, to: .expired, kind: .expire, id: id, at: at) : nil
  }

  /// The entry that lapses the period's hours left available at its end; nil when none are.
  public func lapse(id: UUID, at: Date) -> HoursEntry? {
    let minutes = balance(.available)
    return minutes > 0 ? .move(minutes, from: .available, to: .expired, kind: .lapse, id: id, at: at) : nil
  }

  /// Undoes an entry of this book: the same postings with the signs turned over. Once only, never a
  /// reversal itself, and only while it leaves no bucket (but the funder's) below zero and the bank within
  /// its limit (undoing a draw after the bank has filled again would pass it).
  public func reverse(_ entry: HoursEntry, rules: BankingRules, id: UUID, at: Date) throws(LedgerError)
    -> HoursEntry
  {
    guard atByID[entry.id] != nil, !reversed.contains(entry.id), !reversals.contains(entry.id) else {
      throw .cannotReverse
    }
    let toBank = -entry.postings.filter { $0.bucket == .banked }.reduce(0) { $0 + $1.minutes }
    if toBank > 0 {
      let wouldBe = balance(.banked) + toBank
      if let limit = rules.limit, wouldBe > limit { throw .overBankLimit(limit: limit, wouldBe: wouldBe) }
    }
    return try checked(
      HoursEntry(
        id: id, at: at, kind: .reverse, postings: entry.postings.map { HoursPosting($0.bucket, -$0.minutes) },
        reverses: entry.id))
  }
}
