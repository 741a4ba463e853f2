import CareCore
import CareLedger
import CareStore
import Crypto
import Foundation

public typealias HoursRecord = CareStore.HoursRecord
public typealias HoursPost = CareStore.HoursPost
public typealias ConfirmedVisit = CareStore.ConfirmedVisit
public typealias VisitHoursChange = CareStore.VisitHoursChange

/// One agreement's hours as the person's page shows them.
public struct AgreementHours: Sendable {
  public let agreement: FundingAgreement
  /// The period that holds today (nil: the agreement has not started, or has ended).
  public let period: ClosedRange<Day>?
  public let available: Int
  public let banked: Int
  public let used: Int
  public let expired: Int
  /// What this period gave, and what was used in it.
  public let givenThisPeriod: Int
  public let usedThisPeriod: Int
  /// Banked hours by the day they expire, soonest first.
  public let expiring: [(day: Day, minutes: Int)]
  /// Its entries, newest first.
  public let records: [HoursRecord]
  /// Left at the period's end if the published visits still to be confirmed happen as planned (negative:
  /// more than there is; nil outside a period).
  public var forecast: Int? = nil
}

/// What banking or drawing would leave, shown before the person says yes.
public struct HoursPreview: Sendable {
  public let model: HoursModel
  public let hours: AgreementHours
  public let bank: Bool
  public let minutes: Int
  public let availableAfter: Int
  public let bankedAfter: Int
  /// When hours banked today would expire.
  public let expires: Day
}

/// The person's hours: each agreement's, and what the reader may do.
public struct HoursModel: Sendable {
  public let team: Team
  public let agreements: [AgreementHours]
  /// The person (or their arranger): bank and draw.
  public let mayChange: Bool
  /// The finance hat: record an agreement.
  public let mayManage: Bool
  /// The person, their arranger, the finance hat: the rates.
  public let mayViewMoney: Bool
  public let today: Day
  public let names: [ID<Account>: String]
  /// Confirmed visits no agreement could pay for (none covers the day, or none has the hours left).
  public let unpaid: [ConfirmedVisit]

  public var personName: String { team.personAccount.name }
  public func name(_ id: ID<Account>?) -> String {
    guard let id else { return "the co-op" }
    return names[id] ?? "someone no longer in the team"
  }
}

/// Hours that belong to the person: funding agreements recorded by the finance hat, each period's hours
/// given, lapsed and expired by the co-op's scheduled work, banked and drawn by the person's choice; every
/// movement an entry in an append-only ledger (`CareLedger`'s arithmetic).
extension Cases {
  /// How often the scheduled work settles every agreement (an hour).
  public static let hoursSettleEvery: TimeInterval = 3600

  public func hours(_ personID: ID<Person>, by requester: Requester) async throws -> HoursModel {
    let (team, permit) = try await team(personID, for: requester) { .viewHours($0) }
    let facts = TeamFacts(team)
    let agreements = try await store.fundingAgreements(permit: permit)
    let change = try await settle(personID, agreements)
    let records = try await store.hoursRecords(permit: permit)
    let calendar = CoopCalendar.london
    let hours = agreements.map { agreement -> AgreementHours in
      let mine = records.filter { $0.agreementID == agreement.id }
      let book = HoursBook(mine.map(\.entry))
      let period =
        agreement.covers(today) ? agreement.terms.period.period(containing: today, start: agreement.terms.starts) : nil
      let inPeriod = mine.filter { r in period.map { $0.contains(calendar.day(of: r.entry.at)) } ?? false }
      func moved(_ bucket: HoursBucket, _ kinds: Set<HoursEntryKind>) -> Int {
        inPeriod.filter { kinds.contains($0.entry.kind) }.flatMap(\.entry.postings).filter { $0.bucket == bucket }
          .reduce(0) { $0 + $1.minutes }
      }
      let weeks = agreement.terms.bankWeeks
      var expiring: [Day: Int] = [:]
      for lot in book.lots { expiring[calendar.day(of: lot.at).adding(days: weeks * 7), default: 0] += lot.minutes }
      return AgreementHours(
        agreement: agreement, period: period, available: book.balance(.available), banked: book.balance(.banked),
        used: book.balance(.used), expired: book.balance(.expired),
        givenThisPeriod: moved(.available, [.allocate]), usedThisPeriod: moved(.used, [.use, .reverse]),
        expiring: expiring.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, records: mine.reversed())
    }
    let ids = Set(records.compactMap(\.actorID) + agreements.map(\.recordedBy))
    let forecasts = try await forecast(personID, hours)
    let withForecast = hours.map { h in
      var h = h
      h.forecast = forecasts[h.agreement.id]
      return h
    }
    return HoursModel(
      team: team, agreements: withForecast, mayChange: allows(requester, .changeHours(facts)),
      mayManage: allows(requester, .manageFunding(facts)), mayViewMoney: allows(requester, .viewMoney(facts)),
      today: today, names: try await store.accountNames(Array(ids)), unpaid: change.unpaid)
  }

