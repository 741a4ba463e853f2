import CareCore
import CareStore
import Foundation

/// A visit's record page model: the lines the reader may see, whose visit it is, and whether they write it.
public struct VisitRecordModel: Sendable {
  public let record: VisitRecord
  /// The lines this reader sees (family do not see personal care; the team's workers the last weeks).
  public let lines: [VisitRecord.Line]
  public let personName: String
  public let names: [ID<Account>: String]
  /// One of the visit's own workers: they write the record.
  public let mayWrite: Bool
  /// The reader's own entries that stand, by kind: what a correction would correct.
  public let mine: [RecordEntryKind: RecordEntry]
  public let reader: ID<Account>
  /// Planned times, the worker's confirmed times, and whether the person agrees.
  public let times: VisitTimes
  /// The person or their arranger: they say whether the times are right.
  public let mayAnswerTimes: Bool
  /// The visit's day has come (times can be confirmed).
  public let hasHappened: Bool
  /// For the visit's workers: each dose due at this visit, and each medicine taken as needed.
  public let dueDoses: [DueDose]
  /// Each medicine's name (the newest version's), for the lines.
  public let medicineNames: [ID<Medicine>: String]
  /// What the person decided about their records (auto-confirmation, personal care shown to family).
  public let settings: RecordSettings
  /// For the visit's workers, before going in: how the person has been at the visits of the last days
  /// (`EarlierNotes`); empty for a cover worker from outside the team once the visit is over.
  public var earlier: [RecordEntry] = []
  /// The reader is the person themselves (the page speaks to them as "you").
  public var isPerson = false

  public func name(_ id: ID<Account>) -> String { names[id] ?? "Someone" }
  public func medicineName(_ id: ID<Medicine>) -> String { medicineNames[id] ?? "A medicine" }

  /// Whether the reader has checked in (and not out) on this visit.
  public var isCheckedIn: Bool { mine[.checkIn] != nil }
  public var isCheckedOut: Bool { mine[.checkOut] != nil }
}

/// A dose due at a visit (or a medicine taken as needed: `doseAt` nil), and what the reader wrote about it.
public struct DueDose: Sendable, Hashable {
  public let version: MedicineVersion
  public let doseAt: Int?
  /// The reader's own standing entry for this dose, once written.
  public let written: RecordEntry?

  /// The page's form for it: "med-<medicine>-<minute>" or "med-<medicine>-asNeeded".
  public var formName: String { "med-\(version.medicineID)-\(doseAt.map(String.init) ?? "asNeeded")" }
}

/// Visit records: written by the visit's workers as it happens (or later, marked late), read by the person
/// and their team as far as each may.
extension Cases {
  /// The most entries one sending may carry (a phone back in signal after a long day sends them all).
  public static let mostEntriesASending = 500

  /// The visit and what the policy needs about it: the person's team, its workers, whether it is published.
  /// A visit of another co-op is "not found".
  func visitFacts(_ visitID: ID<RotaVisit>, by requester: Requester) async throws -> (RotaVisit, VisitFacts) {
    guard let visit = try await store.visit(visitID), let week = try await store.rotaWeek(visit.weekID),
      week.coopID == requester.coopID,
      let team = try await store.teamFacts(visit.personID, coop: requester.coopID)
    else { throw CareError.notFound }
    let workers = Set([visit.workerID] + [visit.partnerID].compactMap { $0 })
    return (visit, VisitFacts(team: team, workers: workers, isPublished: week.state == .published))
  }

