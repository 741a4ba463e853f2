import CareCore
import FluentKit
import Foundation
import SQLKit

final class MedicineVersionRow: Model, @unchecked Sendable {
  static let schema = "medicine_versions"
  @IDProperty<MedicineVersionRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "person_id") var personID: UUID
  @Field(key: "medicine_id") var medicineID: UUID
  @Field(key: "version") var version: Int
  @Field(key: "name") var name: String
  @Field(key: "dose") var dose: String
  @Field(key: "route") var route: String
  /// Minutes after midnight, comma-separated ("480,1200"); empty for as needed only.
  @Field(key: "times") var times: String
  @Field(key: "as_needed") var asNeeded: Bool
  @Field(key: "purpose") var purpose: String
  @Field(key: "given_by") var givenBy: String
  @Field(key: "instructions") var instructions: String
  @Field(key: "stops") var stops: Bool
  @Field(key: "reason") var reason: String
  @Field(key: "proposed_by") var proposedBy: UUID
  @Field(key: "proposed_at") var proposedAt: Date
  @OptionalField(key: "answered_by") var answeredBy: UUID?
  @OptionalField(key: "answered_at") var answeredAt: Date?
  @Field(key: "status") var status: String

  init() {}

  var value: MedicineVersion {
    get throws {
      let minutes = try times.split(separator: ",").map {
        try StoreError.known(Int($0), "medicine_versions.times", times)
      }
      let details = MedicineDetails(
        name: name, dose: dose,
        route: try StoreError.known(MedicineRoute(rawValue: route), "medicine_versions.route", route),
        times: minutes, asNeeded: asNeeded, purpose: purpose,
        givenBy: try StoreError.known(MedicineGiver(rawValue: givenBy), "medicine_versions.given_by", givenBy),
        instructions: instructions)
      return MedicineVersion(
        id: CareCore.ID(id!), medicineID: CareCore.ID(medicineID), personID: CareCore.ID(personID),
        version: version, details: details, stops: stops, reason: reason, proposedBy: CareCore.ID(proposedBy),
        proposedAt: proposedAt, answeredBy: answeredBy.map(CareCore.ID.init), answeredAt: answeredAt,
        status: try StoreError.known(MedicineVersion.Status(rawValue: status), "medicine_versions.status", status))
    }
  }
}

extension Store {
  /// Every version of the person's medicines, for a permit about their medicines or records (the use case
  /// decides whether the look goes in the who-looked log: `logMedicinesLook`).
  public func medicines(permit: Permit) async throws -> MedicineList {
    try Self.check(
      permit, anyOf: [.viewMedicines, .proposeMedicine, .answerMedicine, .recordVisit, .viewRecords])
    guard let person = permit.personID else { throw CareError.forbidden }
    return try await Self.medicines(of: person, on: db)
  }

  static func medicines(of person: ID<Person>, on db: any Database) async throws -> MedicineList {
    MedicineList(
      try await MedicineVersionRow.query(on: db).filter(\.$personID == person.rawValue).all().map { try $0.value })
  }

  /// The doses written on the person's visit records between two days (inclusive), with their corrections,
  /// for a permit to see their medicines (the chart).
  public func medicineDoses(permit: Permit, from: Day, through: Day) async throws -> [RecordEntry] {
    try Self.check(permit, .viewMedicines)
    guard let person = permit.personID else { throw CareError.forbidden }
    return try await RecordEntryRow.query(on: db).filter(\.$personID == person.rawValue)
      .filter(\.$kind == RecordEntryKind.medicine.rawValue)
      .filter(\.$visitDay >= from.iso).filter(\.$visitDay <= through.iso).sort(\.$deviceAt).all()
      .map { try $0.value }
  }

  /// Writes "looked at the medicines" in the person's who-looked log.
  public func logMedicinesLook(permit: Permit, detail: String, env: Effects) async throws {
    try Self.check(permit, .viewMedicines)
    guard let person = permit.personID else { throw CareError.forbidden }
    try await viewLog.append(
      AuditEvent(
        id: ID(env.newID()), coopID: permit.coopID, at: env.now(), actorID: permit.requester.account.id,
        onBehalfOf: nil, personID: person, action: .viewMedicines, detail: detail))
  }

