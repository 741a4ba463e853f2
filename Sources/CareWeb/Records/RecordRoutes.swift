import CareCases
import CareCore
import Vapor

/// Visit records: the visit's page (its workers write it; the person and team read it) and the API the
/// worker's phone sends entries to.
enum RecordsWeb: WebCapability {
  static let openAPI: String? = "records"

  static func pages(_ r: PageRoutes) {
    r.get(.visitRecord(.key), RecordController.show)
    r.post(.visitRecord(.key), RecordController.write)
    r.post(.visitTimes(.key), RecordController.confirmTimes)
    r.post(.visitTimesAnswer(.key), RecordController.answerTimes)
    r.get(.teamRecordSettings(.key), RecordSettingsController.show)
    r.post(.teamRecordSettings(.key), RecordSettingsController.change)
    r.get(.teamVisits(.key), VisitHistoryController.show)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.visitRecord(.key)) { req async throws -> DTO.RecordOut in
      let actor = try await req.actor()
      return DTO.RecordOut(try await req.cases.visitRecord(try req.id(RotaVisit.self, SiteURL.visitID), by: actor))
    }
    v1.post(.visitRecord(.key)) { req async throws -> DTO.RecordWriteOut in
      let actor = try await req.actor()
      let visitID = try req.id(RotaVisit.self, SiteURL.visitID)
      let body = try req.content.decode(DTO.RecordIn.self)
      let written = try await req.cases.writeRecord(
        visitID, entries: body.entries.enumerated().map { try $1.domain($0) }, by: actor)
      return DTO.RecordWriteOut(
        added: written.added, repeated: written.repeated,
        record: DTO.RecordOut(try await req.cases.visitRecord(visitID, by: actor)))
    }
    v1.post(.visitTimes(.key)) { req async throws -> DTO.RecordOut in
      let actor = try await req.actor()
      let visitID = try req.id(RotaVisit.self, SiteURL.visitID)
      let body = try req.content.decode(DTO.TimesIn.self)
      try await req.cases.confirmTimes(visitID, start: body.start, end: body.end, by: actor)
      return DTO.RecordOut(try await req.cases.visitRecord(visitID, by: actor))
    }
    v1.get(.teamVisits(.key)) { req async throws -> DTO.VisitHistoryOut in
      let actor = try await req.actor()
      let (from, through) = try VisitHistoryController.range(req)
      return DTO.VisitHistoryOut(
        try await req.cases.visitHistory(try req.id(), from: from, through: through, by: actor))
    }
    v1.get(.teamRecordSettings(.key)) { req async throws -> DTO.RecordSettingsOut in
      DTO.RecordSettingsOut(try await req.cases.recordSettings(try req.id(), by: try await req.actor()).settings)
    }
    v1.put(.teamRecordSettings(.key)) { req async throws -> DTO.RecordSettingsOut in
      let actor = try await req.actor()
      let person: ID<Person> = try req.id()
      _ = try await req.cases.recordSettings(person, by: actor)  // the policy first
      let body = try req.content.decode(DTO.RecordSettingsOut.self)
      let settings = RecordSettings(
        autoConfirmDays: body.autoConfirmDays, familySeesPersonalCare: body.familySeesPersonalCare)
      try await req.cases.changeRecordSettings(settings, person: person, by: actor)
      return DTO.RecordSettingsOut(try await req.cases.recordSettings(person, by: actor).settings)
    }
    v1.post(.visitTimesAnswer(.key)) { req async throws -> DTO.RecordOut in
      let actor = try await req.actor()
      let visitID = try req.id(RotaVisit.self, SiteURL.visitID)
      let body = try req.content.decode(DTO.TimesAnswerIn.self)
      try await req.cases.answerTimes(visitID, agree: body.answer == .right, reason: body.reason ?? "", by: actor)
      return DTO.RecordOut(try await req.cases.visitRecord(visitID, by: actor))
    }
  }
}