  /// A visit's record for its workers (who write it) and for the person and their team (who read it, as
  /// much as each may); the look is in the person's who-looked log. Anyone else: "not found".
  public func visitRecord(_ visitID: ID<RotaVisit>, by requester: Requester) async throws -> VisitRecordModel {
    let (visit, facts) = try await visitFacts(visitID, by: requester)
    let write = try? AccessPolicy.permit(requester, .recordVisit(facts))
    let permit = try write ?? AccessPolicy.permit(requester, .viewRecords(facts.team))
    let entries = try await store.visitRecord(visit, permit: permit, env: effects)
    let team = try await store.team(permit: permit)
    let settings = try await store.recordSettings(permit: permit)
    let view = RecordView.of(requester, in: team, today: today, settings: settings)
    let record = VisitRecord(visit: visit, entries: entries)
    let me = requester.account.id
    let lines = record.lines.filter { view.shows($0.entry, on: visit.day, to: me) }
    var earlier: [RecordEntry] = []
    if write != nil,
      let before = try? AccessPolicy.permit(
        requester, .readBeforeVisit(facts, underWay: visit.isUnderWay(at: effects.now())))
    {
      let recent = try await store.records(
        permit: before, from: visit.day.adding(days: -EarlierNotes.days), through: visit.day, env: effects)
      earlier = EarlierNotes.of(recent, before: visit)
    }
    var names = try await store.accountNames(Array(Set((entries + earlier).map(\.authorID))))
    names[team.personAccount.id] = team.personAccount.name
    var mine: [RecordEntryKind: RecordEntry] = [:]
    for line in record.current where line.entry.authorID == me && line.entry.kind.isOnePerVisit {
      mine[line.entry.kind] = line.entry
    }
    let times = VisitTimes(
      visit: visit, answers: try await store.timesAnswers(visit, permit: permit),
      autoConfirmDays: settings.autoConfirmDays, now: effects.now())
    let medicines = try await store.medicines(permit: permit)
    var medicineNames: [ID<Medicine>: String] = [:]
    for v in medicines.versions.sorted(by: { $0.version < $1.version }) { medicineNames[v.medicineID] = v.details.name }
    var due: [DueDose] = []
    if write != nil {
      let standing = record.current.map(\.entry).filter { $0.authorID == me && $0.kind == .medicine }
      for version in medicines.current {
        for at in version.details.dueTimes(at: visit) {
          let written = standing.first { $0.medicine?.medicineID == version.medicineID && $0.medicine?.doseAt == at }
          due.append(DueDose(version: version, doseAt: at, written: written))
        }
        if version.details.asNeeded && version.details.givenBy != .family {
          due.append(DueDose(version: version, doseAt: nil, written: nil))
        }
      }
    }
    var model = VisitRecordModel(
      record: record, lines: lines, personName: team.personAccount.name, names: names, mayWrite: write != nil,
      mine: mine, reader: me, times: times,
      mayAnswerTimes: allows(requester, .confirmVisitTimes(facts.team)), hasHappened: visit.day <= today,
      dueDoses: due, medicineNames: medicineNames, settings: settings)
    model.earlier = earlier
    model.isPerson = me == team.personAccount.id
    return model
  }

  /// Keeps entries the visit's worker wrote (from the phone, maybe hours later once in signal, maybe twice):
  /// each once, checked against the visit and the record so far; nothing of a sending with a problem.
  @discardableResult
  public func writeRecord(_ visitID: ID<RotaVisit>, entries: [NewRecordEntry], by requester: Requester)
    async throws -> RecordWrite
  {
    let (_, facts) = try await visitFacts(visitID, by: requester)
    let permit = try AccessPolicy.permit(requester, .recordVisit(facts))
    guard !entries.isEmpty, entries.count <= Self.mostEntriesASending else {
      throw CareError.invalid([FieldError("entries", "Send from 1 to \(Self.mostEntriesASending) entries at a time")])
    }
    return try await store.writeRecord(
      entries, visit: visitID, permit: permit, link: links.recordPath(visitID), env: effects)
  }
}

/// One entry as a page's form sends it (strings, as typed): checked after the policy has said yes.
public struct RecordForm: Sendable {
  public var entryID: String
  public var kind: String
  public var task: String = ""
  public var outcome: String = ""
  public var text: String = ""
  public var wellbeing: String = ""
  public var isPersonalCare = false
  public var waterInReach: String = ""
  public var pendantInReach: String = ""
  /// For a dose: the medicine's id, the dose time in minutes ("" when taken as needed), what happened.
  public var medicineID: String = ""
  public var doseAt: String = ""
  public var medicineOutcome: String = ""
  /// The phone's time (RFC 3339) when written, set by the page's script; empty without it.
  public var deviceAt: String = ""
  /// A correction: the id of the worker's own entry it corrects, and why.
  public var corrects: String = ""
  public var correctionReason: String = ""

  public init(entryID: String, kind: String) {
    self.entryID = entryID
    self.kind = kind
  }

