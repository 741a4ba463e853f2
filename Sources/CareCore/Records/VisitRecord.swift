import Foundation

/// What one entry of a visit's record is about. A record is the entries its workers wrote, each attributed
/// and time-stamped; nothing is ever edited in place: a correction is a new entry naming the one it
/// corrects, with a reason, and the old one stays visible.
public enum RecordEntryKind: String, Sendable, Codable, CaseIterable {
  case checkIn, checkOut, task, note, wellbeing, leaving, safety, medicine

  /// Kinds a visit has one of from each worker: a second one that corrects nothing (two phones, offline)
  /// is kept and flagged as a conflict, never dropped or overwritten. (A medicine's dose is one a visit
  /// too: see `RecordEntry.slot`.)
  public var isOnePerVisit: Bool { self != .note && self != .task && self != .medicine }

  public var label: String {
    switch self {
    case .checkIn: "Arrived"
    case .checkOut: "Left"
    case .task: "Task"
    case .note: "Note"
    case .wellbeing: "How they were"
    case .leaving: "What they were doing when I left"
    case .safety: "Safety check"
    case .medicine: "Medicine"
    }
  }
}

/// A task of the visit, done or not (with the reason).
public enum TaskOutcome: String, Sendable, Codable, CaseIterable {
  case done, notDone
}

/// One stored entry of a visit's record.
public struct RecordEntry: Sendable, Hashable, Identifiable {
  /// Made by the worker's phone, so sending the same entry twice (after a lost answer) stores it once.
  public let id: CareCore.ID<RecordEntry>
  public let coopID: CareCore.ID<Coop>
  public let personID: CareCore.ID<Person>
  /// The visit across versions of the week (`RotaVisit.key`): a record outlives a re-plan.
  public let visitKey: String
  /// The published visit it was written against.
  public let visitID: CareCore.ID<RotaVisit>
  public let authorID: CareCore.ID<Account>
  public let kind: RecordEntryKind
  public let task: VisitTask?
  public let outcome: TaskOutcome?
  /// 1 (not good at all) to 5 (very good), for `wellbeing`.
  public let wellbeing: Int?
  /// The note, the reason a task was not done, the person's own words, what they were doing.
  public let text: String
  public let waterInReach: Bool?
  public let pendantInReach: Bool?
  /// A note about personal care: hidden from family and friends in the team unless the person allows.
  public let isPersonalCare: Bool
  /// The time on the phone when the worker wrote it, and when the server received it: both kept.
  public let deviceAt: Date
  public let receivedAt: Date
  public let corrects: CareCore.ID<RecordEntry>?
  public let correctionReason: String?
  /// For `medicine`: the dose and what happened (the reason is `text`).
  public let medicine: MedicineDose?

  public init(
    id: CareCore.ID<RecordEntry>, coopID: CareCore.ID<Coop>, personID: CareCore.ID<Person>, visitKey: String,
    visitID: CareCore.ID<RotaVisit>,
    authorID: CareCore.ID<Account>, kind: RecordEntryKind, task: VisitTask?, outcome: TaskOutcome?, wellbeing: Int?,
    text: String, waterInReach: Bool?, pendantInReach: Bool?, isPersonalCare: Bool, deviceAt: Date,
    receivedAt: Date, corrects: CareCore.ID<RecordEntry>?, correctionReason: String?, medicine: MedicineDose? = nil
  ) {
    self.id = id
    self.coopID = coopID
    self.personID = personID
    self.visitKey = visitKey
    self.visitID = visitID
    self.authorID = authorID
    self.kind = kind
    self.task = task
    self.outcome = outcome
    self.wellbeing = wellbeing
    self.text = text
    self.waterInReach = waterInReach
    self.pendantInReach = pendantInReach
    self.isPersonalCare = isPersonalCare
    self.deviceAt = deviceAt
    self.receivedAt = receivedAt
    self.corrects = corrects
    self.correctionReason = correctionReason
    self.medicine = medicine
  }

  /// What a worker writes once a visit (two of one slot from one worker, neither correcting, is a
  /// conflict): the kind for check-in, check-out, wellbeing, leaving and safety; a medicine's dose time;
  /// nil for notes, tasks and doses taken as needed, which may come many times.
  public var slot: String? {
    if kind == .medicine, let dose = medicine, let at = dose.doseAt {
      return "\(authorID)/medicine/\(dose.medicineID)/\(at)"
    }
    return kind.isOnePerVisit ? "\(authorID)/\(kind.rawValue)" : nil
  }

