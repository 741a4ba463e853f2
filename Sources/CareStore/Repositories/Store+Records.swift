import CareCore
import FluentKit
import Foundation

final class RecordEntryRow: Model, @unchecked Sendable {
  static let schema = "record_entries"
  @IDProperty<RecordEntryRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "person_id") var personID: UUID
  @Field(key: "visit_key") var visitKey: String
  @Field(key: "visit_id") var visitID: UUID
  @Field(key: "visit_day") var visitDay: String
  @Field(key: "author_id") var authorID: UUID
  @Field(key: "kind") var kind: String
  @OptionalField(key: "task") var task: String?
  @OptionalField(key: "outcome") var outcome: String?
  @OptionalField(key: "wellbeing") var wellbeing: Int?
  @Field(key: "body") var body: String
  @OptionalField(key: "water_in_reach") var waterInReach: Bool?
  @OptionalField(key: "pendant_in_reach") var pendantInReach: Bool?
  @Field(key: "personal_care") var personalCare: Bool
  @Field(key: "device_at") var deviceAt: Date
  @Field(key: "received_at") var receivedAt: Date
  @OptionalField(key: "corrects_id") var correctsID: UUID?
  @OptionalField(key: "correction_reason") var correctionReason: String?
  @OptionalField(key: "medicine_id") var medicineID: UUID?
  @OptionalField(key: "medicine_version_id") var medicineVersionID: UUID?
  @OptionalField(key: "dose_at") var doseAt: Int?
  @OptionalField(key: "medicine_outcome") var medicineOutcome: String?

  init() {}

  init(_ e: RecordEntry, day: Day) {
    (id, coopID, personID, visitKey) = (e.id.rawValue, e.coopID.rawValue, e.personID.rawValue, e.visitKey)
    (visitID, visitDay, authorID, kind) = (e.visitID.rawValue, day.iso, e.authorID.rawValue, e.kind.rawValue)
    (task, outcome, wellbeing, body) = (e.task?.rawValue, e.outcome?.rawValue, e.wellbeing, e.text)
    (waterInReach, pendantInReach, personalCare) = (e.waterInReach, e.pendantInReach, e.isPersonalCare)
    (deviceAt, receivedAt) = (e.deviceAt, e.receivedAt)
    (correctsID, correctionReason) = (e.corrects?.rawValue, e.correctionReason)
    (medicineID, medicineVersionID) = (e.medicine?.medicineID.rawValue, e.medicine?.versionID.rawValue)
    (doseAt, medicineOutcome) = (e.medicine?.doseAt, e.medicine?.outcome.rawValue)
  }

  var value: RecordEntry {
    get throws {
      RecordEntry(
        id: CareCore.ID(id!), coopID: CareCore.ID(coopID), personID: CareCore.ID(personID), visitKey: visitKey,
        visitID: CareCore.ID(visitID), authorID: CareCore.ID(authorID),
        kind: try StoreError.known(RecordEntryKind(rawValue: kind), "record_entries.kind", kind),
        task: try task.map { try StoreError.known(VisitTask(rawValue: $0), "record_entries.task", $0) },
        outcome: try outcome.map { try StoreError.known(TaskOutcome(rawValue: $0), "record_entries.outcome", $0) },
        wellbeing: wellbeing, text: body, waterInReach: waterInReach, pendantInReach: pendantInReach,
        isPersonalCare: personalCare, deviceAt: deviceAt, receivedAt: receivedAt,
        corrects: correctsID.map(CareCore.ID.init), correctionReason: correctionReason,
        medicine: try medicine)
    }
  }

  private var medicine: MedicineDose? {
    get throws {
      guard let medicineID, let medicineVersionID, let medicineOutcome else { return nil }
      return MedicineDose(
        medicineID: CareCore.ID(medicineID), versionID: CareCore.ID(medicineVersionID), doseAt: doseAt,
        outcome: try StoreError.known(
          MedicineOutcome(rawValue: medicineOutcome), "record_entries.medicine_outcome", medicineOutcome))
    }
  }
}