  /// What each agreement will have left at its period's end if the published visits still to be confirmed
  /// happen as planned: each such visit taken, in order, from the agreement that would pay for it (the
  /// payer rule, on the hours left as they go).
  func forecast(_ personID: ID<Person>, _ hours: [AgreementHours]) async throws -> [ID<FundingAgreement>: Int] {
    let periods = hours.compactMap { h in h.period.map { (h.agreement, $0) } }
    guard let first = periods.map(\.1.lowerBound).min(), let last = periods.map(\.1.upperBound).max() else {
      return [:]
    }
    let facts = try await store.visitFactsForHours(person: personID, from: first, through: last)
    var left = Dictionary(uniqueKeysWithValues: hours.map { ($0.agreement.id, $0.available) })
    for visit in facts.visits.filter({ $0.slot == 0 }).sorted(by: { ($0.day, $0.start) < ($1.day, $1.start) }) {
      let times = VisitTimes(
        visit: visit, answers: facts.answers.filter { $0.visitKey == visit.key },
        autoConfirmDays: facts.autoConfirmDays, now: effects.now())
      guard times.state != .confirmed else { continue }  // used already
      let inPeriod = periods.filter { $0.1.contains(visit.day) }.map(\.0)
      if let payer = FundingAgreement.payer(for: visit.day, minutes: visit.length, among: inPeriod, available: left) {
        left[payer.id, default: 0] -= visit.length
      } else if let first = inPeriod.first {
        left[first.id, default: 0] -= visit.length  // more than there is: the forecast goes below zero
      }
    }
    return left.filter { id, _ in periods.contains { $0.0.id == id } }
  }

  /// How far back confirmed visits are looked at (a visit confirmed later than this is not counted).
  static let hoursVisitDays = 92

  /// Settles each agreement of the person's (periods given, lapsed, expired), then brings the ledger in line
  /// with their confirmed visits: each one used from the agreement that pays for it, a use undone when its
  /// visit is no longer confirmed or its minutes changed.
  func settle(_ personID: ID<Person>, _ agreements: [FundingAgreement]) async throws -> VisitHoursChange {
    for agreement in agreements { _ = try await store.settleHours(agreement, env: effects) }
    guard let first = agreements.map(\.terms.starts).min(), first <= today else { return VisitHoursChange() }
    let window = max(first, today.adding(days: -Self.hoursVisitDays))...today
    let facts = try await store.visitFactsForHours(
      person: personID, from: window.lowerBound, through: window.upperBound)
    let confirmed = facts.visits.compactMap { visit -> ConfirmedVisit? in
      let times = VisitTimes(
        visit: visit, answers: facts.answers.filter { $0.visitKey == visit.key },
        autoConfirmDays: facts.autoConfirmDays, now: effects.now())
      guard let minutes = times.confirmedMinutes, minutes > 0 else { return nil }
      return ConfirmedVisit(key: visit.key, day: visit.day, minutes: minutes)
    }
    return try await store.reconcileVisitHours(
      person: personID, agreements: agreements, confirmed: confirmed, window: window, env: effects)
  }

  /// Records a funding agreement of the person's (the finance hat).
  @discardableResult
  public func recordFunding(_ terms: FundingTerms, person personID: ID<Person>, by requester: Requester)
    async throws -> FundingAgreement
  {
    let (_, permit) = try await team(personID, for: requester) { .manageFunding($0) }
    return try await store.recordFunding(terms, permit: permit, env: effects)
  }

  /// Whether the requester may record the person's funding: asked before a body is read.
  public func checkMayManageFunding(_ personID: ID<Person>, by requester: Requester) async throws {
    _ = try await team(personID, for: requester) { .manageFunding($0) }
  }

  /// Whether the requester may bank or draw the person's hours: asked before a body is read.
  public func checkMayChangeHours(_ personID: ID<Person>, by requester: Requester) async throws {
    _ = try await team(personID, for: requester) { .changeHours($0) }
  }