extension DTO {
  /// `{"entries": [...]}`: entries of one visit's record, each with an id the phone made.
  struct RecordIn: Content {
    let entries: [RecordEntryIn]
  }

  struct RecordEntryIn: Content {
    let id: UUID
    let kind: RecordEntryKind
    let task: VisitTask?
    let outcome: TaskOutcome?
    let wellbeing: Int?
    let text: String?
    let waterInReach: Bool?
    let pendantInReach: Bool?
    let isPersonalCare: Bool?
    /// RFC 3339, with or without fractions of a second (phones send both).
    let deviceAt: String
    let corrects: UUID?
    let correctionReason: String?
    /// For a medicine: which one, the dose time ("08:00"; absent when taken as needed), what happened.
    let medicineID: UUID?
    let doseAt: String?
    let medicineOutcome: MedicineOutcome?

    func domain(_ index: Int) throws -> NewRecordEntry {
      guard let deviceAt = DTO.instant(deviceAt) else {
        throw CareError.invalid([
          FieldError("entries[\(index)].deviceAt", "Give the phone's time, like 2026-12-01T08:30:00Z")
        ])
      }
      var minute: Int?
      if let doseAt {
        guard let m = CoopCalendar.minute(ofClock: doseAt) else {
          throw CareError.invalid([FieldError("entries[\(index)].doseAt", "Give the dose time like 08:00")])
        }
        minute = m
      }
      return NewRecordEntry(
        id: id, kind: kind, task: task, outcome: outcome, wellbeing: wellbeing, text: text,
        waterInReach: waterInReach, pendantInReach: pendantInReach, isPersonalCare: isPersonalCare ?? false,
        deviceAt: deviceAt, corrects: corrects, correctionReason: correctionReason, medicineID: medicineID,
        doseAt: minute, medicineOutcome: medicineOutcome)
    }
  }

  /// An RFC 3339 instant, with or without fractions of a second.
  static func instant(_ text: String) -> Date? {
    (try? fractionalInstant.parse(text)) ?? (try? plainInstant.parse(text))
  }

  private static let plainInstant = Date.ISO8601FormatStyle()
  private static let fractionalInstant = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

  struct RecordLineOut: Content {
    let id: String
    let kind: String
    let author: String
    let authorName: String
    let task: String?
    let outcome: String?
    let wellbeing: Int?
    let text: String
    let waterInReach: Bool?
    let pendantInReach: Bool?
    let isPersonalCare: Bool
    let deviceAt: Date
    let receivedAt: Date
    let corrects: String?
    let correctionReason: String?
    let isLate: Bool
    let isFarFromPlanned: Bool
    let correctedBy: String?
    let isConflict: Bool
    let medicine: DoseOut?

    struct DoseOut: Content {
      let medicine: String
      let version: String
      let name: String
      /// Absent for a dose taken as needed.
      let doseAt: String?
      let outcome: String
    }

    init(_ line: VisitRecord.Line, _ model: VisitRecordModel) {
      let e = line.entry
      (id, kind, author, authorName) = (
        e.id.description, e.kind.rawValue, e.authorID.description, model.name(e.authorID)
      )
      (task, outcome, wellbeing, text) = (e.task?.rawValue, e.outcome?.rawValue, e.wellbeing, e.text)
      (waterInReach, pendantInReach, isPersonalCare) = (e.waterInReach, e.pendantInReach, e.isPersonalCare)
      (deviceAt, receivedAt) = (e.deviceAt, e.receivedAt)
      (corrects, correctionReason) = (e.corrects?.description, e.correctionReason)
      (isLate, isFarFromPlanned, isConflict) = (line.isLate, line.isFarFromPlanned, line.isConflict)
      correctedBy = line.correctedBy?.description
      medicine = e.medicine.map {
        DoseOut(
          medicine: $0.medicineID.description, version: $0.versionID.description,
          name: model.medicineName($0.medicineID), doseAt: $0.doseAt.map(CoopCalendar.clockText),
          outcome: $0.outcome.rawValue)
      }
    }
  }