  /// Whether two sendings of one id say the same thing (the second is then a harmless repeat).
  public func sameContent(as other: RecordEntry) -> Bool {
    visitKey == other.visitKey && authorID == other.authorID && kind == other.kind && task == other.task
      && outcome == other.outcome && wellbeing == other.wellbeing && text == other.text
      && waterInReach == other.waterInReach && pendantInReach == other.pendantInReach
      && isPersonalCare == other.isPersonalCare && corrects == other.corrects
      && correctionReason == other.correctionReason && medicine == other.medicine
      && abs(deviceAt.timeIntervalSince(other.deviceAt)) < 0.001
  }
}

/// An entry as a phone or form sends it, before it is checked against the visit.
public struct NewRecordEntry: Sendable, Hashable {
  public var id: UUID
  public var kind: RecordEntryKind
  public var task: VisitTask?
  public var outcome: TaskOutcome?
  public var wellbeing: Int?
  public var text: String?
  public var waterInReach: Bool?
  public var pendantInReach: Bool?
  public var isPersonalCare: Bool
  public var deviceAt: Date
  public var corrects: UUID?
  public var correctionReason: String?
  /// For `medicine`: which one on the person's list, which dose time (minutes after midnight; nil when
  /// taken as needed), and what happened.
  public var medicineID: UUID?
  public var doseAt: Int?
  public var medicineOutcome: MedicineOutcome?

  public init(
    id: UUID, kind: RecordEntryKind, task: VisitTask? = nil, outcome: TaskOutcome? = nil, wellbeing: Int? = nil,
    text: String? = nil, waterInReach: Bool? = nil, pendantInReach: Bool? = nil, isPersonalCare: Bool = false,
    deviceAt: Date, corrects: UUID? = nil, correctionReason: String? = nil, medicineID: UUID? = nil,
    doseAt: Int? = nil, medicineOutcome: MedicineOutcome? = nil
  ) {
    self.id = id
    self.kind = kind
    self.task = task
    self.outcome = outcome
    self.wellbeing = wellbeing
    self.text = text
    self.waterInReach = waterInReach
    self.pendantInReach = pendantInReach
    self.isPersonalCare = isPersonalCare
    self.deviceAt = deviceAt
    self.corrects = corrects
    self.correctionReason = correctionReason
    self.medicineID = medicineID
    self.doseAt = doseAt
    self.medicineOutcome = medicineOutcome
  }

  public static let longestNote = 2000
  public static let longestReason = 500