  /// The time the page's script put on the entry, unless missing, unreadable or ahead of the server by more
  /// than five minutes (a phone's clock may be a little fast; not hours): then the server's time.
  static func phoneTime(_ text: String, now: Date) -> Date {
    let parsed =
      (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
      ?? (try? Date.ISO8601FormatStyle().parse(text))
    guard let parsed, parsed <= now.addingTimeInterval(300) else { return now }
    return parsed
  }

  /// "yes" and "no" as the radios send them.
  static func yesNo(_ text: String) -> Bool? { text == "yes" ? true : text == "no" ? false : nil }
}

extension Cases {
  /// Keeps one entry from the visit's page, written now; problems name the form's own fields (`text`,
  /// `outcome`, …). The form's id (made when the page was shown) keeps a double press to one entry.
  public func writeRecord(_ visitID: ID<RotaVisit>, form: RecordForm, by requester: Requester) async throws {
    let (_, facts) = try await visitFacts(visitID, by: requester)
    let permit = try AccessPolicy.permit(requester, .recordVisit(facts))
    guard let kind = RecordEntryKind(rawValue: form.kind) else {
      throw CareError.invalid([FieldError("kind", "Choose what to record")])
    }
    guard let id = UUID(uuidString: form.entryID) else {
      throw CareError.invalid([FieldError("kind", "The page was out of date: try again")])
    }
    let entry = NewRecordEntry(
      id: id, kind: kind, task: VisitTask(rawValue: form.task), outcome: TaskOutcome(rawValue: form.outcome),
      wellbeing: Int(form.wellbeing), text: form.text, waterInReach: RecordForm.yesNo(form.waterInReach),
      pendantInReach: RecordForm.yesNo(form.pendantInReach), isPersonalCare: form.isPersonalCare,
      deviceAt: RecordForm.phoneTime(form.deviceAt, now: effects.now()), corrects: UUID(uuidString: form.corrects),
      correctionReason: form.corrects.isEmpty ? nil : form.correctionReason,
      medicineID: UUID(uuidString: form.medicineID),
      doseAt: Int(form.doseAt),
      medicineOutcome: MedicineOutcome(rawValue: form.medicineOutcome))
    do {
      _ = try await store.writeRecord(
        [entry], visit: visitID, permit: permit, link: links.recordPath(visitID), env: effects)
    } catch CareError.invalid(let problems) {
      throw CareError.invalid(problems.map { FieldError(Self.formField($0.field), $0.message) })
    } catch CareError.conflict(let problem) {
      throw CareError.conflict(FieldError(Self.formField(problem.field), problem.message))
    }
  }

  /// "entries[0].text" → "text".
  static func formField(_ field: String) -> String {
    field.hasPrefix("entries[") ? String(field.drop { $0 != "." }.dropFirst()) : field
  }

  /// A fresh id for an entry a page is about to offer (so a form sent twice keeps one entry).
  public func newEntryID() -> UUID { effects.newID() }
}

/// A visit's times: confirmed by its worker, then confirmed or disputed by the person (either order).
extension Cases {
  static let notYet = FieldError("start", "This visit has not happened yet")

  /// The visit's worker confirms when they arrived and left ("08:30", "09:30"), adjusting what the phone said
  /// if it was wrong. The newest confirmation counts; every one is kept.
  public func confirmTimes(_ visitID: ID<RotaVisit>, start: String, end: String, by requester: Requester)
    async throws
  {
    let (visit, facts) = try await visitFacts(visitID, by: requester)
    let permit = try AccessPolicy.permit(requester, .recordVisit(facts))
    let from = CoopCalendar.minute(ofClock: start)
    let until = CoopCalendar.minute(ofClock: end, endOfDay: true)
    var problems: [FieldError] = []
    if from == nil { problems.append(FieldError("start", "Give the time you arrived, like 08:30")) }
    if until == nil { problems.append(FieldError("end", "Give the time you left, like 09:30")) }
    if let from, let until, until <= from {
      problems.append(FieldError("end", "The time you left must be after the time you arrived"))
    }
    guard problems.isEmpty, let from, let until else { throw CareError.invalid(problems) }
    guard visit.day <= today else { throw CareError.conflict(Self.notYet) }
    try await store.answerTimes(
      TimesAnswer(
        id: ID(effects.newID()), coopID: requester.coopID, personID: visit.personID, visitKey: visit.key,
        visitID: visit.id, accountID: requester.account.id, side: .worker, answer: .confirm, start: from,
        end: until, reason: "", at: effects.now()),
      permit: permit, env: effects)
  }

  /// The person (or their arranger) says the times are right, or that something is wrong and what: a
  /// disputed visit is held until it is sorted out (a later "right" sorts it).
  public func answerTimes(_ visitID: ID<RotaVisit>, agree: Bool, reason: String, by requester: Requester)
    async throws
  {
    let (visit, facts) = try await visitFacts(visitID, by: requester)
    let permit = try AccessPolicy.permit(requester, .confirmVisitTimes(facts.team))
    var v = Validator()
    let why = v.text(
      reason, field: "reason", label: "what is wrong", required: !agree, max: NewRecordEntry.longestReason,
      multiline: true)
    try v.check()
    guard visit.day <= today else { throw CareError.conflict(FieldError("answer", Self.notYet.message)) }
    try await store.answerTimes(
      TimesAnswer(
        id: ID(effects.newID()), coopID: requester.coopID, personID: visit.personID, visitKey: visit.key,
        visitID: visit.id, accountID: requester.account.id, side: .person, answer: agree ? .confirm : .dispute,
        start: nil, end: nil, reason: why, at: effects.now()),
      permit: permit, env: effects)
  }
}