/// What a batch of record entries did: how many were new, how many were repeats of entries already kept.
public struct RecordWrite: Sendable {
  public let added: Int
  public let repeated: Int
  public let entries: [RecordEntry]
}

extension Store {
  /// Keeps a batch of entries for one visit's record, as a permit to record that visit allows (its own
  /// workers, once published). In one transaction: each entry is checked against the visit and the record
  /// so far; an id already kept with the same content is a repeat (a phone sending again after a lost
  /// answer) and changes nothing; the same id with other content is a conflict and nothing of the batch is
  /// kept. One audit line for the batch. Two batches racing with one id: the primary key refuses the
  /// second, which is then read again as a repeat.
  ///
  /// A medicine dose refused or missed is told to the person's team at once, in the app (`link`: the
  /// record's page), in the same transaction; a repeat tells nobody again.
  public func writeRecord(
    _ entries: [NewRecordEntry], visit visitID: ID<RotaVisit>, permit: Permit, link: String? = nil, env: Effects
  ) async throws -> RecordWrite {
    guard case .recordVisit(let facts) = permit.action else { throw CareError.forbidden }
    do {
      return try await writeRecordOnce(entries, visit: visitID, facts: facts, permit: permit, link: link, env: env)
    } catch StoreError.constraint {
      return try await writeRecordOnce(entries, visit: visitID, facts: facts, permit: permit, link: link, env: env)
    }
  }

