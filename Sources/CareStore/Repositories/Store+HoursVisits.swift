import CareCore
import CareLedger
import FluentKit
import Foundation

// The hours ledger against the person's visits: confirmed visits posted as hours used (and undone), and
// what a proposed support pattern is checked against. The books themselves: Store+Hours.swift.

/// A visit whose times both sides confirmed (or that confirmed itself): its minutes are the person's hours used.
public struct ConfirmedVisit: Sendable, Hashable {
  public let key: String
  public let day: Day
  public let minutes: Int
  public init(key: String, day: Day, minutes: Int) {
    self.key = key
    self.day = day
    self.minutes = minutes
  }
}

/// What bringing the ledger in line with the confirmed visits did.
public struct VisitHoursChange: Sendable {
  public var used: [HoursRecord] = []
  public var reversed: [HoursRecord] = []
  /// Confirmed visits no agreement could pay for (none covers the day, or none has the hours left).
  public var unpaid: [ConfirmedVisit] = []
  public init() {}
}

extension Store {
  /// What a proposed support pattern is checked against: the person's pattern versions and their funding
  /// agreements (read before the change is decided; the proposer may not see the funding itself).
  public func patternHoursFacts(person: ID<Person>) async throws
    -> (versions: [PatternVersion], agreements: [FundingAgreement])
  {
    let agreements = try await FundingAgreementRow.query(on: db).filter(\.$personID == person.rawValue)
      .sort(\.$starts).sort(\.$id).all().map { try $0.value }
    return (try await patternVersions(person: person), agreements)
  }

  /// The facts the hours work needs about a person's visits: the published visits between two days, every
  /// answer about their times, and the person's auto-confirmation setting. For the co-op's own work (no
  /// requester: the scheduled job, and the use cases before hours are shown).
  public func visitFactsForHours(person: ID<Person>, from: Day, through: Day) async throws
    -> (visits: [RotaVisit], answers: [TimesAnswer], autoConfirmDays: Int?)
  {
    let visits = try await publishedVisits(column: "person_id", id: person.rawValue, from: from, through: through)
    let keys = Set(visits.map(\.key)).sorted()
    let answers =
      keys.isEmpty
      ? []
      : try await TimesAnswerRow.query(on: db).filter(\.$personID == person.rawValue).filter(\.$visitKey ~~ keys)
        .sort(\.$at).all().map { try $0.value }
    let settings = try await RecordSettingsRow.query(on: db).filter(\.$personID == person.rawValue).all()
      .max { ($0.changedAt, $0.id!.uuidString) < ($1.changedAt, $1.id!.uuidString) }
    return (visits, answers, settings?.autoConfirmDays ?? RecordSettings.standard.autoConfirmDays)
  }

  /// Brings the person's ledger in line with their confirmed visits, in one transaction holding every book
  /// of theirs: a `use` entry for each confirmed visit not yet used (paid from the agreement that covers its
  /// day with the hours left, the one that started first: `FundingAgreement.payer`), and a reversal for each
  /// use whose visit is no longer confirmed or whose minutes changed (then used again with the new minutes).
  /// Entries made by nobody (the co-op's work), with one audit line.
  ///
  /// Only uses of visits on days in `window` are looked at: the visits outside it were not read.
  public func reconcileVisitHours(
    person: ID<Person>, agreements: [FundingAgreement], confirmed: [ConfirmedVisit], window: ClosedRange<Day>,
    env: Effects
  ) async throws -> VisitHoursChange {
    guard let coop = agreements.first?.coopID else { return VisitHoursChange() }
    return try await whileBooksAreBusy(agreements.map { "hours:\($0.id)" }) {
      try await self.write { db -> VisitHoursChange? in
        guard try await Dialect(db).tryLockKeys(agreements.map { "hours:\($0.id)" }) else { return nil }
        var books: [ID<FundingAgreement>: HoursBook] = [:]
        var standing: [String: HoursRecord] = [:]
        for agreement in agreements {
          let rows = try await HoursEntryRow.query(on: db).filter(\.$agreementID == agreement.id.rawValue)
            .sort(\.$seq).all()
          let records = try await Self.records(rows, on: db)
          books[agreement.id] = HoursBook(records.map(\.entry))
          let reversed = Set(records.compactMap(\.entry.reverses))
          for r in records where r.entry.kind == .use && !reversed.contains(r.entry.id) {
            if let key = r.visitKey, let day = RotaVisit.day(ofKey: key), window.contains(day) { standing[key] = r }
          }
        }
        var change = VisitHoursChange()
        let wanted = Dictionary(confirmed.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        for (key, use) in standing.sorted(by: { $0.key < $1.key }) where wanted[key]?.minutes != use.entry.minutes {
          guard let agreement = agreements.first(where: { $0.id == use.agreementID }) else { continue }
          let reversal = try books[agreement.id]!.reverse(
            use.entry, rules: agreement.banking, id: env.newID(), at: env.now())
          change.reversed.append(
            try await Self.keep(
              reversal, agreement: agreement, book: &books[agreement.id]!, actor: nil, onBehalfOf: nil,
              reason: wanted[key] == nil
                ? "the visit's times are no longer confirmed" : "the confirmed times changed",
              visitKey: key, env: env, on: db))
          standing[key] = nil
        }
        for visit in confirmed.sorted(by: { ($0.day, $0.key) < ($1.day, $1.key) })
        where standing[visit.key] == nil && visit.minutes > 0 {
          let available = Dictionary(uniqueKeysWithValues: books.map { ($0.key, $0.value.balance(.available)) })
          guard
            let payer = FundingAgreement.payer(
              for: visit.day, minutes: visit.minutes, among: agreements, available: available)
          else {
            change.unpaid.append(visit)
            continue
          }
          let entry = try books[payer.id]!.use(visit.minutes, id: env.newID(), at: env.now())
          change.used.append(
            try await Self.keep(
              entry, agreement: payer, book: &books[payer.id]!, actor: nil, onBehalfOf: nil,
              reason: "the visit on \(visit.day.longText), times confirmed", visitKey: visit.key, env: env, on: db))
        }
        if !change.used.isEmpty || !change.reversed.isEmpty {
          try await Self.append(
            .settleHours, coop: coop, actor: nil, person: person,
            detail: "visits: \(change.used.count) used, \(change.reversed.count) undone", env: env, on: db)
        }
        return change
      }
    }
  }
}