  /// Checks the entry against the visit and the record so far (`earlier`, oldest first, the same batch's
  /// entries included): the fields its kind needs, a task of this visit, a medicine on the person's list
  /// (`medicines`, the agreed ones in use) due at this visit, a check-out after the author's check-in, a
  /// correction of the author's own entry of the same kind with a reason. Gives the entry to store, or
  /// throws with every problem (`invalid`) or the clash with the record (`conflict`).
  public func checked(
    for visit: RotaVisit, coop: ID<Coop>, author: ID<Account>, earlier: [RecordEntry], receivedAt: Date,
    medicines: [MedicineVersion] = [], at index: Int = 0
  ) throws(CareError) -> RecordEntry {
    var v = Validator()
    let field = "entries[\(index)]"
    var text = ""
    var dose: MedicineDose?
    switch kind {
    case .medicine:
      let listed = medicineID.flatMap { id in medicines.first { $0.medicineID.rawValue == id } }
      if medicineID == nil {
        v.add("\(field).medicineID", "Say which medicine")
      } else if listed == nil {
        v.add("\(field).medicineID", "This medicine is not on their list")
      }
      if let listed {
        let details = listed.details
        if details.givenBy == .family {
          v.add("\(field).medicineID", "Family give this medicine, not at visits")
        } else if let doseAt {
          if !details.dueTimes(at: visit).contains(doseAt) {
            v.add("\(field).doseAt", "This dose is not due at this visit")
          }
        } else if !details.asNeeded {
          v.add("\(field).doseAt", "Say which dose time")
        }
      }
      switch medicineOutcome {
      case .given?:
        text = v.text(
          self.text, field: "\(field).text", label: "a note", required: false, max: Self.longestReason,
          multiline: true)
      case let outcome?:
        text = v.text(
          self.text, field: "\(field).text", label: "why it was \(outcome.label.lowercased())",
          max: Self.longestReason, multiline: true)
      case nil:
        v.add("\(field).medicineOutcome", "Say whether it was given")
      }
      if let listed, let medicineOutcome {
        dose = MedicineDose(
          medicineID: listed.medicineID, versionID: listed.id, doseAt: doseAt, outcome: medicineOutcome)
      }
    case .checkIn, .checkOut:
      break
    case .task:
      if let task {
        if !visit.tasks.contains(task) { v.add("\(field).task", "This task is not part of this visit") }
      } else {
        v.add("\(field).task", "Say which task")
      }
      switch outcome {
      case .done?:
        text = v.text(
          self.text, field: "\(field).text", label: "a note", required: false, max: Self.longestReason,
          multiline: true)
      case .notDone?:
        text = v.text(
          self.text, field: "\(field).text", label: "why it was not done", max: Self.longestReason, multiline: true)
      case nil:
        v.add("\(field).outcome", "Say whether it was done")
      }
    case .note:
      text = v.text(self.text, field: "\(field).text", label: "the note", max: Self.longestNote, multiline: true)
    case .wellbeing:
      if !(1...5).contains(wellbeing ?? 0) { v.add("\(field).wellbeing", "Choose from 1 to 5") }
      text = v.text(
        self.text, field: "\(field).text", label: "their words", required: false, max: Self.longestReason,
        multiline: true)
    case .leaving:
      text = v.text(
        self.text, field: "\(field).text", label: "what they were doing", max: Self.longestReason, multiline: true)
    case .safety:
      if waterInReach == nil { v.add("\(field).waterInReach", "Say whether water is in reach") }
      if pendantInReach == nil { v.add("\(field).pendantInReach", "Say whether the call pendant is in reach") }
    }
    var reason: String?
    if corrects != nil {
      reason = v.text(
        correctionReason, field: "\(field).correctionReason", label: "why it is corrected", max: Self.longestReason,
        multiline: true)
    }
    try v.check()
    let mine = earlier.filter { $0.authorID == author && $0.visitKey == visit.key }
    if let corrects {
      guard let old = mine.first(where: { $0.id.rawValue == corrects }), old.kind == kind,
        old.medicine?.medicineID == dose?.medicineID, old.medicine?.doseAt == dose?.doseAt
      else {
        throw .conflict(
          FieldError("\(field).corrects", "Only your own entry of the same kind on this visit can be corrected"))
      }
    }
    if kind == .checkOut, corrects == nil {
      let arrived = mine.filter { $0.kind == .checkIn }.map(\.deviceAt).min()
      guard let arrived, arrived <= deviceAt else {
        throw .conflict(FieldError("\(field).kind", "Check in before checking out"))
      }
    }
    return RecordEntry(
      id: ID(id), coopID: coop, personID: visit.personID, visitKey: visit.key, visitID: visit.id, authorID: author,
      kind: kind, task: kind == .task ? task : nil, outcome: kind == .task ? outcome : nil,
      wellbeing: kind == .wellbeing ? wellbeing : nil, text: text,
      waterInReach: kind == .safety ? waterInReach : nil, pendantInReach: kind == .safety ? pendantInReach : nil,
      isPersonalCare: kind == .note && isPersonalCare || kind == .task && task == .personalCare,
      deviceAt: deviceAt, receivedAt: receivedAt, corrects: corrects.map(ID.init), correctionReason: reason,
      medicine: kind == .medicine ? dose : nil)
  }
}

/// A visit's record as it reads: every entry, oldest first, each with what is worth noticing about it.
public struct VisitRecord: Sendable {
  public struct Line: Sendable, Hashable {
    public let entry: RecordEntry
    /// Written (on the phone) more than an hour after the visit's planned end.
    public let isLate: Bool
    /// A check-in or check-out more than an hour from the visit's planned time.
    public let isFarFromPlanned: Bool
    /// Another entry corrects this one: it stays, shown as corrected.
    public let correctedBy: ID<RecordEntry>?
    /// Two entries that cannot both stand (a second check-in from another phone, two corrections of one
    /// entry): both are kept and shown for someone to sort out.
    public let isConflict: Bool
  }