  private func writeRecordOnce(
    _ entries: [NewRecordEntry], visit visitID: ID<RotaVisit>, facts: VisitFacts, permit: Permit, link: String?,
    env: Effects
  ) async throws -> RecordWrite {
    let author = permit.requester.account.id
    let coop = permit.coopID
    let received = env.now()
    return try await write { db in
      guard let row = try await RotaVisitRow.find(visitID.rawValue, on: db) else { throw CareError.notFound }
      let visit = try row.value()
      guard visit.personID == facts.team.personID, visit.workerID == author || visit.partnerID == author else {
        throw CareError.forbidden
      }
      var earlier = try await RecordEntryRow.query(on: db).filter(\.$personID == visit.personID.rawValue)
        .filter(\.$visitKey == visit.key).all().map { try $0.value }
      let known = try await RecordEntryRow.query(on: db).filter(\.$id ~~ entries.map(\.id)).all()
        .map { try $0.value }
      let knownByID = Dictionary(known.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
      // Each statement sees what was committed when it began: a racing sending may have landed between
      // the two reads, so its entries of this visit count as the record so far too (else its check-out
      // would be checked against a record without its check-in).
      let earlierIDs = Set(earlier.map(\.id))
      earlier += known.filter {
        $0.personID == visit.personID && $0.visitKey == visit.key && !earlierIDs.contains($0.id)
      }
      let medicines =
        entries.contains { $0.kind == .medicine }
        ? try await Self.medicines(of: visit.personID, on: db) : MedicineList([])
      var added: [RecordEntry] = []
      var kept: [RecordEntry] = []
      var repeated = 0
      var seen: Set<UUID> = []
      for (i, new) in entries.enumerated() {
        let entry = try new.checked(
          for: visit, coop: coop, author: author, earlier: earlier, receivedAt: received,
          medicines: medicines.current, at: i)
        if let old = knownByID[entry.id] ?? (seen.contains(new.id) ? added.first { $0.id == entry.id } : nil) {
          guard old.sameContent(as: entry), old.personID == entry.personID else {
            throw CareError.conflict(
              FieldError("entries[\(i)].id", "An entry with this id was already sent saying something else"))
          }
          repeated += 1
          kept.append(old)
          continue
        }
        seen.insert(new.id)
        try await RecordEntryRow(entry, day: visit.day).create(on: db)
        added.append(entry)
        kept.append(entry)
        earlier.append(entry)
      }
      if !added.isEmpty {
        try await Self.append(
          .writeRecord, coop: coop, actor: author, person: visit.personID,
          detail: "visit on \(visit.day.iso) at \(CoopCalendar.clockText(visit.start)): "
            + added.map(\.kind.label).joined(separator: ", "),
          env: env, on: db)
        try await Self.tellTeam(
          about: added, visit: visit, facts: facts, medicines: medicines, link: link, env: env, on: db)
      }
      return RecordWrite(added: added.count, repeated: repeated, entries: kept)
    }
  }

  /// Messages the person's team (everyone in it but the writer) about doses refused or missed.
  private static func tellTeam(
    about entries: [RecordEntry], visit: RotaVisit, facts: VisitFacts, medicines: MedicineList, link: String?,
    env: Effects, on db: any Database
  ) async throws {
    let doses = entries.compactMap { e in e.medicine.map { (e, $0) } }.filter { $0.1.outcome.tellsTheTeam }
    guard !doses.isEmpty, let writer = doses.first?.0.authorID else { return }
    let person = try await AccountRow.find(facts.team.personAccountID.rawValue, on: db)?.name ?? "the person"
    let who = try await AccountRow.find(writer.rawValue, on: db)?.name ?? "The worker"
    let lines = doses.map { e, dose in
      let name = medicines.versions.first { $0.id == dose.versionID }?.details.name ?? "A medicine"
      let at = dose.doseAt.map { " (\(CoopCalendar.clockText($0)))" } ?? ""
      return "\(name)\(at): \(dose.outcome.label.lowercased()). \(e.text)"
    }
    let to = Set(facts.team.activeMembers.keys).union([facts.team.personAccountID]).subtracting([writer])
    let messages = to.sorted { $0.description < $1.description }.map {
      NewMessage(
        to: $0, subject: "Medicine not taken at \(person)'s visit today",
        body: "\(who) wrote at the visit on \(visit.day.iso) at \(CoopCalendar.clockText(visit.start)): "
          + lines.joined(separator: " "), link: link)
    }
    try await keep(messages, coop: facts.team.coopID, env: env, on: db)
  }

  /// Every entry of one visit's record (all its versions, oldest first), for a permit to record that visit
  /// or to read the person's records; the look is written to the person's who-looked log in the same call.
  public func visitRecord(_ visit: RotaVisit, permit: Permit, env: Effects) async throws -> [RecordEntry] {
    let allowed: Bool =
      switch permit.action {
      case .recordVisit(let facts):
        facts.team.personID == visit.personID
          && (visit.workerID == permit.requester.account.id || visit.partnerID == permit.requester.account.id)
      case .viewRecords(let team): team.personID == visit.personID
      default: false
      }
    guard allowed else { throw CareError.forbidden }
    let entries = try await RecordEntryRow.query(on: db).filter(\.$personID == visit.personID.rawValue)
      .filter(\.$visitKey == visit.key).sort(\.$deviceAt).all().map { try $0.value }
    try await viewLog.append(
      AuditEvent(
        id: ID(env.newID()), coopID: permit.coopID, at: env.now(), actorID: permit.requester.account.id,
        onBehalfOf: nil, personID: visit.personID, action: .viewRecord,
        detail: "visit on \(visit.day.iso) at \(CoopCalendar.clockText(visit.start))"))
    return entries
  }

  /// A person's record entries of visits between two days (inclusive), for a permit to read their records;
  /// the look is written to their who-looked log in the same call.
  public func records(permit: Permit, from: Day, through: Day, env: Effects) async throws -> [RecordEntry] {
    let team: TeamFacts
    switch permit.action {
    case .viewRecords(let facts): team = facts
    case .readBeforeVisit(let visit, _): team = visit.team
    default: throw CareError.forbidden
    }
    let entries = try await RecordEntryRow.query(on: db).filter(\.$personID == team.personID.rawValue)
      .filter(\.$visitDay >= from.iso).filter(\.$visitDay <= through.iso).sort(\.$deviceAt).all()
      .map { try $0.value }
    try await viewLog.append(
      AuditEvent(
        id: ID(env.newID()), coopID: permit.coopID, at: env.now(), actorID: permit.requester.account.id,
        onBehalfOf: nil, personID: team.personID, action: .viewRecord, detail: "visits \(from.iso) to \(through.iso)"))
    return entries
  }
}
