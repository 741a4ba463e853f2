import CareCore
import CareLedger
import FluentKit
import Foundation
import SQLKit

final class FundingAgreementRow: Model, @unchecked Sendable {
  static let schema = "funding_agreements"
  @IDProperty<FundingAgreementRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "person_id") var personID: UUID
  @Field(key: "funder") var funder: String
  @Field(key: "funder_name") var funderName: String
  @Field(key: "minutes_per_period") var minutesPerPeriod: Int
  @Field(key: "period") var period: String
  @Field(key: "starts") var starts: String
  @OptionalField(key: "ends") var ends: String?
  @Field(key: "rate_pence") var ratePence: Int
  @OptionalField(key: "bank_limit_minutes") var bankLimitMinutes: Int?
  @Field(key: "bank_weeks") var bankWeeks: Int
  @OptionalField(key: "compress_min_minutes") var compressMinMinutes: Int?
  @OptionalField(key: "compress_max_minutes") var compressMaxMinutes: Int?
  @Field(key: "notice_days") var noticeDays: Int
  @Field(key: "recorded_by") var recordedBy: UUID
  @Field(key: "recorded_at") var recordedAt: Date

  init() {}

  var value: FundingAgreement {
    get throws {
      let terms = FundingTerms(
        funder: try StoreError.known(FunderKind(rawValue: funder), "funding_agreements.funder", funder),
        funderName: funderName, minutesPerPeriod: minutesPerPeriod,
        period: try StoreError.known(FundingPeriod(rawValue: period), "funding_agreements.period", period),
        starts: try StoreError.known(Day(iso: starts), "funding_agreements.starts", starts),
        ends: try ends.map { try StoreError.known(Day(iso: $0), "funding_agreements.ends", $0) },
        ratePence: ratePence, bankLimitMinutes: bankLimitMinutes, bankWeeks: bankWeeks,
        compressMinMinutes: compressMinMinutes, compressMaxMinutes: compressMaxMinutes, noticeDays: noticeDays)
      return FundingAgreement(
        id: CareCore.ID(id!), coopID: CareCore.ID(coopID), personID: CareCore.ID(personID), terms: terms,
        recordedBy: CareCore.ID(recordedBy), recordedAt: recordedAt)
    }
  }
}

final class HoursEntryRow: Model, @unchecked Sendable {
  static let schema = "hours_entries"
  @IDProperty<HoursEntryRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "person_id") var personID: UUID
  @Field(key: "agreement_id") var agreementID: UUID
  @Field(key: "seq") var seq: Int
  @Field(key: "kind") var kind: String
  @Field(key: "at") var at: Date
  @OptionalField(key: "actor_id") var actorID: UUID?
  @OptionalField(key: "on_behalf_of") var onBehalfOf: UUID?
  @Field(key: "reason") var reason: String
  @OptionalField(key: "reverses") var reverses: UUID?
  @OptionalField(key: "period_start") var periodStart: String?
  @OptionalField(key: "visit_key") var visitKey: String?
  @OptionalField(key: "idempotency_key") var idempotencyKey: String?
  @OptionalField(key: "request_hash") var requestHash: String?

  init() {}
}

final class HoursPostingRow: Model, @unchecked Sendable {
  static let schema = "hours_postings"
  @IDProperty<HoursPostingRow, UUID>(key: .id) var id: UUID?
  @Field(key: "entry_id") var entryID: UUID
  @Field(key: "agreement_id") var agreementID: UUID
  @Field(key: "bucket") var bucket: String
  @Field(key: "minutes") var minutes: Int

  init() {}
}

/// One kept entry of a person's hours ledger, with who made it (nil: the co-op's scheduled work), on whose
/// behalf, why, and the period it gave or lapsed.
public struct HoursRecord: Sendable, Hashable {
  public let entry: HoursEntry
  public let agreementID: ID<FundingAgreement>
  public let seq: Int
  public let actorID: ID<Account>?
  public let onBehalfOf: ID<Person>?
  public let reason: String
  public let periodStart: Day?
  /// The visit a `use` entry (or the reversal of one) is for.
  public var visitKey: String? = nil
}

/// A posting asked for with an idempotency key: the key (the client's, per requester) and a hash of what was
/// asked, so the same key and request replays the first answer and the same key with another request is
/// refused.
public struct IdempotencyKey: Sendable, Hashable {
  public let key: String
  public let requestHash: String
  public init(key: String, requestHash: String) {
    self.key = key
    self.requestHash = requestHash
  }
}

/// What a posting did: kept now, or the same request made before (its first answer again).
public enum HoursPost: Sendable {
  case posted(HoursRecord)
  case replayed(HoursRecord)