  /// Keeps a proposed change as a new version (checked first: the details, a reason for a change or a stop,
  /// a medicine of this person, no other change of it waiting). The person's or arranger's own change is
  /// agreed at once; anyone else's waits for their answer. Two changes at one moment cannot both take the
  /// next number: the second is told to look again.
  public func proposeMedicine(_ change: MedicineChange, permit: Permit, env: Effects) async throws
    -> MedicineVersion
  {
    guard case .proposeMedicine(let team) = permit.action else { throw CareError.forbidden }
    let details = try change.details.validated()
    var v = Validator()
    let reason = v.text(
      change.reason, field: "reason", label: "why it changes", required: change.medicine != nil,
      max: NewRecordEntry.longestReason, multiline: true)
    try v.check()
    let actor = permit.requester.account.id
    let agreesAtOnce = AccessPolicy.decide(permit.requester, .answerMedicine(team)).isAllowed
    let clash = FieldError("reason", "The medicine was changed somewhere else at the same moment: look again")
    return try await writeChecked(conflict: clash) { db in
      let medicine: UUID
      var version = 1
      if let id = change.medicine {
        let history = try await MedicineVersionRow.query(on: db).filter(\.$medicineID == id.rawValue).all()
        guard let first = history.first, first.personID == team.personID.rawValue else { throw CareError.notFound }
        if history.contains(where: { $0.status == MedicineVersion.Status.proposed.rawValue }) {
          throw CareError.conflict(
            FieldError("reason", "A change to this medicine is already waiting for an answer"))
        }
        let agreed = history.filter { $0.status == MedicineVersion.Status.agreed.rawValue }.max {
          $0.version < $1.version
        }
        if agreed?.stops == true {
          throw CareError.conflict(FieldError("reason", "This medicine has been stopped: add it again as new"))
        }
        medicine = id.rawValue
        version = (history.map(\.version).max() ?? 0) + 1
      } else {
        guard !change.stops else {
          throw CareError.invalid([FieldError("stops", "Only a medicine on the list can be stopped")])
        }
        medicine = env.newID()
      }
      let row = MedicineVersionRow()
      row.id = env.newID()
      (row.coopID, row.personID, row.medicineID, row.version) = (
        permit.coopID.rawValue, team.personID.rawValue, medicine, version
      )
      (row.name, row.dose, row.route) = (details.name, details.dose, details.route.rawValue)
      row.times = details.times.map(String.init).joined(separator: ",")
      (row.asNeeded, row.purpose, row.givenBy) = (details.asNeeded, details.purpose, details.givenBy.rawValue)
      (row.instructions, row.stops, row.reason) = (details.instructions, change.stops, reason)
      (row.proposedBy, row.proposedAt) = (actor.rawValue, env.now())
      if agreesAtOnce {
        (row.answeredBy, row.answeredAt) = (actor.rawValue, env.now())
      }
      row.status = (agreesAtOnce ? MedicineVersion.Status.agreed : .proposed).rawValue
      try await row.create(on: db)
      let what = change.stops ? "stop" : version == 1 ? "new" : "change"
      try await Self.append(
        .proposeMedicine, coop: permit.coopID, actor: actor, onBehalfOf: permit.onBehalfOf, person: team.personID,
        detail: "\(details.name), \(what) (version \(version))", env: env, on: db)
      if agreesAtOnce {
        try await Self.append(
          .agreeMedicine, coop: permit.coopID, actor: actor, onBehalfOf: permit.onBehalfOf, person: team.personID,
          detail: "\(details.name), version \(version)", env: env, on: db)
      }
      return try row.value
    }
  }

  /// The person (or their arranger) agrees to a proposed change, or says no. Only a change still waiting
  /// can be answered: the update names the state it expects, so of two answers at once one is a conflict.
  public func answerMedicine(_ id: ID<MedicineVersion>, agree: Bool, permit: Permit, env: Effects) async throws
    -> MedicineVersion
  {
    guard case .answerMedicine(let team) = permit.action else { throw CareError.forbidden }
    let actor = permit.requester.account.id
    return try await write { db in
      guard let row = try await MedicineVersionRow.find(id.rawValue, on: db),
        row.personID == team.personID.rawValue
      else { throw CareError.notFound }
      let status = (agree ? MedicineVersion.Status.agreed : .declined).rawValue
      let changed = try await (db as! any SQLDatabase).update("medicine_versions")
        .set("status", to: SQLBind(status)).set("answered_by", to: SQLBind(actor.rawValue))
        .set("answered_at", to: SQLBind(env.now()))
        .where("id", .equal, SQLBind(id.rawValue))
        .where("status", .equal, SQLBind(MedicineVersion.Status.proposed.rawValue))
        .returning("id").all()
      guard !changed.isEmpty else {
        throw CareError.conflict(FieldError("version", "This change has already been answered"))
      }
      try await Self.append(
        agree ? .agreeMedicine : .declineMedicine, coop: permit.coopID, actor: actor, onBehalfOf: permit.onBehalfOf,
        person: team.personID, detail: "\(row.name), version \(row.version)", env: env, on: db)
      guard let updated = try await MedicineVersionRow.find(id.rawValue, on: db) else { throw CareError.notFound }
      return try updated.value
    }
  }
}