  /// Banks some of the period's hours (the person's choice), within the agreement's limit. With a key, the
  /// same request again answers as the first time.
  @discardableResult
  public func bankHours(
    _ minutes: Int, agreement: ID<FundingAgreement>, person personID: ID<Person>, key: String? = nil,
    by requester: Requester
  ) async throws -> HoursPost {
    try await postHours(.bank, minutes, agreement: agreement, person: personID, key: key, by: requester)
  }

  /// Draws banked hours back to use this period (the oldest first).
  @discardableResult
  public func drawHours(
    _ minutes: Int, agreement: ID<FundingAgreement>, person personID: ID<Person>, key: String? = nil,
    by requester: Requester
  ) async throws -> HoursPost {
    try await postHours(.draw, minutes, agreement: agreement, person: personID, key: key, by: requester)
  }

  private func postHours(
    _ kind: HoursEntryKind, _ minutes: Int, agreement: ID<FundingAgreement>, person personID: ID<Person>,
    key: String?, by requester: Requester
  ) async throws -> HoursPost {
    let (_, permit) = try await team(personID, for: requester) { .changeHours($0) }
    if minutes > FundingTerms.minutesRange.upperBound {
      throw CareError.invalid("minutes", "Give at most \(FundingTerms.minutesRange.upperBound) minutes")
    }
    if let key, key.isEmpty || key.count > 255 || TextRules.firstForbidden(in: key, multiline: false) != nil {
      throw CareError.invalid("Idempotency-Key", "An Idempotency-Key is 1 to 255 characters, no control characters")
    }
    let hash = SHA256.hash(data: Data("\(kind.rawValue)|\(agreement)|\(minutes)".utf8))
      .map { String(format: "%02x", $0) }.joined()
    let id = effects.newID()
    let at = effects.now()
    do {
      return try await store.postHours(
        agreement: agreement, action: kind == .bank ? .bankHours : .drawHours,
        reason: kind == .bank ? "banked by choice" : "drawn from the bank",
        key: key.map { IdempotencyKey(key: $0, requestHash: hash) }, permit: permit, env: effects
      ) { book, agreement in
        kind == .bank
          ? try book.bank(minutes, rules: agreement.banking, id: id, at: at)
          : try book.draw(minutes, id: id, at: at)
      }
    } catch let error as LedgerError {
      throw Self.words(error)
    }
  }

  /// Undoes a banking or a drawing of the person's hours that was a mistake: a new entry that turns its
  /// postings over, with why, never an edit. Once only; refused when the hours are no longer there to move
  /// back (banked hours drawn or expired since, drawn hours used) or when the bank would pass its limit.
  /// A visit's hours are corrected by its times, and the co-op's entries by the co-op, not here.
  @discardableResult
  public func correctHours(
    _ entryID: UUID, person personID: ID<Person>, reason: String, key: String? = nil, by requester: Requester
  ) async throws -> HoursPost {
    let (_, permit) = try await team(personID, for: requester) { .changeHours($0) }
    // With a key, an undoing sent again is answered by the store as the first time: not refused here.
    let (record, reason) = try await correctable(entryID, reason: reason, permit, undoneIsRefused: key == nil)
    if let key, key.isEmpty || key.count > 255 || TextRules.firstForbidden(in: key, multiline: false) != nil {
      throw CareError.invalid("Idempotency-Key", "An Idempotency-Key is 1 to 255 characters, no control characters")
    }
    let hash = SHA256.hash(data: Data("reverse|\(entryID)|\(reason)".utf8)).map { String(format: "%02x", $0) }
      .joined()
    let id = effects.newID()
    let at = effects.now()
    do {
      return try await store.postHours(
        agreement: record.agreementID, action: .correctHours, reason: "undone: \(reason)",
        key: key.map { IdempotencyKey(key: $0, requestHash: hash) }, permit: permit, env: effects
      ) { book, agreement in
        try book.reverse(record.entry, rules: agreement.banking, id: id, at: at)
      }
    } catch let error as LedgerError {
      throw Self.correctionWords(error, record.entry.kind)
    }
  }

  /// The entry to undo, checked: the person's, a banking or drawing; and its undoing, if it has been undone.
  public func correction(_ entryID: UUID, person personID: ID<Person>, by requester: Requester) async throws
    -> (model: HoursModel, record: HoursRecord, undoneBy: HoursRecord?)
  {
    let (_, permit) = try await team(personID, for: requester) { .changeHours($0) }
    let (record, _) = try await correctable(entryID, reason: nil, permit, undoneIsRefused: false)
    let model = try await hours(personID, by: requester)
    let undoing = model.agreements.flatMap(\.records).first { $0.entry.reverses == entryID }
    return (model, record, undoing)
  }