  public var record: HoursRecord {
    switch self {
    case .posted(let r), .replayed(let r): r
    }
  }
}

extension FundingAgreement {
  /// What the agreement allows of banking, for the ledger.
  public var banking: BankingRules { BankingRules(limit: terms.bankLimitMinutes, weeks: terms.bankWeeks) }
}

extension Store {
  /// Records a funding agreement of the person's (terms checked first), with an audit line.
  public func recordFunding(_ terms: FundingTerms, permit: Permit, env: Effects) async throws -> FundingAgreement {
    guard case .manageFunding(let team) = permit.action else { throw CareError.forbidden }
    let terms = try terms.validated()
    return try await write { db in
      let row = FundingAgreementRow()
      row.id = env.newID()
      (row.coopID, row.personID) = (permit.coopID.rawValue, team.personID.rawValue)
      (row.funder, row.funderName, row.minutesPerPeriod, row.period) = (
        terms.funder.rawValue, terms.funderName, terms.minutesPerPeriod, terms.period.rawValue
      )
      (row.starts, row.ends, row.ratePence) = (terms.starts.iso, terms.ends?.iso, terms.ratePence)
      (row.bankLimitMinutes, row.bankWeeks) = (terms.bankLimitMinutes, terms.bankWeeks)
      (row.compressMinMinutes, row.compressMaxMinutes, row.noticeDays) = (
        terms.compressMinMinutes, terms.compressMaxMinutes, terms.noticeDays
      )
      (row.recordedBy, row.recordedAt) = (permit.requester.account.id.rawValue, env.now())
      try await row.create(on: db)
      try await Self.append(
        .recordFunding, coop: permit.coopID, actor: permit.requester.account.id, person: team.personID,
        detail: "\(terms.funder.label) (\(terms.funderName)): \(Minutes(terms.minutesPerPeriod).spoken) "
          + "\(terms.period.label) from \(terms.starts.iso)" + (terms.ends.map { " to \($0.iso)" } ?? ""),
        env: env, on: db)
      return try row.value
    }
  }

  /// The person's funding agreements, oldest first.
  public func fundingAgreements(permit: Permit) async throws -> [FundingAgreement] {
    try Self.check(permit, anyOf: [.viewHours, .viewMoney, .changeHours, .manageFunding, .choosePayments])
    guard let person = permit.personID else { throw CareError.forbidden }
    return try await FundingAgreementRow.query(on: db).filter(\.$personID == person.rawValue).sort(\.$starts)
      .sort(\.$id).all().map { try $0.value }
  }

  /// Every entry of the person's hours ledger, by agreement, in the order they were made.
  public func hoursRecords(permit: Permit) async throws -> [HoursRecord] {
    try Self.check(permit, anyOf: [.viewHours, .viewMoney, .changeHours, .manageFunding])
    guard let person = permit.personID else { throw CareError.forbidden }
    let rows = try await HoursEntryRow.query(on: db).filter(\.$personID == person.rawValue).sort(\.$agreementID)
      .sort(\.$seq).all()
    return try await Self.records(rows, on: db)
  }

  /// Every funding agreement of every person (the scheduled job settles each).
  public func allFundingAgreements() async throws -> [FundingAgreement] {
    try await FundingAgreementRow.query(on: db).sort(\.$id).all().map { try $0.value }
  }

  /// Gives each period's hours that has begun, lapses the hours left of each period that has ended (at the
  /// next one's start), and expires banked hours past their weeks: entries made by nobody, each with the
  /// period it is for, in one transaction with the book locked. Returns what it posted.
  public func settleHours(_ agreement: FundingAgreement, env: Effects) async throws -> [HoursRecord] {
    try await lockedBook(agreement) { db, book in
      try await Self.settle(agreement, book: &book, env: env, on: db)
    }
  }