  struct RecordOut: Content {
    let visit: String
    let person: String
    let personName: String
    let day: String
    let start: String
    let end: String
    let mayWrite: Bool
    let arrived: Date?
    let left: Date?
    let times: TimesOut
    let lines: [RecordLineOut]
    let earlier: [EarlierNoteOut]

    init(_ m: VisitRecordModel) {
      let v = m.record.visit
      (visit, person, personName, day) = (v.id.description, v.personID.description, m.personName, v.day.iso)
      (start, end) = (CoopCalendar.clockText(v.start), CoopCalendar.clockText(v.end))
      (mayWrite, arrived, left) = (m.mayWrite, m.record.arrived, m.record.left)
      times = TimesOut(m.times)
      lines = m.lines.map { RecordLineOut($0, m) }
      earlier = m.earlier.map { EarlierNoteOut($0, m) }
    }
  }

  /// A note, how the person was, or what they were doing when the worker left, from a visit of the last days.
  struct EarlierNoteOut: Content {
    let id: String
    let visit: String
    let kind: String
    let author: String
    let authorName: String
    let wellbeing: Int?
    let text: String
    let isPersonalCare: Bool
    let deviceAt: Date

    init(_ e: RecordEntry, _ m: VisitRecordModel) {
      (id, visit, kind, author, authorName) = (
        e.id.description, e.visitID.description, e.kind.rawValue, e.authorID.description, m.name(e.authorID)
      )
      (wellbeing, text, isPersonalCare, deviceAt) = (e.wellbeing, e.text, e.isPersonalCare, e.deviceAt)
    }
  }

  /// `{"start": "08:30", "end": "09:30"}`: the worker confirms the visit's times.
  struct TimesIn: Content {
    let start: String
    let end: String
  }

  /// `{"answer": "right"}`, or `{"answer": "wrong", "reason": "…"}`: the person's say on the times.
  struct TimesAnswerIn: Content {
    enum Answer: String, Codable { case right, wrong }
    let answer: Answer
    let reason: String?
  }

  struct TimesOut: Content {
    let plannedStart: String
    let plannedEnd: String
    let start: String?
    let end: String?
    /// pending, confirmed (both sides) or disputed (held until sorted out).
    let state: String
    let workerConfirmed: Bool
    /// right, wrong, or absent while the person has not said.
    let personAnswer: String?
    let disputeReason: String?
    /// Once both sides agree.
    let confirmedMinutes: Int?
    /// Confirmed because the person said nothing for the days their settings give.
    let autoConfirmed: Bool

    init(_ t: VisitTimes) {
      (plannedStart, plannedEnd) = (CoopCalendar.clockText(t.plannedStart), CoopCalendar.clockText(t.plannedEnd))
      (start, end) = (t.start.map(CoopCalendar.clockText), t.end.map(CoopCalendar.clockText))
      (state, workerConfirmed) = (t.state.rawValue, t.workerAnswer?.answer == .confirm)
      personAnswer = t.personAnswer.map { $0.answer == .confirm ? "right" : "wrong" }
      disputeReason = t.personAnswer.flatMap { $0.answer == .dispute ? $0.reason : nil }
      confirmedMinutes = t.confirmedMinutes
      autoConfirmed = t.isAutoConfirmed && t.state == .confirmed
    }
  }

  /// What the person decides about their records: days after which times confirm themselves (absent or
  /// null: never), and whether family and friends see notes about personal care.
  struct RecordSettingsOut: Content {
    let autoConfirmDays: Int?
    let familySeesPersonalCare: Bool

    init(_ s: RecordSettings) {
      (autoConfirmDays, familySeesPersonalCare) = (s.autoConfirmDays, s.familySeesPersonalCare)
    }
  }

  struct RecordWriteOut: Content {
    let added: Int
    let repeated: Int
    let record: RecordOut
  }
}