  public let visit: RotaVisit
  public let lines: [Line]

  public static let lateAfter: TimeInterval = 60 * 60
  public static let farFrom: TimeInterval = 60 * 60

  public init(visit: RotaVisit, entries: [RecordEntry], calendar: CoopCalendar = .london) {
    self.visit = visit
    let start = calendar.instant(on: visit.day, atMinute: min(visit.start, 1439))
    let end = start.addingTimeInterval(TimeInterval(visit.length * 60))
    let sorted = entries.sorted {
      ($0.deviceAt, $0.receivedAt, $0.id.description) < ($1.deviceAt, $1.receivedAt, $1.id.description)
    }
    var correctedBy: [ID<RecordEntry>: ID<RecordEntry>] = [:]
    var corrections: [ID<RecordEntry>: Int] = [:]
    for e in sorted {
      if let old = e.corrects {
        correctedBy[old] = e.id
        corrections[old, default: 0] += 1
      }
    }
    // Originals of a one-a-visit kind from one author that nothing corrects: more than one is a conflict.
    var originals: [String: Int] = [:]
    for e in sorted where e.corrects == nil {
      if let slot = e.slot { originals[slot, default: 0] += 1 }
    }
    lines = sorted.map { e in
      let planned = e.kind == .checkOut ? end : start
      let twice = e.corrects == nil && e.slot.map { (originals[$0] ?? 0) > 1 } ?? false
      let rival = e.corrects.map { (corrections[$0] ?? 0) > 1 } ?? false
      return Line(
        entry: e, isLate: e.deviceAt > end.addingTimeInterval(Self.lateAfter),
        isFarFromPlanned: (e.kind == .checkIn || e.kind == .checkOut)
          && abs(e.deviceAt.timeIntervalSince(planned)) > Self.farFrom,
        correctedBy: correctedBy[e.id], isConflict: twice || rival)
    }
  }

  /// The entries that stand: not corrected by a later one.
  public var current: [Line] { lines.filter { $0.correctedBy == nil } }

  /// When the worker arrived and left, as the record stands (the first standing check-in and last check-out).
  public var arrived: Date? { current.filter { $0.entry.kind == .checkIn }.map(\.entry.deviceAt).min() }
  public var left: Date? { current.filter { $0.entry.kind == .checkOut }.map(\.entry.deviceAt).max() }
}

/// How much of a person's records someone in their team sees.
public enum RecordView: Sendable, Hashable {
  /// The person, their arranger, the registered manager and the circle's safeguarding lead: all of it.
  case everything
  /// Workers in the team: everything from the last weeks, which they need for care.
  case care(since: Day)
  /// Family, friends, professionals and advocates: everything but personal care, unless the person allows.
  case withoutPersonalCare
  /// A worker who is not in the team (cover): the records of the visits they are on, which the use case
  /// alone reads for them.
  case ownVisits

  /// How far back the team's workers see.
  public static let careDays = 28

  public static func of(
    _ requester: Requester, in team: Team, today: Day, settings: RecordSettings = .standard
  ) -> RecordView {
    let me = requester.account.id
    if me == team.personAccount.id || requester.wears(.registeredManager)
      || requester.wears(.safeguardingLead, in: team.person.circleID)
    {
      return .everything
    }
    guard let entry = team.active.first(where: { $0.account.id == me }) else { return .ownVisits }
    if entry.membership.isArranger { return .everything }
    switch entry.membership.relationship {
    case .worker, .backupWorker: return .care(since: today.adding(days: -careDays))
    default: return settings.familySeesPersonalCare ? .everything : .withoutPersonalCare
    }
  }

  /// Whether a line of a visit on `day` shows in this view (`reader` is who is reading).
  public func shows(_ entry: RecordEntry, on day: Day, to reader: ID<Account>) -> Bool {
    switch self {
    case .everything: true
    case .care(let since): day >= since || entry.authorID == reader
    case .withoutPersonalCare: !entry.isPersonalCare
    case .ownVisits: true
    }
  }
}