  /// Posts one entry the requester's permit allows on the person's book under `agreement`, after settling
  /// it: `make` gets the settled book and returns the entry (or throws the ledger's reason). With a key: the
  /// same key and request again replays the first answer; the same key with another request is refused.
  /// The book is locked while it is read and written (PostgreSQL: an advisory lock, tried again for up to
  /// 5 s; SQLite: its one writer), and its entries are numbered by a unique index, so two postings racing for
  /// the last hour cannot both be kept.
  public func postHours(
    agreement agreementID: ID<FundingAgreement>, action: AuditAction, reason: String, key: IdempotencyKey?,
    permit: Permit, env: Effects,
    make: @escaping @Sendable (HoursBook, FundingAgreement) throws -> HoursEntry
  ) async throws -> HoursPost {
    try Self.check(permit, .changeHours)
    guard let person = permit.personID,
      let agreement = try await FundingAgreementRow.find(agreementID.rawValue, on: db).map({ try $0.value }),
      agreement.personID == person
    else { throw CareError.notFound }
    let actor = permit.requester.account.id
    return try await lockedBook(agreement) { db, book in
      if let key,
        let row = try await HoursEntryRow.query(on: db).filter(\.$actorID == actor.rawValue)
          .filter(\.$idempotencyKey == key.key).first()
      {
        guard row.requestHash == key.requestHash else {
          throw CareError.invalid("Idempotency-Key", "This key was sent before with a different request")
        }
        return .replayed(try await Self.records([row], on: db)[0])
      }
      _ = try await Self.settle(agreement, book: &book, env: env, on: db)
      let entry = try make(book, agreement)
      let record = try await Self.keep(
        entry, agreement: agreement, book: &book, actor: actor, onBehalfOf: permit.onBehalfOf, reason: reason,
        key: key, env: env, on: db)
      try await Self.append(
        action, coop: permit.coopID, actor: actor, onBehalfOf: permit.onBehalfOf, person: person,
        detail: "\(Minutes(entry.minutes).spoken) (\(agreement.terms.funderName)): \(reason)", env: env, on: db)
      return .posted(record)
    }
  }

  /// Runs `body` in a write transaction holding the agreement's book: locked (PostgreSQL: tried again for
  /// up to 5 s), read (from its snapshot when that folds every entry so far, else folded from the entries),
  /// then passed in to be added to; the snapshot is written back in the same transaction. A racing writer
  /// that got the next number first makes this one start again.
  private func lockedBook<T: Sendable>(
    _ agreement: FundingAgreement,
    _ body: @escaping @Sendable (any Database, inout HoursBook) async throws -> T
  ) async throws -> T {
    try await whileBooksAreBusy(["hours:\(agreement.id)"]) {
      try await self.write { db in
        guard try await Dialect(db).tryLockKeys(["hours:\(agreement.id)"]) else { return nil }
        var (book, snapshot) = try await Self.book(agreement, on: db)
        let result = try await body(db, &book)
        try await Self.keepSnapshot(book, of: agreement, row: snapshot, on: db)
        return result
      }
    }
  }

  /// Runs `attempt` until it returns a value: again (after a short random wait, for up to 5 s) when it found
  /// a book locked (nil) or another writer kept a book's next entry first; then the hours are busy (409).
  func whileBooksAreBusy<T: Sendable>(_ keys: [String], _ attempt: () async throws -> T?) async throws -> T {
    try await whileBusy(
      keys: keys, retrying: ["hours_entries_in_order"],
      busy: CareError.conflict(FieldError("minutes", "The hours are busy: try again")),
      attempt)
  }

  /// Runs `attempt` once this process's earlier writers to `keys` are done (in line at the store's gate,
  /// holding no connection), and until it returns a value: again (after a short random wait, for up to 5 s)
  /// when it found its database lock taken by another process (nil) or broke one of the `retrying`
  /// constraints (another writer got there first); then `busy`.
  func whileBusy<T: Sendable>(
    keys: [String], retrying: Set<String>, busy: CareError, _ attempt: () async throws -> T?
  ) async throws -> T {
    try await gate.holding(keys) {
      let deadline = Date().addingTimeInterval(5)
      while true {
        do {
          if let result = try await attempt() { return result }
        } catch StoreError.constraint(let name) where retrying.contains(name) {
          // Another writer got there first: read again.
        }
        guard Date() < deadline else { throw busy }
        try await Task.sleep(nanoseconds: UInt64.random(in: 2_000_000...20_000_000))
      }
    }
  }