  private func correctable(_ entryID: UUID, reason: String?, _ permit: Permit, undoneIsRefused: Bool = true)
    async throws -> (HoursRecord, String)
  {
    let records = try await store.hoursRecords(permit: permit)
    guard let record = records.first(where: { $0.entry.id == entryID }) else { throw CareError.notFound }
    guard record.entry.kind == .bank || record.entry.kind == .draw else {
      throw CareError.invalid(
        "entry", "Only banking and drawing are undone here: a visit's hours follow its confirmed times")
    }
    if undoneIsRefused, records.contains(where: { $0.entry.reverses == entryID }) {
      throw CareError.conflict(FieldError("entry", "That has been undone already"))
    }
    guard let reason else { return (record, "") }
    var v = Validator()
    let text = v.text(reason, field: "reason", label: "why it is undone", max: 500, multiline: true)
    try v.check()
    return (record, text)
  }

  static func correctionWords(_ error: LedgerError, _ kind: HoursEntryKind) -> CareError {
    switch error {
    case .notEnough(.banked, let have, _):
      .conflict(
        FieldError("entry", "It cannot be undone: only \(Minutes(have).spoken) of it are still in the bank"))
    case .notEnough(_, let have, _):
      .conflict(
        FieldError(
          "entry", "It cannot be undone: only \(Minutes(have).spoken) of this period's hours are left to put back"))
    case .overBankLimit(let limit, _):
      .conflict(
        FieldError("entry", "It cannot be undone: the bank would hold more than \(Minutes(limit).spoken)"))
    case .cannotReverse: .conflict(FieldError("entry", "That has been undone already"))
    case .notPositive, .bankingNotAllowed: words(error)
    }
  }

  /// What banking or drawing would do, before it is done (the page's first step): checked against the book
  /// as it stands, refused with the same reasons, nothing kept.
  public func previewHours(
    bank: Bool, _ minutes: Int, agreement: ID<FundingAgreement>, person personID: ID<Person>,
    by requester: Requester
  ) async throws -> HoursPreview {
    try await checkMayChangeHours(personID, by: requester)
    let model = try await hours(personID, by: requester)
    guard let hours = model.agreements.first(where: { $0.agreement.id == agreement }) else {
      throw CareError.invalid("agreementID", "Choose one of the person's agreements")
    }
    var book = HoursBook(hours.records.reversed().map(\.entry))
    do {
      let entry =
        bank
        ? try book.bank(minutes, rules: hours.agreement.banking, id: UUID(), at: effects.now())
        : try book.draw(minutes, id: UUID(), at: effects.now())
      book.apply(entry)
    } catch {
      throw Self.words(error)
    }
    return HoursPreview(
      model: model, hours: hours, bank: bank, minutes: minutes, availableAfter: book.balance(.available),
      bankedAfter: book.balance(.banked),
      expires: today.adding(days: hours.agreement.terms.bankWeeks * 7))
  }

  /// The ledger's reason in words, on the field that was sent.
  static func words(_ error: LedgerError) -> CareError {
    switch error {
    case .notPositive: .invalid("minutes", "Give a number of minutes above 0")
    case .notEnough(.available, let have, _):
      .invalid("minutes", "Only \(Minutes(have).spoken) of this period's hours are left to bank")
    case .notEnough(.banked, let have, _): .invalid("minutes", "Only \(Minutes(have).spoken) are banked")
    case .notEnough(_, let have, _): .invalid("minutes", "Only \(Minutes(have).spoken) are left")
    case .bankingNotAllowed: .invalid("minutes", "This agreement does not allow banking hours")
    case .overBankLimit(let limit, _):
      .invalid("minutes", "This agreement allows \(Minutes(limit).spoken) banked at most")
    case .cannotReverse: .conflict(FieldError("entry", "That entry has been corrected already"))
    }
  }

  /// The scheduled work: settles every agreement (periods given, lapsed, banked hours expired). Returns how
  /// many entries it made.
  @discardableResult
  public func settleAllHours() async throws -> Int {
    var made = 0
    let byPerson = Dictionary(grouping: try await store.allFundingAgreements(), by: \.personID)
    for (person, agreements) in byPerson.sorted(by: { $0.key.description < $1.key.description }) {
      for agreement in agreements { made += try await store.settleHours(agreement, env: effects).count }
      let change = try await settle(person, agreements)
      made += change.used.count + change.reversed.count
    }
    return made
  }
}