  /// The entries `settle` owes the book by now (see `settleHours`), kept one by one.
  private static func settle(
    _ agreement: FundingAgreement, book: inout HoursBook, env: Effects, on db: any Database
  ) async throws -> [HoursRecord] {
    let now = env.now()
    let calendar = CoopCalendar.london
    let today = calendar.day(of: now)
    let kept = try await HoursEntryRow.query(on: db).filter(\.$agreementID == agreement.id.rawValue)
      .filter(\.$periodStart != nil).all()
    let given = Set(kept.filter { $0.kind == HoursEntryKind.allocate.rawValue }.compactMap(\.periodStart))
    let lapsed = Set(kept.filter { $0.kind == HoursEntryKind.lapse.rawValue }.compactMap(\.periodStart))
    let periods = agreement.periods(through: today)
    var posted: [HoursRecord] = []
    func keep(_ entry: HoursEntry?, _ reason: String, period: Day? = nil) async throws {
      guard let entry else { return }
      posted.append(
        try await Self.keep(
          entry, agreement: agreement, book: &book, actor: nil, onBehalfOf: nil, reason: reason, period: period,
          env: env, on: db))
    }
    for (index, period) in periods.enumerated() where !given.contains(period.lowerBound.iso) {
      let start = calendar.instant(on: period.lowerBound, atMinute: 0)
      try await keep(book.expire(at: start, rules: agreement.banking, id: env.newID()), "banked hours past their weeks")
      if index > 0, !lapsed.contains(periods[index - 1].lowerBound.iso) {
        try await keep(
          book.lapse(id: env.newID(), at: start), "not used by the end of the period",
          period: periods[index - 1].lowerBound)
      }
      try await keep(
        try book.allocate(agreement.allocation(for: period), id: env.newID(), at: start),
        "the hours from \(period.lowerBound.longText) to \(period.upperBound.longText)", period: period.lowerBound)
    }
    if let last = periods.last, let ends = agreement.terms.ends, ends < today, !lapsed.contains(last.lowerBound.iso) {
      try await keep(
        book.lapse(id: env.newID(), at: calendar.instant(on: ends.adding(days: 1), atMinute: 0)),
        "not used by the end of the agreement", period: last.lowerBound)
    }
    try await keep(book.expire(at: now, rules: agreement.banking, id: env.newID()), "banked hours past their weeks")
    if !posted.isEmpty {
      try await append(
        .settleHours, coop: agreement.coopID, actor: nil,
        person: agreement.personID,
        detail: "\(agreement.terms.funderName): "
          + posted.map { "\($0.entry.kind.rawValue) \(Minutes($0.entry.minutes).spoken)" }.joined(separator: "; "),
        env: env, on: db)
    }
    return posted
  }

  /// Keeps one entry (numbered next in the book) and its postings, and takes it into the book.
  static func keep(
    _ entry: HoursEntry, agreement: FundingAgreement, book: inout HoursBook, actor: ID<Account>?,
    onBehalfOf: ID<Person>?, reason: String, period: Day? = nil, key: IdempotencyKey? = nil,
    visitKey: String? = nil, env: Effects, on db: any Database
  ) async throws -> HoursRecord {
    precondition(entry.isBalanced, "an hours entry must sum to zero")
    let row = HoursEntryRow()
    row.id = entry.id
    (row.coopID, row.personID, row.agreementID) = (
      agreement.coopID.rawValue, agreement.personID.rawValue, agreement.id.rawValue
    )
    (row.seq, row.kind, row.at) = (book.count + 1, entry.kind.rawValue, entry.at)
    (row.actorID, row.onBehalfOf, row.reason) = (actor?.rawValue, onBehalfOf?.rawValue, reason)
    (row.reverses, row.periodStart) = (entry.reverses, period?.iso)
    (row.idempotencyKey, row.requestHash, row.visitKey) = (key?.key, key?.requestHash, visitKey)
    try await row.create(on: db)
    for posting in entry.postings {
      let p = HoursPostingRow()
      p.id = env.newID()
      (p.entryID, p.agreementID, p.bucket, p.minutes) = (
        entry.id, agreement.id.rawValue, posting.bucket.rawValue, posting.minutes
      )
      try await p.create(on: db)
    }
    book.apply(entry)
    return HoursRecord(
      entry: entry, agreementID: agreement.id, seq: row.seq, actorID: actor, onBehalfOf: onBehalfOf, reason: reason,
      periodStart: period, visitKey: visitKey)
  }

  /// Entries with their postings, read back.
  static func records(_ rows: [HoursEntryRow], on db: any Database) async throws -> [HoursRecord] {
    guard !rows.isEmpty else { return [] }
    let postings = try await HoursPostingRow.query(on: db).filter(\.$entryID ~~ rows.compactMap(\.id)).all()
    let byEntry = Dictionary(grouping: postings, by: \.entryID)
    return try rows.map { row in
      let kind = try StoreError.known(HoursEntryKind(rawValue: row.kind), "hours_entries.kind", row.kind)
      let lines = try (byEntry[row.id!] ?? []).sorted { ($0.bucket, $0.minutes) < ($1.bucket, $1.minutes) }.map {
        HoursPosting(
          try StoreError.known(HoursBucket(rawValue: $0.bucket), "hours_postings.bucket", $0.bucket), $0.minutes)
      }
      return HoursRecord(
        entry: HoursEntry(id: row.id!, at: row.at, kind: kind, postings: lines, reverses: row.reverses),
        agreementID: CareCore.ID(row.agreementID), seq: row.seq, actorID: row.actorID.map(CareCore.ID.init),
        onBehalfOf: row.onBehalfOf.map(CareCore.ID.init), reason: row.reason,
        periodStart: row.periodStart.flatMap(Day.init(iso:)), visitKey: row.visitKey)
    }
  }
}
